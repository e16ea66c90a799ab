import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/db';
import { badUserInput, notFound } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { BrevoClient, classify, contactRequest, type BrevoSettings } from './brevo.client';
import { OutboxRepository, type OutboxRow, type OutboxStatusValue, type OutboxSummaryRow } from './outbox.repository';

/** Minutes per retry: a transient failure's next attempt is now + retry_count × this. */
export const RETRY_BACKOFF_MINUTES = 5;
export const MAX_OUTBOX_PAGE = 500;
/** OUTBOX_LEASE_SECONDS' default. */
export const DEFAULT_LEASE_MS = 60_000;

export interface OutboxServiceOptions {
  /** The clock (tests move it); every time the worker writes or compares comes from here. */
  now?: () => Date;
  /** How long a claim holds its jobs; a worker that died gives them up after this. */
  leaseMs?: number;
  batchSize?: number;
  /** Distinguishes this worker's leases (`locked_by`). */
  workerId?: string;
  client?: BrevoClient;
  metrics?: Metrics;
}

export interface OutboxRunResult {
  /** False: no BREVO_API_KEY, nothing was called. */
  enabled: boolean;
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
  /** Jobs whose lease had run out and were taken by another worker before we recorded the outcome. */
  lostLeases: number;
  /** A 429 ended the run. */
  rateLimited: boolean;
  batches: number;
}

export class OutboxService {
  private readonly repository: OutboxRepository;
  private readonly client: BrevoClient;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly workerId: string;
  private readonly metrics: Metrics | null;
  private loggedDisabled = false;

  constructor(
    db: Db,
    private readonly settings: BrevoSettings,
    private readonly logger: Logger,
    options: OutboxServiceOptions = {},
  ) {
    this.repository = new OutboxRepository(db);
    this.client = options.client ?? new BrevoClient(settings);
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? 25;
    // Short, so a dead worker's jobs are due again soon; a live worker renews it as it goes.
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.metrics = options.metrics ?? null;
  }

  get deliveryEnabled(): boolean {
    return this.settings.apiKey !== null;
  }

  /**
   * One worker run: claims due jobs batch after batch and delivers them in entry order until
   * none is due. A 429 ends the run; the jobs still claimed are given back untouched. Never
   * sleeps on a failure: retries are scheduled in the rows.
   */
  async processDueJobs(): Promise<OutboxRunResult> {
    const result: OutboxRunResult = { enabled: true, claimed: 0, delivered: 0, retried: 0, failed: 0, lostLeases: 0, rateLimited: false, batches: 0 };
    if (!this.deliveryEnabled) {
      if (!this.loggedDisabled) {
        this.logger.warn('Brevo delivery is off (BREVO_API_KEY is not set): outbox jobs stay pending');
        this.loggedDisabled = true;
      }
      return { ...result, enabled: false };
    }
    for (;;) {
      let leasedAt = this.now();
      const batch = await this.repository.claimDue(leasedAt, this.leaseMs, this.workerId, this.batchSize);
      if (batch.length === 0) return result;
      result.batches += 1;
      result.claimed += batch.length;
      let held = new Set(batch.map((j) => j.id));
      for (let i = 0; i < batch.length; i++) {
        const job = batch[i];
        // Renewed once half the lease has passed, so the rest of the batch stays ours.
        if (this.now().getTime() - leasedAt.getTime() > this.leaseMs / 2) {
          leasedAt = this.now();
          held = await this.repository.renewLeases(batch.slice(i), this.workerId, leasedAt, this.leaseMs);
        }
        if (!held.has(job.id)) {
          result.lostLeases += 1;
          continue;
        }
        const stop = await this.deliver(job, result);
        if (stop) {
          await this.repository.release(batch.slice(i + 1), this.workerId);
          result.rateLimited = true;
          this.logger.info({ remaining: batch.length - i - 1 }, 'Brevo answered 429: outbox run ended');
          return result;
        }
      }
    }
  }

  /** Delivers one job and records the outcome; true when Brevo rate-limited us (the run ends). */
  private async deliver(job: OutboxRow, result: OutboxRunResult): Promise<boolean> {
    const response = await this.client.createOrUpdateContact(contactRequest(job.payload, this.settings));
    const outcome = classify(response);
    const now = this.now();
    if (outcome.kind === 'success') {
      if (await this.repository.markSuccess(job, this.workerId, now)) {
        result.delivered += 1;
        this.metrics?.outboxDeliveries.inc({ outcome: 'success' });
      } else {
        result.lostLeases += 1;
        this.logger.warn({ jobId: job.id }, 'outbox job delivered after its lease ran out');
      }
      return false;
    }
    const status = await this.repository.markFailure(job, this.workerId, now, {
      fatal: outcome.kind === 'fatal',
      maxRetries: this.settings.maxRetries,
      backoffMinutes: RETRY_BACKOFF_MINUTES,
      resetSeconds: outcome.kind === 'transient' ? outcome.resetSeconds : null,
      lastError: outcome.error,
    });
    if (status === null) {
      result.lostLeases += 1;
    } else if (status === 'failed') {
      result.failed += 1;
      this.metrics?.outboxDeliveries.inc({ outcome: outcome.kind === 'fatal' ? 'fatal' : 'failed' });
      this.logger.warn({ jobId: job.id, orgId: job.org_id, error: outcome.error }, 'outbox job failed for good');
    } else {
      result.retried += 1;
      this.metrics?.outboxDeliveries.inc({ outcome: outcome.kind === 'transient' && outcome.rateLimited ? 'rate_limited' : 'retry' });
    }
    return outcome.kind === 'transient' && outcome.rateLimited;
  }

  /** The caller's jobs; a funnel entry that is not the caller's (or none at all) is NOT_FOUND (spec §11). */
  async list(orgId: string, filter: { status: OutboxStatusValue | null; funnelEntryId: string | null; first: number }): Promise<OutboxRow[]> {
    if (!Number.isInteger(filter.first) || filter.first < 1 || filter.first > MAX_OUTBOX_PAGE) {
      throw badUserInput([{ field: 'first', message: `must be between 1 and ${MAX_OUTBOX_PAGE}` }]);
    }
    const entryId = filter.funnelEntryId;
    if (entryId !== null && !(isBigintId(entryId) && (await this.repository.hasFunnelEntry(orgId, entryId)))) {
      throw notFound('Funnel entry', entryId, 'funnelEntryId');
    }
    return this.repository.list(orgId, filter);
  }

  summary(orgId: string): Promise<OutboxSummaryRow> {
    return this.repository.summary(orgId, this.now());
  }

  /** Makes the caller's job pending and due now; retry_count is kept. Another organisation's id: NOT_FOUND. */
  async retry(orgId: string, id: string): Promise<OutboxRow> {
    const row = isBigintId(id) ? await this.repository.retry(orgId, id) : null;
    if (!row) throw notFound('Outbox job', id, 'id');
    return row;
  }
}

function isBigintId(value: string): boolean {
  return /^[0-9]{1,18}$/.test(value);
}
