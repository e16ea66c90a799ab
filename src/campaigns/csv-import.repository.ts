import type { Readable } from 'node:stream';
import type { BulkDb } from '../db/bulk-transaction';
import type { LineProblem } from './csv-import.report';
import { ATTRIBUTION_UPSERT } from './attribution.repository';

/** A problem the SQL checks found, with how many they found in all (on every row). */
export interface FoundProblem extends LineProblem {
  total: number;
}

export interface WrittenCounts {
  created: number;
  updated: number;
}

/** Staged recipient lines, in COPY order. Cells that failed the Node checks are null. */
export const RECIPIENT_STAGING_COLUMNS = ['line', 'external_id', 'is_holdout', 'assigned_holdout', 'send_date', 'send_date_empty', 'cost'] as const;

/** Staged attribution lines, in COPY order. Cells that failed the Node checks are null. */
export const ATTRIBUTION_STAGING_COLUMNS = [
  'line',
  'campaign_id',
  'recipient_external_id',
  'order_id',
  'order_date',
  'revenue',
  'order_count',
  'is_subscription',
  'discount_matched',
] as const;

/**
 * All SQL of the CSV importer. A file is COPYed into a temporary staging table (dropped at
 * commit or rollback), checked there set-based, and written with one INSERT … SELECT.
 */
export class CsvImportRepository {
  constructor(private readonly db: BulkDb) {}

  async createRecipientStaging(): Promise<void> {
    await this.db.exec(
      `CREATE TEMP TABLE recipient_import (
         line             integer NOT NULL,
         external_id      text NOT NULL,
         is_holdout       boolean,          -- null: the cell was empty (keep or assign the group)
         assigned_holdout boolean NOT NULL, -- the server's assignment should the recipient be new
         send_date        date,
         send_date_empty  boolean NOT NULL,
         cost             numeric(14, 4)
       ) ON COMMIT DROP`,
    );
  }

  copyRecipientStaging(rows: Readable): Promise<number> {
    return this.db.copyFrom(`COPY recipient_import (${RECIPIENT_STAGING_COLUMNS.join(', ')}) FROM STDIN`, rows);
  }

  /** Temporary tables get no statistics otherwise, and the checks join millions of rows. */
  async analyzeRecipientStaging(): Promise<void> {
    await this.db.exec(`ANALYZE recipient_import`);
  }

  /**
   * Locks the stored recipients whose send date the file removes, so an attribution recorded
   * concurrently (it locks its recipient FOR SHARE) is either seen by the check or refused after.
   */
  async lockRecipientsLosingSendDate(orgId: string, campaignId: string): Promise<void> {
    await this.db.exec(
      `SELECT r.id FROM campaign_recipients r
         JOIN recipient_import s ON s.external_id = r.external_id
        WHERE r.org_id = $1 AND r.campaign_id = $2 AND r.send_date IS NOT NULL AND s.send_date_empty
        FOR UPDATE OF r`,
      [orgId, campaignId],
    );
  }

  /**
   * The cross-row rules of spec §11 over the staged file, one SELECT per rule: the first `limit`
   * problems by line, each row carrying the total. `staged` joins each line to its stored
   * recipient once; the rules then only scan it.
   */
  recipientProblems(orgId: string, campaign: { id: string; externalId: string; holdoutEnabled: boolean }, limit: number): Promise<FoundProblem[]> {
    return this.db.rows<FoundProblem>(
      `WITH staged AS MATERIALIZED (
         SELECT s.line, s.external_id, s.is_holdout, s.assigned_holdout, s.send_date, s.send_date_empty,
                min(s.line) OVER (PARTITION BY s.external_id) AS first_line,
                r.id AS stored_id, r.is_holdout AS stored_holdout, r.send_date AS stored_send_date
           FROM recipient_import s
           LEFT JOIN campaign_recipients r ON r.org_id = $1 AND r.campaign_id = $2 AND r.external_id = s.external_id
       ),
       problems AS (
         SELECT line, 1 AS rank, 'external_id' AS column_name,
                format('duplicate of line %s (%s)', first_line, to_json(external_id)) AS message
           FROM staged WHERE line > first_line
         UNION ALL
         SELECT line, 2, 'is_holdout',
                format('recipient %s is %s for good; its group cannot change', to_json(external_id),
                       CASE WHEN stored_holdout THEN 'holdout' ELSE 'treatment' END)
           FROM staged WHERE is_holdout <> stored_holdout
         UNION ALL
         SELECT line, 3, 'send_date', format('recipient %s has attributed orders, so its send date cannot be removed', to_json(external_id))
           FROM staged
          WHERE stored_send_date IS NOT NULL AND send_date_empty
            AND EXISTS (SELECT 1 FROM attributions a
                         WHERE a.org_id = $1 AND a.campaign_id = $2 AND a.recipient_id = staged.stored_id AND a.withdrawn_at IS NULL)
         UNION ALL
         SELECT line, 4, 'is_holdout', format('campaign %s has no holdout (holdoutEnabled is false)', to_json($4::text))
           FROM staged WHERE stored_id IS NULL AND is_holdout AND NOT $3::boolean
         UNION ALL
         SELECT line, 5, 'send_date',
                format('recipient %s %s; holdout recipients are never mailed, so they have no send date', to_json(external_id),
                       CASE WHEN stored_id IS NOT NULL OR is_holdout IS NOT NULL THEN 'is a holdout recipient'
                            ELSE 'was assigned to the holdout group by the server' END)
           FROM staged WHERE send_date IS NOT NULL AND coalesce(stored_holdout, is_holdout, assigned_holdout)
       )
       SELECT line, column_name AS "column", message, count(*) OVER ()::int AS total
         FROM problems
        ORDER BY line, rank
        LIMIT $5`,
      [orgId, campaign.id, campaign.holdoutEnabled, campaign.externalId, limit],
    );
  }

