import type { Db } from '../db/db';

/**
 * All SQL of the daily aggregation (docs/aggregation.md). A bucket is (org, campaign, local
 * day, holdout side); its `metrics` JSONB holds exact numeric sums and counts. Converters are
 * not additive across days, so each recipient counts once, in the bucket of its first
 * qualifying order: summing `converters_*` over all days gives the distinct converters.
 */

/** The metric expressions over rows `o` (one active order each) joined to `f` (the recipient's first days). */
const METRICS = `jsonb_build_object(
    'orders', count(*),
    'revenue', sum(o.revenue),
    'first_orders', count(*) FILTER (WHERE o.order_count = 1),
    'first_revenue', coalesce(sum(o.revenue) FILTER (WHERE o.order_count = 1), 0),
    'subscription_orders', count(*) FILTER (WHERE o.is_subscription),
    'subscription_revenue', coalesce(sum(o.revenue) FILTER (WHERE o.is_subscription), 0),
    'subscribers', count(*) FILTER (WHERE o.is_subscription AND o.order_count = 1),
    'discount_matched_orders', count(*) FILTER (WHERE o.discount_matched),
    'converters_all', count(DISTINCT o.recipient_id) FILTER (WHERE o.day = f.first_any_day),
    'converters_first', count(DISTINCT o.recipient_id) FILTER (WHERE o.order_count = 1 AND o.day = f.first_fo_day)
  )`;

/** Every bucket of the organisation computed from raw attributions (full rebuild and verify). */
const ALL_BUCKETS_FROM_RAW = `
  WITH orders AS (
    SELECT a.campaign_id, a.recipient_id, a.revenue, a.order_count, a.is_subscription, a.discount_matched,
           r.is_holdout, (a.order_date AT TIME ZONE $2)::date AS day
      FROM attributions a
      JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
     WHERE a.org_id = $1 AND a.withdrawn_at IS NULL
  ), f AS (
    SELECT campaign_id, recipient_id, min(day) AS first_any_day, min(day) FILTER (WHERE order_count = 1) AS first_fo_day
      FROM orders GROUP BY campaign_id, recipient_id
  )
  SELECT o.campaign_id, o.day, o.is_holdout, ${METRICS} AS metrics
    FROM orders o JOIN f ON f.campaign_id = o.campaign_id AND f.recipient_id = o.recipient_id
   GROUP BY o.campaign_id, o.day, o.is_holdout`;

export interface BucketDifference {
  campaign_id: string;
  day: string;
  is_holdout: boolean;
  stored: Record<string, unknown> | null;
  expected: Record<string, unknown> | null;
}

export class AggregationRepository {
  constructor(private readonly db: Db) {}

  /** Serialises runs per organisation (released at commit or rollback). */
  async lockOrganization(orgId: string): Promise<void> {
    await this.db.rows(`SELECT pg_advisory_xact_lock(hashtextextended('aggregation:' || $1, 0))`, [orgId]);
  }

  organizationClock(orgId: string): Promise<{ timezone: string; today: string } | null> {
    return this.db.row<{ timezone: string; today: string }>(
      `SELECT timezone, to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS today FROM organizations WHERE id = $1`,
      [orgId],
    );
  }

  enabledOrganizationIds(): Promise<Array<{ id: string }>> {
    return this.db.rows<{ id: string }>(`SELECT id FROM organizations WHERE reporting_enabled ORDER BY id`);
  }

  /**
   * Takes the organisation's change log (deleting exactly the rows it returns, in one
   * statement, so a change committed meanwhile stays for the next run) into a temp table.
   */
  async consumeChanges(orgId: string): Promise<number> {
    await this.db.exec(`CREATE TEMP TABLE aggregation_consumed (campaign_id uuid, recipient_id bigint, order_date timestamptz) ON COMMIT DROP`);
    return this.db.exec(
      `WITH consumed AS (DELETE FROM attribution_changes WHERE org_id = $1 RETURNING campaign_id, recipient_id, order_date)
       INSERT INTO aggregation_consumed SELECT campaign_id, recipient_id, order_date FROM consumed`,
      [orgId],
    );
  }

  /**
   * The (campaign, day) pairs to recompute: days of every consumed change (old and new
   * versions), every active order day of each changed recipient (its first day may move), and
   * the trailing window ending today for every campaign.
   */
  collectTouchedDays(orgId: string, timezone: string, today: string, windowDays: number): Promise<number> {
    return this.db.exec(
      `CREATE TEMP TABLE aggregation_touched ON COMMIT DROP AS
       SELECT DISTINCT campaign_id, day FROM (
         SELECT campaign_id, (order_date AT TIME ZONE $2)::date AS day FROM aggregation_consumed
         UNION ALL
         SELECT a.campaign_id, (a.order_date AT TIME ZONE $2)::date
           FROM attributions a
           JOIN (SELECT DISTINCT campaign_id, recipient_id FROM aggregation_consumed) c
             ON c.campaign_id = a.campaign_id AND c.recipient_id = a.recipient_id
          WHERE a.org_id = $1 AND a.withdrawn_at IS NULL
         UNION ALL
         SELECT c.id, w.day::date
           FROM campaigns c CROSS JOIN generate_series($3::date - ($4::int - 1), $3::date, interval '1 day') AS w(day)
          WHERE c.org_id = $1
       ) t`,
      [orgId, timezone, today, windowDays],
    );
  }

