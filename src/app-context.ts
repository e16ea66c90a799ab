import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Cache } from './cache/cache';
import { makeCache } from './cache/make-cache';
import type { Config } from './config';
import { makeDataSource } from './db/data-source';
import { dbOf, dbOfPool, type Db } from './db/db';
import { jobIntervals, makeJobDefinitions } from './jobs/definitions';
import { JobRuntime } from './jobs/job-runtime';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { OutboxRepository } from './outbox/outbox.repository';
import { makeDomainServices, type Services } from './services';

/** Everything one process holds open: connections, cache, metrics, services, job runtime. */
export interface AppContext {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  db: Db;
  /** A small pg pool for Agenda and job advisory locks (Agenda holds one connection for LISTEN). */
  jobPool: Pool;
  cache: Cache;
  metrics: Metrics;
  services: Services;
}

export async function createAppContext(config: Config, logger: Logger, databaseUrl: string, options: { processMetrics?: boolean } = {}): Promise<AppContext> {
  const metrics = new Metrics({ collectProcessMetrics: options.processMetrics ?? false });
  const dataSource = makeDataSource(databaseUrl, config.dbPoolSize, { onQuery: () => metrics.dbQueries.inc() });
  await dataSource.initialize();
  const jobPool = new Pool({ connectionString: databaseUrl, max: 5, application_name: 'paperrun-jobs' });
  jobPool.on('error', (err) => logger.error({ err }, 'job pool connection error'));
  const cache = makeCache(config.redisUrl, logger);
  const domain = makeDomainServices(dataSource, { slidingWindowDays: config.aggregationSlidingWindowDays, logger, cache, brevo: config.brevo, metrics, expensive: { maxPerOrg: config.limits.maxExpensivePerOrg, queueMs: config.limits.expensiveQueueMs } });
  // Read on the job pool, so scrapes do not count in db_queries_total.
  const outboxBacklog = new OutboxRepository(dbOfPool(jobPool));
  metrics.observeOutbox(
    () => outboxBacklog.backlog(new Date()),
    (err) => logger.warn({ err }, 'could not read the outbox backlog for /metrics'),
  );
  const jobs = new JobRuntime({
    pool: jobPool,
    definitions: makeJobDefinitions(domain),
    logger,
    metrics,
    schedulerEnabled: config.schedulerEnabled,
    intervals: jobIntervals(config),
  });
  return {
    config,
    logger,
    dataSource,
    db: dbOf(dataSource),
    jobPool,
    cache,
    metrics,
    services: { ...domain, jobs },
  };
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.services.jobs.stop();
  await ctx.cache.close();
  await ctx.jobPool.end();
  if (ctx.dataSource.isInitialized) await ctx.dataSource.destroy();
}
