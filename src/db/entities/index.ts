import { AggregationStateEntity } from './aggregation-state.entity';
import { ApiKeyEntity } from './api-key.entity';
import { AttributionAggregateDailyEntity } from './attribution-aggregate-daily.entity';
import { AttributionChangeEntity } from './attribution-change.entity';
import { AttributionEntity } from './attribution.entity';
import { BrevoSyncOutboxEntity } from './brevo-sync-outbox.entity';
import { CampaignRecipientEntity } from './campaign-recipient.entity';
import { CampaignEntity } from './campaign.entity';
import { FunnelEntryEntity } from './funnel-entry.entity';
import { OrganizationEntity } from './organization.entity';

export const entities = [
  OrganizationEntity,
  ApiKeyEntity,
  CampaignEntity,
  CampaignRecipientEntity,
  AttributionEntity,
  AttributionChangeEntity,
  AttributionAggregateDailyEntity,
  AggregationStateEntity,
  FunnelEntryEntity,
  BrevoSyncOutboxEntity,
];
