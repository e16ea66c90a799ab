import type { Db } from '../db/db';
import type { DayRange } from './conversion-report';
import type { FunnelTypeValue } from './funnel.rules';

export interface FunnelEntryRow {
  id: string;
  email: string;
  funnel_type: FunnelTypeValue;
  test_id: string;
  user_id: string | null;
  source: string | null;
  entered_at: Date;
  certificate_purchased: boolean;
  certificate_purchased_at: Date | null;
}

export interface FunnelEntryWrite {
  email: string;
  funnelType: FunnelTypeValue;
  testId: string;
  userId: string | null;
  source: string | null;
  /** Null: now (the transaction's start). */
  enteredAt: Date | null;
}

export interface ConversionCountRow {
  funnel_type: FunnelTypeValue;
  source: string | null;
  entries: number;
  purchased: number;
}

export interface DuplicateGroupRow {
  org_id: string;
  /** The group's key: the address trimmed and lower-cased. */
  email: string;
  funnel_type: FunnelTypeValue;
  /** The group's key: the test id trimmed and lower-cased. */
  test_id: string;
  count: number;
  min_id: string;
  max_id: string;
  first_entered_at: Date;
  last_entered_at: Date;
  /** The distinct spellings stored, as written. */
  emails: string[];
  test_ids: string[];
}

const ENTRY_COLUMNS = 'id, email, funnel_type, test_id, user_id, source, entered_at, certificate_purchased, certificate_purchased_at';

/**
 * The Brevo outbox payloads (docs/funnels.md), built in SQL over a funnel entry `e` and its
 * organisation `o`, so the GraphQL path and the CSV importer write the very same JSON. Dates
 * are the organisation's local calendar dates.
 */
export const UPSERT_CONTACT_PAYLOAD_SQL = `jsonb_build_object(
  'email', e.email, 'funnelType', e.funnel_type, 'testId', e.test_id, 'userId', e.user_id, 'source', e.source,
  'attributes', jsonb_build_object('ENTERED_AT', to_char(e.entered_at AT TIME ZONE o.timezone, 'YYYY-MM-DD')))`;

const UPDATE_CONTACT_PAYLOAD_SQL = `jsonb_build_object(
  'email', e.email, 'funnelType', e.funnel_type, 'testId', e.test_id, 'userId', e.user_id, 'source', e.source,
  'attributes', jsonb_build_object(
    'CERTIFICATE_PURCHASED', true,
    'CERTIFICATE_PURCHASED_AT', to_char(e.certificate_purchased_at AT TIME ZONE o.timezone, 'YYYY-MM-DD')))`;

