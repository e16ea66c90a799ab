import type { DataSource } from 'typeorm';
import { dbOf } from './db/db';
import type { Cache } from './cache/cache';
import { CampaignService } from './campaigns/campaign.service';
import { IngestionService } from './campaigns/ingestion.service';
import { FunnelService } from './funnels/funnel.service';
import type { JobRuntime } from './jobs/job-runtime';
import type { Logger } from './logger';
import { OrganizationService } from './organizations/organization.service';
import type { Config } from './config';
import type { Metrics } from './metrics';
import { OutboxService } from './outbox/outbox.service';
import { AggregationService } from './reporting/aggregation.service';
import { ExportService } from './reporting/export.service';
import type { ExportLinkService } from './reporting/export-link.service';
import { ExpensiveOperationGate } from './reporting/expensive-operations';
import { ReportingSyncService } from './reporting/reporting-sync.service';
import { StatsCacheService } from './reporting/stats-cache.service';
import { StatsService } from './reporting/stats.service';

/** The services resolvers, REST routes, jobs and CLIs delegate to. */
export interface DomainServices {
  organizations: OrganizationService;
  campaigns: CampaignService;
  ingestion: IngestionService;
  aggregation: AggregationService;
  stats: StatsService;
  statsCache: StatsCacheService;
  reportingSync: ReportingSyncService;
  exports: ExportService;
  /** The per-organisation cap on expensive stats computations. */
  expensiveOperations: ExpensiveOperationGate;
  funnels: FunnelService;
  outbox: OutboxService;
}

export interface Services extends DomainServices {
  jobs: JobRuntime;
  exportLinks: ExportLinkService;
}

export function makeDomainServices(
  dataSource: DataSource,
  options: {
    slidingWindowDays: number;
    logger: Logger;
    cache: Cache;
    brevo: Config['brevo'];
    metrics?: Metrics;
    outboxLeaseMs?: number;
    jobDataSource?: DataSource;
    expensive?: { maxPerOrg: number; queueMs: number };
    /** The statement timeout of a CSV export's COPY (0 = none). */
    exportStatementTimeoutMs?: number;
  },
): DomainServices {
  const stats = new StatsService(dataSource);
  // The long-running work of the jobs (folding changes, syncing reports) runs on the jobs' own connections when given.
  const jobDataSource = options.jobDataSource ?? dataSource;
  const expensiveOperations = options.expensive ? new ExpensiveOperationGate(options.expensive) : ExpensiveOperationGate.unlimited();
  const statsCache = new StatsCacheService(options.cache, stats, options.logger, expensiveOperations);
  return {
    organizations: new OrganizationService(dataSource),
    campaigns: new CampaignService(dataSource),
    ingestion: new IngestionService(dataSource),
    aggregation: new AggregationService(jobDataSource, options.slidingWindowDays),
    stats,
    statsCache,
    reportingSync: new ReportingSyncService(jobDataSource, statsCache, options.cache, options.logger),
    exports: new ExportService(dataSource, { statementTimeoutMs: options.exportStatementTimeoutMs ?? 0 }),
    expensiveOperations,
    funnels: new FunnelService(dataSource, options.logger),
    outbox: new OutboxService(dbOf(dataSource), options.brevo, options.logger, { metrics: options.metrics, leaseMs: options.outboxLeaseMs }),
  };
}
