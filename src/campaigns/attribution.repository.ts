import type { Db } from '../db/db';

export interface AttributionWrite {
  campaignId: string;
  recipientId: string;
  orderId: string;
  orderDate: Date;
  revenue: string;
  orderCount: number;
  isSubscription: boolean;
  discountMatched: boolean;
}

/**
 * Upsert by (campaign, order id), spec §11, for every writer of attributions (the GraphQL
 * mutation and the CSV importer): a re-sent order replaces every value, re-recording a
 * withdrawn order brings it back, and an unchanged active row is not touched — so it logs
 * nothing for the aggregation. Returns `inserted` per written row.
 */
export const ATTRIBUTION_UPSERT = `ON CONFLICT (org_id, campaign_id, order_id) DO UPDATE
         SET recipient_id = EXCLUDED.recipient_id, order_date = EXCLUDED.order_date, revenue = EXCLUDED.revenue,
             order_count = EXCLUDED.order_count, is_subscription = EXCLUDED.is_subscription,
             discount_matched = EXCLUDED.discount_matched, withdrawn_at = NULL, updated_at = now()
         WHERE attributions.withdrawn_at IS NOT NULL
            OR (attributions.recipient_id, attributions.order_date, attributions.revenue, attributions.order_count,
                attributions.is_subscription, attributions.discount_matched)
               IS DISTINCT FROM
               (EXCLUDED.recipient_id, EXCLUDED.order_date, EXCLUDED.revenue, EXCLUDED.order_count,
                EXCLUDED.is_subscription, EXCLUDED.discount_matched)
       RETURNING (xmax = 0) AS inserted`;

export class AttributionRepository {
  constructor(private readonly db: Db) {}

  /**
   * Upsert by (campaign, order id): a re-sent order replaces every value, and re-recording a
   * withdrawn order brings it back. Unchanged active rows are not touched, so the returned
   * rows are exactly the created and the updated ones.
   */
  upsert(orgId: string, rows: AttributionWrite[]): Promise<Array<{ inserted: boolean }>> {
    return this.db.rows<{ inserted: boolean }>(
      `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count, is_subscription, discount_matched)
       SELECT $1, t.campaign_id, t.recipient_id, t.order_id, t.order_date, t.revenue, t.order_count, t.is_subscription, t.discount_matched
         FROM unnest($2::uuid[], $3::bigint[], $4::text[], $5::timestamptz[], $6::numeric[], $7::int[], $8::boolean[], $9::boolean[])
              AS t(campaign_id, recipient_id, order_id, order_date, revenue, order_count, is_subscription, discount_matched)
       ${ATTRIBUTION_UPSERT}`,
      [
        orgId,
        rows.map((r) => r.campaignId),
        rows.map((r) => r.recipientId),
        rows.map((r) => r.orderId),
        rows.map((r) => r.orderDate),
        rows.map((r) => r.revenue),
        rows.map((r) => r.orderCount),
        rows.map((r) => r.isSubscription),
        rows.map((r) => r.discountMatched),
      ],
    );
  }

  /** Which of `orderIds` exist in the campaign, and whether each is already withdrawn. */
  lockOrders(orgId: string, campaignId: string, orderIds: string[]): Promise<Array<{ order_id: string; withdrawn: boolean }>> {
    return this.db.rows<{ order_id: string; withdrawn: boolean }>(
      `SELECT order_id, withdrawn_at IS NOT NULL AS withdrawn FROM attributions
        WHERE org_id = $1 AND campaign_id = $2 AND order_id = ANY($3::text[])
        ORDER BY order_id
        FOR UPDATE`,
      [orgId, campaignId, orderIds],
    );
  }

  /** Sets the tombstone on active orders among `orderIds`; returns how many it withdrew. */
  withdraw(orgId: string, campaignId: string, orderIds: string[]): Promise<number> {
    return this.db.exec(
      `UPDATE attributions SET withdrawn_at = now(), updated_at = now()
        WHERE org_id = $1 AND campaign_id = $2 AND order_id = ANY($3::text[]) AND withdrawn_at IS NULL`,
      [orgId, campaignId, orderIds],
    );
  }
}