/** All SQL of funnel entries and the outbox jobs they write. */
export class FunnelRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the entry and its `upsert_contact` job in one statement. The unique constraint is
   * the guard: a concurrent or earlier entry with the same key makes the insert do nothing (a
   * concurrent one is waited for), so no job is written and null comes back.
   */
  insertEntryWithUpsertJob(orgId: string, entry: FunnelEntryWrite): Promise<FunnelEntryRow | null> {
    return this.db.row<FunnelEntryRow>(
      `WITH created AS (
         INSERT INTO funnel_entries (org_id, email, funnel_type, test_id, user_id, source, entered_at)
         VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()))
         ON CONFLICT ON CONSTRAINT funnel_entries_idempotency DO NOTHING
         RETURNING *
       ),
       job AS (
         INSERT INTO brevo_sync_outbox (org_id, funnel_entry_id, operation, payload)
         SELECT e.org_id, e.id, 'upsert_contact', ${UPSERT_CONTACT_PAYLOAD_SQL}
           FROM created e JOIN organizations o ON o.id = e.org_id
       )
       SELECT ${ENTRY_COLUMNS} FROM created`,
      [orgId, entry.email, entry.funnelType, entry.testId, entry.userId, entry.source, entry.enteredAt],
    );
  }

  findByKey(orgId: string, key: { email: string; funnelType: FunnelTypeValue; testId: string }): Promise<FunnelEntryRow | null> {
    return this.db.row<FunnelEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM funnel_entries WHERE org_id = $1 AND email = $2 AND funnel_type = $3 AND test_id = $4`,
      [orgId, key.email, key.funnelType, key.testId],
    );
  }

  /**
   * Marks the matching entries not yet purchased and entered at or before `purchasedAt`, and
   * writes one `update_contact` job per entry it marked. A purchase already recorded keeps its
   * time; a concurrent purchase of the same entry waits for the row lock, then finds it marked.
   * Returns how many entries it marked.
   */
  async markPurchasedWithUpdateJobs(orgId: string, match: { email: string; testId: string; funnelType: FunnelTypeValue | null }, purchasedAt: Date | null): Promise<number> {
    const row = await this.db.row<{ marked: number }>(
      `WITH purchase AS (SELECT coalesce($5::timestamptz, now()) AS at),
       marked AS (
         UPDATE funnel_entries f
            SET certificate_purchased = true, certificate_purchased_at = purchase.at
           FROM purchase
          WHERE f.org_id = $1 AND f.email = $2 AND f.test_id = $3 AND ($4::text IS NULL OR f.funnel_type = $4)
            AND NOT f.certificate_purchased AND f.entered_at <= purchase.at
         RETURNING f.*
       ),
       jobs AS (
         INSERT INTO brevo_sync_outbox (org_id, funnel_entry_id, operation, payload)
         SELECT e.org_id, e.id, 'update_contact', ${UPDATE_CONTACT_PAYLOAD_SQL}
           FROM marked e JOIN organizations o ON o.id = e.org_id
          ORDER BY e.id
       )
       SELECT count(*)::int AS marked FROM marked`,
      [orgId, match.email, match.testId, match.funnelType, purchasedAt],
    );
    return row?.marked ?? 0;
  }

  /** Every funnel type's entry of (email, test id), or the one type's; language first. */
  findMatching(orgId: string, match: { email: string; testId: string; funnelType: FunnelTypeValue | null }): Promise<FunnelEntryRow[]> {
    return this.db.rows<FunnelEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM funnel_entries
        WHERE org_id = $1 AND email = $2 AND test_id = $3 AND ($4::text IS NULL OR funnel_type = $4)
        ORDER BY funnel_type, id`,
      [orgId, match.email, match.testId, match.funnelType],
    );
  }

  /**
   * Entries and purchased entries per funnel type (and source), over entries whose local date
   * in the organisation's timezone lies in the range. The local-date bounds become instants
   * (local midnight AT TIME ZONE), which is the same comparison and lets the index serve it.
   * Only a from date: up to now. A purchase counts only at or after its entry.
   */
  conversionCounts(orgId: string, range: DayRange, bySource: boolean): Promise<ConversionCountRow[]> {
    return this.db.rows<ConversionCountRow>(
      `SELECT e.funnel_type, CASE WHEN $4::boolean THEN e.source END AS source,
              count(*)::int AS entries,
              count(*) FILTER (WHERE e.certificate_purchased AND e.certificate_purchased_at >= e.entered_at)::int AS purchased
         FROM funnel_entries e
         JOIN organizations o ON o.id = e.org_id
        WHERE e.org_id = $1
          AND ($2::date IS NULL OR e.entered_at >= ($2::date::timestamp AT TIME ZONE o.timezone))
          AND ($3::date IS NULL OR e.entered_at < ($3::date::timestamp AT TIME ZONE o.timezone))
          AND ($2::date IS NULL OR $3::date IS NOT NULL OR e.entered_at <= now())
        GROUP BY 1, 2`,
      [orgId, range.from, range.to, bySource],
    );
  }

  /**
   * Groups of entries whose key agrees once e-mail and test id are trimmed (of every character
   * JS's trim removes, `whitespace`) and lower-cased: exact duplicates (which the unique
   * constraint forbids) and the variants the constraint cannot see. One organisation, or all.
   */
  duplicateGroups(orgId: string | null, whitespace: string): Promise<DuplicateGroupRow[]> {
    return this.db.rows<DuplicateGroupRow>(
      `WITH keyed AS (
         SELECT e.org_id, e.id, e.email, e.funnel_type, e.test_id, e.entered_at,
                lower(btrim(e.email, $2)) AS email_key, lower(btrim(e.test_id, $2)) AS test_key
           FROM funnel_entries e
          WHERE $1::uuid IS NULL OR e.org_id = $1::uuid
       )
       SELECT org_id, email_key AS email, funnel_type, test_key AS test_id, count(*)::int AS count,
              min(id)::text AS min_id, max(id)::text AS max_id,
              min(entered_at) AS first_entered_at, max(entered_at) AS last_entered_at,
              array_agg(DISTINCT email ORDER BY email) AS emails, array_agg(DISTINCT test_id ORDER BY test_id) AS test_ids
         FROM keyed
        GROUP BY org_id, email_key, funnel_type, test_key
       HAVING count(*) > 1
        ORDER BY org_id, email_key, funnel_type, test_key`,
      [orgId, whitespace],
    );
  }
}
