import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Cache } from './cache/cache';
import { makeCache } from './cache/make-cache';
import type { Config } from './config';
import { makeDataSource, type DbTimeouts } from './db/data-source';
import { dbOf, dbOfPool, type Db } from './db/db';
import { jobIntervals, makeJobDefinitions } from './jobs/definitions';
import { JobRuntime } from './jobs/job-runtime';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { OutboxRepository } from './outbox/outbox.repository';
import { ExportLinkService, exportLinkSecret } from './reporting/export-link.service';
import { makeDomainServices, type Services } from './services';

/** Everything one process holds open: connections, cache, metrics, services, job runtime. */
export interface AppContext {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  /** The jobs' own connections in a process that also serves requests (role all); else null. */
  jobDataSource: DataSource | null;
  db: Db;
  /** A small pg pool for Agenda and job advisory locks (Agenda holds one connection for LISTEN). */
  jobPool: Pool;
  cache: Cache;
  metrics: Metrics;
  services: Services;
}

/** API requests fail in seconds on a slow or stalled database; jobs and CLIs get their own, longer limit. */
export function requestTimeouts(config: Config): DbTimeouts {
  return { statementTimeoutMs: config.db.statementTimeoutMs, connectTimeoutMs: config.db.connectTimeoutMs, idleInTransactionTimeoutMs: 60_000 };
}

export function jobTimeouts(config: Config): DbTimeouts {
  return { statementTimeoutMs: config.db.jobStatementTimeoutMs, connectTimeoutMs: config.db.connectTimeoutMs };
}

export async function createAppContext(
  config: Config,
  logger: Logger,
  databaseUrl: string,
  options: { processMetrics?: boolean; role?: 'api' | 'worker' | 'all' } = {},
): Promise<AppContext> {
  const role = options.role ?? 'all';
  const metrics = new Metrics({ collectProcessMetrics: options.processMetrics ?? false });
  const onQuery = () => metrics.dbQueries.inc();
  const dataSource = makeDataSource(databaseUrl, config.dbPoolSize, { onQuery, timeouts: role === 'worker' ? jobTimeouts(config) : requestTimeouts(config) });
  await dataSource.initialize();
  // A process that serves requests and runs jobs gives the jobs connections of their own, with the job limit.
  const jobDataSource = role === 'all' ? makeDataSource(databaseUrl, 4, { onQuery, timeouts: jobTimeouts(config) }) : null;
  await jobDataSource?.initialize();
  const jobPool = new Pool({ connectionString: databaseUrl, max: 5, application_name: 'paperrun-jobs', keepAlive: true, connectionTimeoutMillis: config.db.connectTimeoutMs });
  jobPool.on('error', (err) => logger.error({ err }, 'job pool connection error'));
  const cache = makeCache(config.redisUrl, logger);
  const serviceOptions = {
    slidingWindowDays: config.aggregationSlidingWindowDays,
    logger,
    cache,
    brevo: config.brevo,
    metrics,
    outboxLeaseMs: config.outboxLeaseSeconds * 1000,
    jobDataSource: jobDataSource ?? undefined,
    expensive: { maxPerOrg: config.limits.maxExpensivePerOrg, queueMs: config.limits.expensiveQueueMs },
    exportStatementTimeoutMs: config.db.jobStatementTimeoutMs,
  };
  const domain = makeDomainServices(dataSource, serviceOptions);
  // Read on the job pool, so scrapes do not count in paperrun_db_queries_total.
  const outboxBacklog = new OutboxRepository(dbOfPool(jobPool));
  metrics.observeOutbox(
    () => outboxBacklog.backlog(new Date()),
    (err) => logger.warn({ err }, 'could not read the outbox backlog for /metrics'),
  );
  const jobs = new JobRuntime({
    pool: jobPool,
    definitions: makeJobDefinitions(domain),
    lockLifetimeMs: config.jobLockLifetimeMs,
    logger,
    metrics,
    schedulerEnabled: config.schedulerEnabled,
    intervals: jobIntervals(config),
  });
  return {
    config,
    logger,
    dataSource,
    jobDataSource,
    db: dbOf(dataSource),
    jobPool,
    cache,
    metrics,
    services: { ...domain, jobs, exportLinks: new ExportLinkService(domain.campaigns, exportLinkSecret(config), config.exportLinks.ttlSeconds) },
  };
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.services.jobs.stop();
  await ctx.cache.close();
  await ctx.jobPool.end();
  if (ctx.jobDataSource?.isInitialized) await ctx.jobDataSource.destroy();
  if (ctx.dataSource.isInitialized) await ctx.dataSource.destroy();
}
