import type { Readable } from 'node:stream';
import type { BulkDb } from '../db/bulk-transaction';
import { FUNNEL_STAGING_COLUMNS } from './funnel-csv-import.rows';
import { UPSERT_CONTACT_PAYLOAD_SQL } from './funnel.repository';

export interface FunnelImportCounts {
  /** Distinct (email, funnel type, test id) keys in the file. */
  keys: number;
  /** Entries inserted (each with its upsert_contact job). */
  created: number;
}

/**
 * All SQL of the funnel entry CSV import: the file is COPYed into a temporary staging table
 * (dropped at commit or rollback) and written with one statement, under the same guard as
 * `enterFunnel`.
 */
export class FunnelCsvImportRepository {
  constructor(private readonly db: BulkDb) {}

  async createStaging(): Promise<void> {
    await this.db.exec(
      `CREATE TEMP TABLE funnel_entry_import (
         line        integer NOT NULL,
         email       text,          -- null: the cell failed its check (the file is rejected then)
         funnel_type text,
         test_id     text,
         user_id     text,
         source      text,
         entered_at  timestamptz    -- null: the import's time
       ) ON COMMIT DROP`,
    );
  }

  copyStaging(rows: Readable): Promise<number> {
    return this.db.copyFrom(`COPY funnel_entry_import (${FUNNEL_STAGING_COLUMNS.join(', ')}) FROM STDIN`, rows);
  }

  async analyzeStaging(): Promise<void> {
    await this.db.exec(`ANALYZE funnel_entry_import`);
  }

  /**
   * Inserts the first line of each key (in file order, so ids follow the file) unless the
   * organisation has the entry already, and writes an upsert_contact job for every entry it
   * inserted — one statement, so entries and jobs cannot part. ON CONFLICT DO NOTHING is the
   * guard, as for enterFunnel: a concurrent writer of the same key is waited for, never doubled.
   */
  async insertEntriesWithUpsertJobs(orgId: string): Promise<FunnelImportCounts> {
    const counts = await this.db.row<FunnelImportCounts>(
      `WITH firsts AS (
         SELECT DISTINCT ON (email, funnel_type, test_id) line, email, funnel_type, test_id, user_id, source, entered_at
           FROM funnel_entry_import
          ORDER BY email, funnel_type, test_id, line
       ),
       created AS (
         INSERT INTO funnel_entries (org_id, email, funnel_type, test_id, user_id, source, entered_at)
         SELECT $1, email, funnel_type, test_id, user_id, source, coalesce(entered_at, now())
           FROM firsts
          ORDER BY line
         ON CONFLICT ON CONSTRAINT funnel_entries_idempotency DO NOTHING
         RETURNING *
       ),
       jobs AS (
         INSERT INTO brevo_sync_outbox (org_id, funnel_entry_id, operation, payload)
         SELECT e.org_id, e.id, 'upsert_contact', ${UPSERT_CONTACT_PAYLOAD_SQL}
           FROM created e JOIN organizations o ON o.id = e.org_id
          ORDER BY e.id
       )
       SELECT (SELECT count(*) FROM firsts)::int AS keys, (SELECT count(*) FROM created)::int AS created`,
      [orgId],
    );
    return counts ?? { keys: 0, created: 0 };
  }
}
