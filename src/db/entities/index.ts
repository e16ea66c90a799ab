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
import { RecipientSendGroupEntity } from './recipient-send-group.entity';

export const entities = [
  OrganizationEntity,
  ApiKeyEntity,
  CampaignEntity,
  CampaignRecipientEntity,
  RecipientSendGroupEntity,
  AttributionEntity,
  AttributionChangeEntity,
  AttributionAggregateDailyEntity,
  AggregationStateEntity,
  FunnelEntryEntity,
  BrevoSyncOutboxEntity,
];
