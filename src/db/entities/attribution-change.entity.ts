import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Written by the `log_attribution_changes` trigger (every active version in or out); consumed by the aggregation job. */
@Entity({ name: 'attribution_changes' })
export class AttributionChangeEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('bigint') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('bigint', { name: 'recipient_id' }) recipientId: string;
  @Column('timestamptz', { name: 'order_date' }) orderDate: Date;
  /** −1: an active version left (update, withdrawal, delete); +1: one arrived; 0: a revenue correction. */
  @Column('smallint') sign: -1 | 0 | 1;
  /** Signed: the version's revenue times its sign, or the correction's difference. */
  @Column('numeric', { precision: 14, scale: 2 }) revenue: string;
  @Column('integer', { name: 'order_count' }) orderCount: number;
  @Column('boolean', { name: 'is_subscription' }) isSubscription: boolean;
  @Column('boolean', { name: 'discount_matched' }) discountMatched: boolean;
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
}
