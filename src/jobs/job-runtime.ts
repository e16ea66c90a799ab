import { Agenda, type Job } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { Pool } from 'pg';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { JobDefinition } from './job-definition';
import { isStale } from './job-staleness';

export interface ScheduledJobView {
  name: string;
  interval: string | null;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  failCount: number;
  failReason: string | null;
  lockedAt: Date | null;
  /** When the schedule was first stored. */
  scheduledAt: Date | null;
}

interface AgendaJobRow {
  name: string;
  repeat_interval: string | null;
  next_run_at: Date | null;
  last_run_at: Date | null;
  last_finished_at: Date | null;
  fail_count: number | null;
  fail_reason: string | null;
  locked_at: Date | null;
  created_at: Date | null;
}

type Trigger = 'schedule' | 'manual';

/** A scheduled run found the job's advisory lock taken: not a finished run (Agenda records it as failed). */
class RunInProgressError extends Error {
  constructor(job: string) {
    super(`skipped: another run of ${job} is in progress`);
    this.name = 'RunInProgressError';
  }
}

/**
 * Agenda on the app's PostgreSQL (`agenda_jobs`). Agenda owns the schedule and a row lock that
 * lasts `lockLifetimeMs`, renewed by a heartbeat while the job runs, so a dead worker's lock
 * expires within that time and another worker (or the restarted one) takes the job over. The
 * real guard is a session advisory lock named after the job that every run, scheduled or manual,
 * holds: it dies with its connection, and the same job never runs twice at once in the cluster.
 */
export class JobRuntime {
  private agenda: Agenda | null = null;
  private processing = false;
  private readonly definitions: Map<string, JobDefinition>;

  constructor(
    private readonly deps: {
      pool: Pool;
      definitions: JobDefinition[];
      logger: Logger;
      metrics: Metrics;
      schedulerEnabled: boolean;
      /** Overrides of the definitions' intervals, by job name. */
      intervals?: Record<string, string>;
      /** Agenda's lock on a running job lasts this long without a heartbeat. */
      lockLifetimeMs?: number;
    },
  ) {
    this.definitions = new Map(deps.definitions.map((d) => [d.name, d]));
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  private intervalOf(definition: JobDefinition): string {
    return this.deps.intervals?.[definition.name] ?? definition.interval;
  }

  /** Connects Agenda (creating its table), then, for a worker, schedules and processes jobs. */
  async start(options: { worker: boolean }): Promise<void> {
    const backend = new PostgresBackend({ pool: this.deps.pool });
    // The LISTEN channel re-emits connection errors on itself (and reconnects); unheard, they
    // would crash the process, e.g. when PostgreSQL shuts down before we do.
    const channel = backend.notificationChannel;
    if (channel && 'on' in channel && typeof channel.on === 'function') {
      channel.on('error', (err: unknown) => this.deps.logger.warn({ err }, 'job notification channel error (reconnecting)'));
    }
    const agenda = new Agenda({
      name: `paperrun-${process.pid}`,
      backend,
      processEvery: '5 seconds',
      defaultLockLifetime: this.lockLifetimeMs,
    });
    agenda.on('error', (err: Error) => this.deps.logger.error({ err }, 'job runtime error'));
    for (const definition of this.definitions.values()) {
      agenda.define(definition.name, (job: Job) => this.execute(definition, 'schedule', job), { concurrency: 1, lockLimit: 1 });
    }
    await agenda.ready;
    this.agenda = agenda;
    if (!options.worker) return;
    await this.releaseStaleLocks();
    for (const definition of this.definitions.values()) {
      if (this.deps.schedulerEnabled) await agenda.every(this.intervalOf(definition), definition.name);
      else await agenda.cancel({ name: definition.name });
    }
    await agenda.start();
    this.processing = true;
    this.deps.logger.info({ jobs: this.names, scheduler: this.deps.schedulerEnabled }, 'job worker started');
  }

  /** Runs the job now in this process and resolves once it completed (rejects if it failed). */
  async runNow(name: string): Promise<void> {
    const definition = this.definitions.get(name);
    if (!definition) {
      throw new AppError('BAD_USER_INPUT', `name: unknown job ${JSON.stringify(name)}; known jobs: ${this.names.join(', ')}`, [
        { field: 'name', message: 'unknown job' },
      ]);
    }
    await this.execute(definition, 'manual');
  }

  private get lockLifetimeMs(): number {
    return this.deps.lockLifetimeMs ?? 60_000;
  }

  /**
   * Start-up recovery: a job row still locked although nobody holds the job's advisory lock was
   * locked by a worker that died (or lost its database) mid-run; unlocking it lets the job run
   * now instead of after the lock lifetime. A live run keeps its advisory lock and its row lock.
   */
  private async releaseStaleLocks(): Promise<void> {
    const { pool, logger } = this.deps;
    const client = await pool.connect();
    try {
      for (const name of this.names) {
        const lockKey = `job:${name}`;
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [lockKey]);
        if (!rows[0].locked) continue;
        try {
          const { rowCount } = await client.query(`UPDATE agenda_jobs SET locked_at = NULL WHERE name = $1 AND locked_at IS NOT NULL`, [name]);
          if (rowCount) logger.warn({ job: name }, 'released the lock a dead worker left on the job');
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
        }
      }
    } finally {
      client.release();
    }
  }