  /**
   * Inserts new recipients and updates send_date/cost of stored ones; is_holdout is never
   * updated. A stored recipient's own group goes into the proposed row because CHECK
   * constraints are tested on it before the conflict is. Unchanged rows are not touched.
   */
  async upsertRecipients(orgId: string, campaignId: string): Promise<WrittenCounts> {
    const counts = await this.db.row<WrittenCounts>(
      `WITH written AS (
         INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
         SELECT $1, $2, s.external_id, coalesce(r.is_holdout, s.is_holdout, s.assigned_holdout), s.send_date, s.cost
           FROM recipient_import s
           LEFT JOIN campaign_recipients r ON r.org_id = $1 AND r.campaign_id = $2 AND r.external_id = s.external_id
         ON CONFLICT (org_id, campaign_id, external_id) DO UPDATE
           SET send_date = EXCLUDED.send_date, cost = EXCLUDED.cost, updated_at = now()
           WHERE (campaign_recipients.send_date, campaign_recipients.cost) IS DISTINCT FROM (EXCLUDED.send_date, EXCLUDED.cost)
         RETURNING (xmax = 0) AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated
         FROM written`,
      [orgId, campaignId],
    );
    return counts ?? { created: 0, updated: 0 };
  }

  async createAttributionStaging(): Promise<void> {
    await this.db.exec(
      `CREATE TEMP TABLE attribution_import (
         line                  integer NOT NULL,
         campaign_id           uuid,
         recipient_external_id text NOT NULL,
         order_id              text NOT NULL,
         order_date            timestamptz,
         revenue               numeric(14, 2),
         order_count           integer,
         is_subscription       boolean,
         discount_matched      boolean
       ) ON COMMIT DROP`,
    );
  }

  copyAttributionStaging(rows: Readable): Promise<number> {
    return this.db.copyFrom(`COPY attribution_import (${ATTRIBUTION_STAGING_COLUMNS.join(', ')}) FROM STDIN`, rows);
  }

  async analyzeAttributionStaging(): Promise<void> {
    await this.db.exec(`ANALYZE attribution_import`);
  }

  /**
   * Locks the organisation's campaigns the file names, in id order (no deadlock between two
   * imports). Recipient imports lock their campaign too, so recipients stay as checked.
   */
  async lockStagedCampaigns(orgId: string): Promise<void> {
    await this.db.exec(
      `SELECT c.id FROM campaigns c
        WHERE c.org_id = $1 AND c.id IN (SELECT DISTINCT campaign_id FROM attribution_import)
        ORDER BY c.id
        FOR NO KEY UPDATE`,
      [orgId],
    );
  }

  /** As recipientProblems, for attributions; lines naming no known campaign skip the later rules. */
  attributionProblems(orgId: string, limit: number): Promise<FoundProblem[]> {
    return this.db.rows<FoundProblem>(
      `WITH staged AS MATERIALIZED (
         SELECT s.line, s.campaign_id, s.recipient_external_id, s.order_id,
                min(s.line) OVER (PARTITION BY s.campaign_id, s.order_id) AS first_line,
                c.id IS NOT NULL AS campaign_known,
                r.id AS recipient_id, r.is_holdout, r.send_date
           FROM attribution_import s
           LEFT JOIN campaigns c ON c.org_id = $1 AND c.id = s.campaign_id
           LEFT JOIN campaign_recipients r
             ON r.org_id = $1 AND r.campaign_id = s.campaign_id AND r.external_id = s.recipient_external_id
       ),
       problems AS (
         SELECT line, 1 AS rank, 'order_id' AS column_name,
                format('duplicate of line %s (order %s in the same campaign)', first_line, to_json(order_id)) AS message
           FROM staged WHERE campaign_id IS NOT NULL AND line > first_line
         UNION ALL
         SELECT line, 2, 'campaign_id', format('campaign %s not found', to_json(campaign_id::text))
           FROM staged WHERE campaign_id IS NOT NULL AND NOT campaign_known
         UNION ALL
         SELECT line, 3, 'recipient_external_id', format('no recipient %s in campaign %s', to_json(recipient_external_id), campaign_id)
           FROM staged WHERE campaign_known AND recipient_id IS NULL
         UNION ALL
         SELECT line, 4, 'recipient_external_id',
                format('recipient %s has not been mailed (no send date), so no order can be attributed to it', to_json(recipient_external_id))
           FROM staged WHERE NOT is_holdout AND send_date IS NULL
       )
       SELECT line, column_name AS "column", message, count(*) OVER ()::int AS total
         FROM problems
        ORDER BY line, rank
        LIMIT $2`,
      [orgId, limit],
    );
  }

  /**
   * Upsert by (campaign, order id): a re-sent order replaces every value and re-recording a
   * withdrawn one brings it back. Unchanged active rows are not touched, so the statement
   * triggers log exactly the orders that changed.
   */
  async upsertAttributions(orgId: string): Promise<WrittenCounts> {
    const counts = await this.db.row<WrittenCounts>(
      `WITH written AS (
         INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count, is_subscription, discount_matched)
         SELECT $1, s.campaign_id, r.id, s.order_id, s.order_date, s.revenue, s.order_count, s.is_subscription, s.discount_matched
           FROM attribution_import s
           JOIN campaign_recipients r
             ON r.org_id = $1 AND r.campaign_id = s.campaign_id AND r.external_id = s.recipient_external_id
         ${ATTRIBUTION_UPSERT}
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated
         FROM written`,
      [orgId],
    );
    return counts ?? { created: 0, updated: 0 };
  }
}
