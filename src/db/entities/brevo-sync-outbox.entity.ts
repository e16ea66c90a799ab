import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'brevo_sync_outbox' })
export class BrevoSyncOutboxEntity {
  @PrimaryColumn('uuid', { name: 'org_id' }) orgId: string;
  @PrimaryColumn('bigint') id: string;
  @Column('bigint', { name: 'funnel_entry_id' }) funnelEntryId: string;
  @Column('text') operation: 'upsert_contact' | 'update_contact';
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('text', { default: 'pending' }) status: 'pending' | 'success' | 'failed';
  @Column('integer', { name: 'retry_count', default: 0 }) retryCount: number;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;
  /** The claim lease: a worker that dies leaves a lease that simply runs out. */
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  @Column('text', { name: 'locked_by', nullable: true }) lockedBy: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('timestamptz', { name: 'processed_at', nullable: true }) processedAt: Date | null;
}
