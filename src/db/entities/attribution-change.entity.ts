import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Written by the `log_attribution_changes` trigger; consumed by the aggregation job. */
@Entity({ name: 'attribution_changes' })
export class AttributionChangeEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('bigint') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('bigint', { name: 'recipient_id' }) recipientId: string;
  @Column('timestamptz', { name: 'order_date' }) orderDate: Date;
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
}
