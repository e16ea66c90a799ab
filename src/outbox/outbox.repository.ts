import type { Db } from '../db/db';
import type { OutboxBacklog } from '../metrics';

export type OutboxStatusValue = 'pending' | 'success' | 'failed';
export type OutboxOperation = 'upsert_contact' | 'update_contact';

export interface OutboxRow {
  org_id: string;
  id: string;
  funnel_entry_id: string;
  operation: OutboxOperation;
  payload: Record<string, unknown>;
  status: OutboxStatusValue;
  retry_count: number;
  next_attempt_at: Date | null;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Date;
  processed_at: Date | null;
}

export interface OutboxSummaryRow {
  pending: number;
  due: number;
  success: number;
  failed: number;
  oldest_pending_age_seconds: number | null;
}

export interface FailureWrite {
  /** A fatal failure ends the job at once; a transient one is rescheduled while retries last. */
  fatal: boolean;
  maxRetries: number;
  /** Minutes per retry: next attempt = now + retry_count × this. */
  backoffMinutes: number;
  /** A 429's `x-sib-ratelimit-reset`: the next attempt is not earlier than now + this. */
  resetSeconds: number | null;
  lastError: string;
}

const COLUMNS =
  'org_id, id::text AS id, funnel_entry_id::text AS funnel_entry_id, operation, payload, status, retry_count, next_attempt_at, locked_until, locked_by, last_error, created_at, processed_at';

