import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'campaign_recipients' })
export class CampaignRecipientEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('bigint') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('boolean', { name: 'is_holdout' }) isHoldout: boolean;
  @Column('date', { name: 'send_date', nullable: true }) sendDate: string | null;
  /** numeric(14,4), kept as a decimal string: money is never a float in storage. */
  @Column('numeric', { precision: 14, scale: 4 }) cost: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
