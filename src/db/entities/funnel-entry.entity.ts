import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'funnel_entries' })
export class FunnelEntryEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('bigint') id: string;
  /** Trimmed and lower-cased before it is stored (a CHECK enforces it). */
  @Column('text') email: string;
  @Column('text', { name: 'funnel_type' }) funnelType: 'language' | 'non_language';
  @Column('text', { name: 'test_id' }) testId: string;
  @Column('text', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('text', { nullable: true }) source: string | null;
  @Column('timestamptz', { name: 'entered_at' }) enteredAt: Date;
  @Column('boolean', { name: 'certificate_purchased', default: false }) certificatePurchased: boolean;
  @Column('timestamptz', { name: 'certificate_purchased_at', nullable: true }) certificatePurchasedAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