/** All SQL of the Brevo outbox. Times the worker compares are parameters (`now`), so tests control the clock. */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims up to `limit` due jobs across organisations and leases them to `workerId` in one
   * statement. A job is due when pending, scheduled now or earlier, not leased (or its lease ran
   * out), and no earlier job of the same funnel entry is still pending (entry order). SKIP LOCKED
   * keeps concurrent claimers apart; the lease keeps them apart after the statement commits.
   */
  async claimDue(now: Date, leaseMs: number, workerId: string, limit: number): Promise<OutboxRow[]> {
    const rows = await this.db.rows<OutboxRow>(
      `WITH due AS (
         SELECT j.org_id, j.id
           FROM brevo_sync_outbox j
          WHERE j.status = 'pending'
            AND (j.next_attempt_at IS NULL OR j.next_attempt_at <= $1)
            AND (j.locked_until IS NULL OR j.locked_until < $1)
            AND NOT EXISTS (
                  SELECT 1 FROM brevo_sync_outbox p
                   WHERE p.org_id = j.org_id AND p.funnel_entry_id = j.funnel_entry_id
                     -- NOT IN, not = 'pending': keeps the planner on the entry index, also before ANALYZE
                     AND p.id < j.id AND p.status NOT IN ('success', 'failed'))
          ORDER BY j.next_attempt_at NULLS FIRST, j.id
          LIMIT $4
          FOR UPDATE OF j SKIP LOCKED
       )
       UPDATE brevo_sync_outbox o
          SET locked_until = $1::timestamptz + $2 * interval '1 millisecond', locked_by = $3, updated_at = now()
         FROM due
        WHERE o.org_id = due.org_id AND o.id = due.id
          AND o.status = 'pending' AND (o.locked_until IS NULL OR o.locked_until < $1)
       RETURNING ${COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}`,
      [now, leaseMs, workerId, limit],
    );
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Delivered: success, no schedule, processed now, lease cleared. False when the lease was lost. */
  async markSuccess(job: OutboxRow, workerId: string, now: Date): Promise<boolean> {
    const n = await this.db.exec(
      `UPDATE brevo_sync_outbox
          SET status = 'success', next_attempt_at = NULL, processed_at = $4, locked_until = NULL, locked_by = NULL, updated_at = now()
        WHERE org_id = $1 AND id = $2 AND status = 'pending' AND locked_by = $3`,
      [job.org_id, job.id, workerId, now],
    );
    return n > 0;
  }

  /**
   * A failed attempt: retry_count + 1; fatal or past max retries → failed (no schedule);
   * otherwise pending at the later of now + retry_count × backoff and the rate-limit reset.
   * Returns the new status, or null when the lease was lost.
   */
  async markFailure(job: OutboxRow, workerId: string, now: Date, f: FailureWrite): Promise<OutboxStatusValue | null> {
    const row = await this.db.row<{ status: OutboxStatusValue }>(
      `UPDATE brevo_sync_outbox
          SET retry_count = retry_count + 1,
              status = CASE WHEN $4 OR retry_count + 1 > $5 THEN 'failed' ELSE 'pending' END,
              next_attempt_at = CASE WHEN $4 OR retry_count + 1 > $5 THEN NULL
                                     ELSE GREATEST($6::timestamptz + (retry_count + 1) * $7 * interval '1 minute',
                                                   $6::timestamptz + COALESCE($8, 0) * interval '1 second') END,
              last_error = $9, locked_until = NULL, locked_by = NULL, updated_at = now()
        WHERE org_id = $1 AND id = $2 AND status = 'pending' AND locked_by = $3
        RETURNING status`,
      [job.org_id, job.id, workerId, f.fatal, f.maxRetries, now, f.backoffMinutes, f.resetSeconds, f.lastError],
    );
    return row?.status ?? null;
  }

  /**
   * Extends the lease of claimed jobs this worker still holds to now + `leaseMs`; returns the ids
   * it still holds (a job whose lease ran out may have been claimed by another worker since).
   */
  async renewLeases(jobs: OutboxRow[], workerId: string, now: Date, leaseMs: number): Promise<Set<string>> {
    if (jobs.length === 0) return new Set();
    const rows = await this.db.rows<{ id: string }>(
      `UPDATE brevo_sync_outbox j SET locked_until = $4::timestamptz + $5 * interval '1 millisecond', updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[]) AS x(org_id, id)
        WHERE j.org_id = x.org_id AND j.id = x.id AND j.locked_by = $3 AND j.status = 'pending'
        RETURNING j.id::text AS id`,
      [jobs.map((j) => j.org_id), jobs.map((j) => j.id), workerId, now, leaseMs],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Gives claimed jobs back untouched (a 429 ended the run): due again at once. */
  async release(jobs: OutboxRow[], workerId: string): Promise<number> {
    if (jobs.length === 0) return 0;
    return this.db.exec(
      `UPDATE brevo_sync_outbox j SET locked_until = NULL, locked_by = NULL
         FROM unnest($1::uuid[], $2::bigint[]) AS x(org_id, id)
        WHERE j.org_id = x.org_id AND j.id = x.id AND j.locked_by = $3 AND j.status = 'pending'`,
      [jobs.map((j) => j.org_id), jobs.map((j) => j.id), workerId],
    );
  }

  list(orgId: string, filter: { status: OutboxStatusValue | null; funnelEntryId: string | null; first: number }): Promise<OutboxRow[]> {
    return this.db.rows<OutboxRow>(
      `SELECT ${COLUMNS} FROM brevo_sync_outbox
        WHERE org_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR funnel_entry_id = $3)
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [orgId, filter.status, filter.funnelEntryId, filter.first],
    );
  }

  async hasFunnelEntry(orgId: string, funnelEntryId: string): Promise<boolean> {
    const row = await this.db.row<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM funnel_entries WHERE org_id = $1 AND id = $2) AS found`, [orgId, funnelEntryId]);
    return row?.found === true;
  }

  async summary(orgId: string, now: Date): Promise<OutboxSummaryRow> {
    const row = await this.db.row<OutboxSummaryRow>(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $2))::int AS due,
              count(*) FILTER (WHERE status = 'success')::int AS success,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              floor(extract(epoch FROM $2::timestamptz - min(created_at) FILTER (WHERE status = 'pending')))::int AS oldest_pending_age_seconds
         FROM brevo_sync_outbox WHERE org_id = $1`,
      [orgId, now],
    );
    return row ?? { pending: 0, due: 0, success: 0, failed: 0, oldest_pending_age_seconds: null };
  }

  /** The pending backlog across all organisations (for /metrics; from the pending-only index). */
  async backlog(now: Date): Promise<OutboxBacklog> {
    const row = await this.db.row<OutboxBacklog>(
      `SELECT count(*)::int AS pending,
              count(*) FILTER (WHERE next_attempt_at IS NULL OR next_attempt_at <= $1)::int AS due,
              floor(extract(epoch FROM $1::timestamptz - min(created_at)))::int AS "oldestPendingAgeSeconds"
         FROM brevo_sync_outbox WHERE status = 'pending'`,
      [now],
    );
    return row ?? { pending: 0, due: 0, oldestPendingAgeSeconds: null };
  }

  /** Back to pending and due now (retry_count kept). A job a worker holds keeps its lease. */
  retry(orgId: string, id: string): Promise<OutboxRow | null> {
    return this.db.row<OutboxRow>(
      `UPDATE brevo_sync_outbox
          SET status = 'pending', next_attempt_at = NULL, processed_at = NULL, updated_at = now()
        WHERE org_id = $1 AND id = $2
        RETURNING ${COLUMNS}`,
      [orgId, id],
    );
  }
}
