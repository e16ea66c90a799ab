import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('text') name: string;
  @Column('boolean', { name: 'holdout_enabled', default: false }) holdoutEnabled: boolean;
  @Column('double precision', { name: 'holdout_percent', nullable: true }) holdoutPercent: number | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
