import type { Db } from '../db/db';

export interface RecipientRow {
  id: string;
  external_id: string;
  is_holdout: boolean;
  /** YYYY-MM-DD */
  send_date: string | null;
  /** numeric(14,4) as text */
  cost: string;
}

export interface StoredRecipientState extends RecipientRow {
  has_active_attributions: boolean;
}

export interface RecipientWrite {
  externalId: string;
  isHoldout: boolean;
  sendDate: string | null;
  cost: string;
}

const COLUMNS = `r.id::text AS id, r.external_id, r.is_holdout, to_char(r.send_date, 'YYYY-MM-DD') AS send_date, r.cost::text AS cost`;

export class RecipientRepository {
  constructor(private readonly db: Db) {}

  /** The stored state of the given external ids, locked against concurrent change. */
  lockByExternalIds(orgId: string, campaignId: string, externalIds: string[]): Promise<StoredRecipientState[]> {
    return this.db.rows<StoredRecipientState>(
      `SELECT ${COLUMNS},
              EXISTS (SELECT 1 FROM attributions a
                       WHERE a.org_id = r.org_id AND a.campaign_id = r.campaign_id
                         AND a.recipient_id = r.id AND a.withdrawn_at IS NULL) AS has_active_attributions
         FROM campaign_recipients r
        WHERE r.org_id = $1 AND r.campaign_id = $2 AND r.external_id = ANY($3::text[])
        -- Locks are taken in this order: every writer locks recipients in the same order, so
        -- overlapping batches wait for each other instead of deadlocking.
        ORDER BY r.external_id
        FOR UPDATE OF r`,
      [orgId, campaignId, externalIds],
    );
  }

  /**
   * Inserts new recipients and updates send_date/cost of existing ones in one statement;
   * is_holdout is never updated. Rows whose values did not change are not touched, so the
   * returned rows are exactly the created and the updated ones.
   */
  upsert(orgId: string, campaignId: string, rows: RecipientWrite[]): Promise<Array<{ inserted: boolean }>> {
    return this.db.rows<{ inserted: boolean }>(
      `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
       SELECT $1, $2, t.external_id, t.is_holdout, t.send_date, t.cost
         FROM unnest($3::text[], $4::boolean[], $5::date[], $6::numeric[]) AS t(external_id, is_holdout, send_date, cost)
       ON CONFLICT (org_id, campaign_id, external_id) DO UPDATE
         SET send_date = EXCLUDED.send_date, cost = EXCLUDED.cost, updated_at = now()
         WHERE (campaign_recipients.send_date, campaign_recipients.cost) IS DISTINCT FROM (EXCLUDED.send_date, EXCLUDED.cost)
       RETURNING (xmax = 0) AS inserted`,
      [orgId, campaignId, rows.map((r) => r.externalId), rows.map((r) => r.isHoldout), rows.map((r) => r.sendDate), rows.map((r) => r.cost)],
    );
  }

  /** One page ordered by external id, after the `after` external id (keyset pagination). */
  page(orgId: string, campaignId: string, options: { isHoldout: boolean | null; after: string | null; limit: number }): Promise<RecipientRow[]> {
    return this.db.rows<RecipientRow>(
      `SELECT ${COLUMNS} FROM campaign_recipients r
        WHERE r.org_id = $1 AND r.campaign_id = $2
          AND ($3::boolean IS NULL OR r.is_holdout = $3)
          AND ($4::text IS NULL OR r.external_id COLLATE "C" > $4)
        ORDER BY r.external_id COLLATE "C"
        LIMIT $5`,
      [orgId, campaignId, options.isHoldout, options.after, options.limit],
    );
  }

  /** For attribution checks: the recipients of each (campaign, external id) pair, locked for share. */
  lockForAttribution(orgId: string, pairs: Array<{ campaignId: string; externalId: string }>): Promise<Array<RecipientRow & { campaign_id: string }>> {
    return this.db.rows<RecipientRow & { campaign_id: string }>(
      `SELECT ${COLUMNS}, r.campaign_id::text
         FROM campaign_recipients r
         JOIN unnest($2::uuid[], $3::text[]) AS p(campaign_id, external_id)
           ON r.campaign_id = p.campaign_id AND r.external_id = p.external_id
        WHERE r.org_id = $1
        ORDER BY r.campaign_id, r.external_id
        FOR SHARE OF r`,
      [orgId, pairs.map((p) => p.campaignId), pairs.map((p) => p.externalId)],
    );
  }
}
