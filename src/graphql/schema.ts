import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { CampaignResolver } from '../campaigns/campaign.resolver';
import { IngestionResolver } from '../campaigns/ingestion.resolver';
import { FunnelResolver } from '../funnels/funnel.resolver';
import { JobResolver } from '../jobs/job.resolver';
import { OutboxResolver } from '../outbox/outbox.resolver';
import { OrganizationResolver } from '../organizations/organization.resolver';
import { ExportLinkResolver } from '../reporting/export-link.resolver';
import { HoldoutPlanResolver } from '../reporting/experiments/holdout-plan.resolver';
import { StatsResponseResolver } from '../reporting/stats-response.resolver';
import { StatsResolver } from '../reporting/stats.resolver';
import { withRootDescriptions } from './root-descriptions';
import { DateTimeScalar } from './scalars';

export const resolvers = [OrganizationResolver, CampaignResolver, IngestionResolver, StatsResolver, StatsResponseResolver, HoldoutPlanResolver, FunnelResolver, JobResolver, OutboxResolver, ExportLinkResolver] as const;

let schema: GraphQLSchema | null = null;

/** The schema built from the TypeGraphQL classes (built once per process). */
export function buildAppSchema(): GraphQLSchema {
  schema ??= withRootDescriptions(
    buildSchemaSync({
      resolvers: [...resolvers],
      scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
      validate: false,
    }),
  );
  return schema;
}
