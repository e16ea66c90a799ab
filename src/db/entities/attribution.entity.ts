import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'attributions' })
export class AttributionEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('bigint') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('bigint', { name: 'recipient_id' }) recipientId: string;
  @Column('text', { name: 'order_id' }) orderId: string;
  @Column('timestamptz', { name: 'order_date' }) orderDate: Date;
  @Column('numeric', { precision: 14, scale: 2 }) revenue: string;
  @Column('integer', { name: 'order_count' }) orderCount: number;
  @Column('boolean', { name: 'is_subscription', default: false }) isSubscription: boolean;
  @Column('boolean', { name: 'discount_matched', default: false }) discountMatched: boolean;
  /** The tombstone of a withdrawn order (null while the attribution is active). */
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
