import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Organisations whose buckets were rebuilt from scratch; one without a row is rebuilt next run. */
@Entity({ name: 'aggregation_state' })
export class AggregationStateEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @Column('timestamptz', { name: 'rebuilt_at' }) rebuiltAt: Date;
}