  /** Renews Agenda's lock on `job` well inside its lifetime while the run lasts; returns the stop function. */
  private startHeartbeat(definition: JobDefinition, job: Job): () => void {
    const timer = setInterval(() => {
      job.touch().catch((err: unknown) => this.deps.logger.warn({ err, job: definition.name }, 'job heartbeat failed'));
    }, Math.max(1_000, Math.floor(this.lockLifetimeMs / 4)));
    return () => clearInterval(timer);
  }

  private async execute(definition: JobDefinition, trigger: Trigger, job?: Job): Promise<void> {
    const { logger, metrics, pool } = this.deps;
    const client = await pool.connect();
    // A checked-out client reports a lost connection as an event; the query in flight fails too.
    const onClientError = (err: unknown) => logger.warn({ err, job: definition.name }, 'job lock connection lost');
    client.on('error', onClientError);
    const lockKey = `job:${definition.name}`;
    try {
      if (trigger === 'manual') {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
      } else {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [lockKey]);
        if (!rows[0].locked) {
          logger.info({ job: definition.name }, 'job skipped: another run of it is in progress');
          metrics.jobRuns.inc({ job: definition.name, trigger, outcome: 'skipped' });
          throw new RunInProgressError(definition.name);
        }
      }
      const stopTimer = metrics.jobDuration.startTimer({ job: definition.name });
      const stopHeartbeat = job ? this.startHeartbeat(definition, job) : () => undefined;
      const started = Date.now();
      try {
        const summary = await definition.run();
        metrics.jobRuns.inc({ job: definition.name, trigger, outcome: 'success' });
        logger.info({ job: definition.name, trigger, ms: Date.now() - started }, `job finished: ${summary}`);
      } catch (err) {
        metrics.jobRuns.inc({ job: definition.name, trigger, outcome: 'failure' });
        logger.error({ job: definition.name, trigger, err, ms: Date.now() - started }, 'job failed');
        throw err;
      } finally {
        stopHeartbeat();
        stopTimer();
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
      }
    } finally {
      client.off('error', onClientError);
      client.release();
    }
  }

  /** Every defined job with its schedule state; nextRunAt is null while the scheduler is off. */
  async list(): Promise<ScheduledJobView[]> {
    const { rows } = await this.deps.pool.query<AgendaJobRow>(
      `SELECT name, repeat_interval, next_run_at, last_run_at, last_finished_at, fail_count, fail_reason, locked_at, created_at
         FROM agenda_jobs WHERE type = 'single' AND name = ANY($1::text[])`,
      [this.names],
    ).catch((err: unknown) => {
      // Before the first worker start, agenda_jobs may not exist yet: nothing is scheduled.
      if (err instanceof Error && 'code' in err && err.code === '42P01') return { rows: [] as AgendaJobRow[] };
      throw err;
    });
    const byName = new Map(rows.map((r) => [r.name, r]));
    return [...this.definitions.values()].map((definition) => {
      const row = byName.get(definition.name);
      return {
        name: definition.name,
        interval: this.intervalOf(definition),
        nextRunAt: this.deps.schedulerEnabled ? (row?.next_run_at ?? null) : null,
        lastRunAt: row?.last_run_at ?? null,
        lastFinishedAt: row?.last_finished_at ?? null,
        failCount: row?.fail_count ?? 0,
        failReason: row?.fail_reason ?? null,
        lockedAt: row?.locked_at ?? null,
        scheduledAt: row?.created_at ?? null,
      };
    });
  }

  /**
   * The scheduled jobs that have not finished a run for more than twice their interval (wedged,
   * failing, or no worker runs them); none while the scheduler is off.
   */
  async staleJobs(now = new Date()): Promise<string[]> {
    if (!this.deps.schedulerEnabled) return [];
    return (await this.list()).filter((job) => job.interval !== null && isStale({ ...job, interval: job.interval }, now)).map((job) => job.name);
  }

  /** 'ok' while a worker processes jobs, 'off' for an API-only process. */
  health(): 'ok' | 'off' {
    return this.processing ? 'ok' : 'off';
  }

  /** The underlying Agenda, for the Agendash dashboard. */
  get instance(): Agenda | null {
    return this.agenda;
  }

  async stop(): Promise<void> {
    const agenda = this.agenda;
    this.agenda = null;
    this.processing = false;
    if (agenda) await agenda.stop(false);
  }
}
