import type { DataSource } from 'typeorm';
import { CampaignService } from './campaigns/campaign.service';
import { IngestionService } from './campaigns/ingestion.service';
import type { JobRuntime } from './jobs/job-runtime';
import { OrganizationService } from './organizations/organization.service';
import { AggregationService } from './reporting/aggregation.service';
import { ExportService } from './reporting/export.service';
import { StatsService } from './reporting/stats.service';

/** The services resolvers, REST routes, jobs and CLIs delegate to. */
export interface DomainServices {
  organizations: OrganizationService;
  campaigns: CampaignService;
  ingestion: IngestionService;
  aggregation: AggregationService;
  stats: StatsService;
  exports: ExportService;
}

export interface Services extends DomainServices {
  jobs: JobRuntime;
}

export function makeDomainServices(dataSource: DataSource, options: { slidingWindowDays: number }): DomainServices {
  return {
    organizations: new OrganizationService(dataSource),
    campaigns: new CampaignService(dataSource),
    ingestion: new IngestionService(dataSource),
    aggregation: new AggregationService(dataSource, options.slidingWindowDays),
    stats: new StatsService(dataSource),
    exports: new ExportService(dataSource),
  };
}
