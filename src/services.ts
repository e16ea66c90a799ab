import type { DataSource } from 'typeorm';
import { CampaignService } from './campaigns/campaign.service';
import { IngestionService } from './campaigns/ingestion.service';
import type { JobRuntime } from './jobs/job-runtime';
import { OrganizationService } from './organizations/organization.service';

/** The services resolvers, REST routes, jobs and CLIs delegate to. */
export interface DomainServices {
  organizations: OrganizationService;
  campaigns: CampaignService;
  ingestion: IngestionService;
}

export interface Services extends DomainServices {
  jobs: JobRuntime;
}

export function makeDomainServices(dataSource: DataSource): DomainServices {
  return {
    organizations: new OrganizationService(dataSource),
    campaigns: new CampaignService(dataSource),
    ingestion: new IngestionService(dataSource),
  };
}
