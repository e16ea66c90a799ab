import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Recipients pre-grouped for the aggregate stats path; maintained by a trigger on
 * campaign_recipients. Its key is the unique constraint (org, campaign, side, send date) with
 * NULLS NOT DISTINCT, which TypeORM cannot express as a primary key with a nullable column.
 */
@Entity({ name: 'recipient_send_groups' })
export class RecipientSendGroupEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('uuid', { name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn('boolean', { name: 'is_holdout' }) isHoldout: boolean;
  /** Null: not mailed (yet), or holdout. */
  @Column('date', { name: 'send_date', nullable: true }) sendDate: string | null;
  @Column('bigint') recipients: string;
  @Column('numeric') cost: string;
}