  /** For a full rebuild: every day that has a bucket or an active order. */
  collectAllDays(orgId: string, timezone: string): Promise<number> {
    return this.db.exec(
      `CREATE TEMP TABLE aggregation_touched ON COMMIT DROP AS
       SELECT campaign_id, day FROM attribution_aggregates_daily WHERE org_id = $1
       UNION
       SELECT campaign_id, (order_date AT TIME ZONE $2)::date FROM attributions WHERE org_id = $1 AND withdrawn_at IS NULL`,
      [orgId, timezone],
    );
  }

  /** Recomputes the touched buckets from raw attributions into a temp table. */
  computeTouchedBuckets(orgId: string, timezone: string): Promise<number> {
    return this.db.exec(
      `CREATE TEMP TABLE aggregation_fresh ON COMMIT DROP AS
       WITH o AS (
         SELECT a.campaign_id, a.recipient_id, a.revenue, a.order_count, a.is_subscription, a.discount_matched, r.is_holdout, t.day
           FROM aggregation_touched t
           JOIN attributions a
             ON a.org_id = $1 AND a.campaign_id = t.campaign_id AND a.withdrawn_at IS NULL
            AND a.order_date >= (t.day::timestamp AT TIME ZONE $2) AND a.order_date < ((t.day + 1)::timestamp AT TIME ZONE $2)
           JOIN campaign_recipients r ON r.org_id = $1 AND r.id = a.recipient_id
       ), f AS (
         SELECT a.campaign_id, a.recipient_id,
                (min(a.order_date) AT TIME ZONE $2)::date AS first_any_day,
                (min(a.order_date) FILTER (WHERE a.order_count = 1) AT TIME ZONE $2)::date AS first_fo_day
           FROM attributions a
           JOIN (SELECT DISTINCT campaign_id, recipient_id FROM o) x ON x.campaign_id = a.campaign_id AND x.recipient_id = a.recipient_id
          WHERE a.org_id = $1 AND a.withdrawn_at IS NULL
          GROUP BY a.campaign_id, a.recipient_id
       )
       SELECT o.campaign_id, o.day, o.is_holdout, ${METRICS} AS metrics
         FROM o JOIN f ON f.campaign_id = o.campaign_id AND f.recipient_id = o.recipient_id
        GROUP BY o.campaign_id, o.day, o.is_holdout`,
      [orgId, timezone],
    );
  }

  /** For a full rebuild: every bucket from raw in one pass (no per-day range lookups). */
  computeAllBuckets(orgId: string, timezone: string): Promise<number> {
    return this.db.exec(`CREATE TEMP TABLE aggregation_fresh ON COMMIT DROP AS ${ALL_BUCKETS_FROM_RAW}`, [orgId, timezone]);
  }

  /** Campaigns whose touched buckets are about to change (new, different or vanishing). */
  async changedCampaigns(orgId: string): Promise<string[]> {
    const rows = await this.db.rows<{ campaign_id: string }>(
      `SELECT DISTINCT coalesce(f.campaign_id, b.campaign_id) AS campaign_id
         FROM aggregation_fresh f
         FULL JOIN (SELECT b.campaign_id, b.day, b.is_holdout, b.metrics
                      FROM attribution_aggregates_daily b
                      JOIN aggregation_touched t ON t.campaign_id = b.campaign_id AND t.day = b.day
                     WHERE b.org_id = $1) b
           ON b.campaign_id = f.campaign_id AND b.day = f.day AND b.is_holdout = f.is_holdout
        WHERE f.metrics IS DISTINCT FROM b.metrics`,
      [orgId],
    );
    return rows.map((r) => r.campaign_id);
  }

  /** Writes every recomputed bucket, stamping last_updated with the run's start. */
  upsertTouchedBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics, last_updated)
       SELECT $1, campaign_id, day, is_holdout, metrics, now() FROM aggregation_fresh
       ON CONFLICT (org_id, campaign_id, day, is_holdout) DO UPDATE
         SET metrics = EXCLUDED.metrics, last_updated = EXCLUDED.last_updated`,
      [orgId],
    );
  }

  /** Buckets in the processed range that this run did not write have lost every contributor. */
  deleteStaleBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `DELETE FROM attribution_aggregates_daily b
        USING aggregation_touched t
        WHERE b.org_id = $1 AND b.campaign_id = t.campaign_id AND b.day = t.day AND b.last_updated < now()`,
      [orgId],
    );
  }

  /** Stored buckets that differ from a from-scratch computation (read only). */
  differencesFromRaw(orgId: string, timezone: string): Promise<BucketDifference[]> {
    return this.db.rows<BucketDifference>(
      `WITH expected AS (${ALL_BUCKETS_FROM_RAW}),
       stored AS (SELECT campaign_id, day, is_holdout, metrics FROM attribution_aggregates_daily WHERE org_id = $1)
       SELECT coalesce(e.campaign_id, s.campaign_id) AS campaign_id, to_char(coalesce(e.day, s.day), 'YYYY-MM-DD') AS day,
              coalesce(e.is_holdout, s.is_holdout) AS is_holdout, s.metrics AS stored, e.metrics AS expected
         FROM expected e
         FULL JOIN stored s ON s.campaign_id = e.campaign_id AND s.day = e.day AND s.is_holdout = e.is_holdout
        WHERE e.metrics IS DISTINCT FROM s.metrics
        ORDER BY 1, 2, 3`,
      [orgId, timezone],
    );
  }
}
