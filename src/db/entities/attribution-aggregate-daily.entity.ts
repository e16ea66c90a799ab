import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'attribution_aggregates_daily' })
export class AttributionAggregateDailyEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('uuid', { name: 'campaign_id' }) campaignId: string;
  /** The orders' local date in the organisation's timezone. */
  @PrimaryColumn('date') day: string;
  @PrimaryColumn('boolean', { name: 'is_holdout' }) isHoldout: boolean;
  @Column('jsonb', { default: {} }) metrics: Record<string, string | number>;
  @Column('timestamptz', { name: 'last_updated' }) lastUpdated: Date;
}
