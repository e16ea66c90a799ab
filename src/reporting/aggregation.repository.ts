import type { Db } from '../db/db';

/**
 * All SQL of the daily aggregation (docs/aggregation.md). A bucket is (org, campaign, local
 * day, holdout side); its `metrics` JSONB holds exact numeric sums and counts. Converters are
 * not additive across days, so each recipient counts once, in the bucket of its first
 * qualifying order: summing `converters_*` over all days gives the distinct converters.
 */

/** The additive metrics, in the order of the delta table's columns. */
const ADDITIVE = [
  'orders',
  'revenue',
  'first_orders',
  'first_revenue',
  'subscription_orders',
  'subscription_revenue',
  'subscribers',
  'discount_matched_orders',
] as const;
const ALL_METRICS = [...ADDITIVE, 'converters_all', 'converters_first'] as const;

/** jsonb_build_object over columns named like the metrics, from relation `r`. */
const metricsObject = (r: string) => `jsonb_build_object(${ALL_METRICS.map((m) => `'${m}', ${r}.${m}`).join(', ')})`;

/**
 * The reference computation, written for clarity rather than speed: every bucket of the
 * organisation from raw attributions, converters by count(DISTINCT). `verify` compares stored
 * buckets with it, and the tests compare both maintenance paths with it.
 */
const REFERENCE_BUCKETS = `
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
  SELECT o.campaign_id, o.day, o.is_holdout, jsonb_build_object(
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
  ) AS metrics
    FROM orders o JOIN f ON f.campaign_id = o.campaign_id AND f.recipient_id = o.recipient_id
   GROUP BY o.campaign_id, o.day, o.is_holdout`;

/**
 * The holdout side of a recipient, looked up by primary key per row: the steps that use it
 * start from a few thousand rows, where a scalar subquery (which the planner never turns into
 * a hash join over every recipient) is the cheap plan. `OFFSET 0` fences serve the same end.
 */
const HOLDOUT_OF = (recipientId: string) => `(SELECT is_holdout FROM campaign_recipients WHERE org_id = $1 AND id = ${recipientId})`;

/** The sums of the additive metrics over rows `o`, weighted by `w` (1, or a change's sign). */
const additiveSums = (w: string) => `
    sum(${w})::bigint AS orders,
    sum(${w} * o.revenue) AS revenue,
    coalesce(sum(${w}) FILTER (WHERE o.order_count = 1), 0)::bigint AS first_orders,
    coalesce(sum(${w} * o.revenue) FILTER (WHERE o.order_count = 1), 0) AS first_revenue,
    coalesce(sum(${w}) FILTER (WHERE o.is_subscription), 0)::bigint AS subscription_orders,
    coalesce(sum(${w} * o.revenue) FILTER (WHERE o.is_subscription), 0) AS subscription_revenue,
    coalesce(sum(${w}) FILTER (WHERE o.is_subscription AND o.order_count = 1), 0)::bigint AS subscribers,
    coalesce(sum(${w}) FILTER (WHERE o.discount_matched), 0)::bigint AS discount_matched_orders`;

export interface BucketDifference {
  campaign_id: string;
  day: string;
  is_holdout: boolean;
  stored: Record<string, unknown> | null;
  expected: Record<string, unknown> | null;
}

export class AggregationRepository {
  constructor(private readonly db: Db) {}

  /**
   * A tick's statements are small and index-driven, but their cost estimates can be large
   * enough for JIT compilation, which then costs more than the query (this transaction only).
   */
  async disableJit(): Promise<void> {
    await this.db.exec(`SET LOCAL jit = off`);
  }

  /** Room for the hash aggregates of a rebuild (this transaction only). */
  async raiseWorkMem(): Promise<void> {
    await this.db.exec(`SET LOCAL work_mem = '256MB'`);
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

  async hasBeenRebuilt(orgId: string): Promise<boolean> {
    return (await this.db.row(`SELECT 1 FROM aggregation_state WHERE org_id = $1`, [orgId])) !== null;
  }

  async markRebuilt(orgId: string): Promise<void> {
    await this.db.exec(
      `INSERT INTO aggregation_state (org_id, rebuilt_at) VALUES ($1, now()) ON CONFLICT (org_id) DO UPDATE SET rebuilt_at = EXCLUDED.rebuilt_at`,
      [orgId],
    );
  }

  /**
   * Takes the organisation's change log into a temp table, deleting exactly the rows it read
   * (changes committed after the run's snapshot stay for the next run).
   */
  async consumeChanges(orgId: string): Promise<number> {
    await this.db.exec(
      `CREATE TEMP TABLE aggregation_consumed (campaign_id uuid, recipient_id bigint, order_date timestamptz, sign smallint,
         revenue numeric, order_count integer, is_subscription boolean, discount_matched boolean) ON COMMIT DROP`,
    );
    return this.db.exec(
      `WITH consumed AS (
         DELETE FROM attribution_changes WHERE org_id = $1
         RETURNING campaign_id, recipient_id, order_date, sign, revenue, order_count, is_subscription, discount_matched)
       INSERT INTO aggregation_consumed SELECT * FROM consumed`,
      [orgId],
    );
  }

  /** The additive deltas of the consumed changes, per bucket. */
  computeAdditiveDeltas(orgId: string, timezone: string): Promise<number> {
    return this.db.exec(
      `CREATE TEMP TABLE aggregation_delta ON COMMIT DROP AS
       SELECT o.campaign_id, (o.order_date AT TIME ZONE $2)::date AS day, ${HOLDOUT_OF('o.recipient_id')} AS is_holdout,
              ${additiveSums('o.sign')}, 0::bigint AS converters_all, 0::bigint AS converters_first
         FROM aggregation_consumed o
        GROUP BY 1, 2, 3`,
      [orgId, timezone],
    );
  }

  /**
   * Converter deltas of every changed recipient: its first days now (from the attributions) and
   * before the consumed changes (the same multiset minus the versions that arrived plus those
   * that left); a recipient whose first day moved leaves one bucket and joins another.
   */
  addConverterDeltas(orgId: string, timezone: string): Promise<number> {
    return this.db.exec(
      `INSERT INTO aggregation_delta (campaign_id, day, is_holdout, ${ADDITIVE.join(', ')}, converters_all, converters_first)
       WITH changed AS (SELECT DISTINCT campaign_id, recipient_id FROM aggregation_consumed),
       versions AS (
         SELECT c.campaign_id, c.recipient_id, (a.order_date AT TIME ZONE $2)::date AS day, a.order_count = 1 AS first_purchase, 1 AS now_n, 1 AS old_n
           FROM changed c
           CROSS JOIN LATERAL (SELECT order_date, order_count FROM attributions
                                WHERE org_id = $1 AND campaign_id = c.campaign_id AND recipient_id = c.recipient_id AND withdrawn_at IS NULL
                               OFFSET 0) a
         UNION ALL
         SELECT campaign_id, recipient_id, (order_date AT TIME ZONE $2)::date, order_count = 1, 0, -sign FROM aggregation_consumed
       ),
       per_day AS (
         SELECT campaign_id, recipient_id, day, first_purchase, sum(now_n) AS now_n, sum(old_n) AS old_n
           FROM versions GROUP BY 1, 2, 3, 4
       ),
       firsts AS (
         SELECT campaign_id, recipient_id,
                min(day) FILTER (WHERE now_n > 0) AS new_any, min(day) FILTER (WHERE now_n > 0 AND first_purchase) AS new_first,
                min(day) FILTER (WHERE old_n > 0) AS old_any, min(day) FILTER (WHERE old_n > 0 AND first_purchase) AS old_first
           FROM per_day GROUP BY 1, 2
       ),
       moves AS (
         SELECT campaign_id, recipient_id, new_any AS day, 1 AS d_all, 0 AS d_first FROM firsts WHERE new_any IS DISTINCT FROM old_any AND new_any IS NOT NULL
         UNION ALL
         SELECT campaign_id, recipient_id, old_any, -1, 0 FROM firsts WHERE new_any IS DISTINCT FROM old_any AND old_any IS NOT NULL
         UNION ALL
         SELECT campaign_id, recipient_id, new_first, 0, 1 FROM firsts WHERE new_first IS DISTINCT FROM old_first AND new_first IS NOT NULL
         UNION ALL
         SELECT campaign_id, recipient_id, old_first, 0, -1 FROM firsts WHERE new_first IS DISTINCT FROM old_first AND old_first IS NOT NULL
       )
       SELECT m.campaign_id, m.day, ${HOLDOUT_OF('m.recipient_id')}, ${ADDITIVE.map(() => '0').join(', ')}, sum(m.d_all), sum(m.d_first)
         FROM moves m
        GROUP BY 1, 2, 3`,
      [orgId, timezone],
    );
  }

  /**
   * Applies the deltas of the buckets outside [windowStart, windowEnd] (the window is
   * recomputed from raw instead) and returns the campaigns whose buckets changed.
   */
  async applyDeltas(orgId: string, windowStart: string, windowEnd: string): Promise<string[]> {
    const rows = await this.db.rows<{ campaign_id: string }>(
      `WITH d AS (
         SELECT campaign_id, day, is_holdout, ${ALL_METRICS.map((m) => `sum(${m}) AS ${m}`).join(', ')}
           FROM aggregation_delta WHERE day < $2::date OR day > $3::date
          GROUP BY 1, 2, 3
         HAVING ${ALL_METRICS.map((m) => `sum(${m}) <> 0`).join(' OR ')}
       ), written AS (
         INSERT INTO attribution_aggregates_daily AS b (org_id, campaign_id, day, is_holdout, metrics, last_updated)
         SELECT $1, campaign_id, day, is_holdout, ${metricsObject('d')}, now() FROM d
         ON CONFLICT (org_id, campaign_id, day, is_holdout) DO UPDATE
           SET metrics = jsonb_build_object(${ALL_METRICS.map((m) => `'${m}', (b.metrics->>'${m}')::numeric + (EXCLUDED.metrics->>'${m}')::numeric`).join(', ')}),
               last_updated = now()
         RETURNING campaign_id
       )
       SELECT DISTINCT campaign_id FROM written`,
      [orgId, windowStart, windowEnd],
    );
    return rows.map((r) => r.campaign_id);
  }

  /** Buckets the deltas emptied have lost every contributor. */
  deleteEmptiedBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `DELETE FROM attribution_aggregates_daily b
        USING (SELECT DISTINCT campaign_id, day, is_holdout FROM aggregation_delta) d
        WHERE b.org_id = $1 AND b.campaign_id = d.campaign_id AND b.day = d.day AND b.is_holdout = d.is_holdout
          AND (b.metrics->>'orders')::numeric = 0`,
      [orgId],
    );
  }

  /** The sliding window: every campaign's days from windowStart to windowEnd. */
  collectWindowDays(orgId: string, windowStart: string, windowEnd: string): Promise<number> {
    return this.db.exec(
      `CREATE TEMP TABLE aggregation_touched ON COMMIT DROP AS
       SELECT c.id AS campaign_id, w.day::date AS day
         FROM campaigns c CROSS JOIN generate_series($2::date, $3::date, interval '1 day') AS w(day)
        WHERE c.org_id = $1`,
      [orgId, windowStart, windowEnd],
    );
  }

  /** Recomputes the window's buckets from raw attributions into a temp table. */
  computeWindowBuckets(orgId: string, timezone: string): Promise<number> {
    return this.db.exec(
      `CREATE TEMP TABLE aggregation_fresh ON COMMIT DROP AS
       WITH o AS (
         -- The window is small: index lookups per (campaign, day) and per order (LATERAL), never a scan.
         SELECT t.campaign_id, a.recipient_id, a.revenue, a.order_count, a.is_subscription, a.discount_matched,
                ${HOLDOUT_OF('a.recipient_id')} AS is_holdout, t.day
           FROM aggregation_touched t
           CROSS JOIN LATERAL (SELECT recipient_id, revenue, order_count, is_subscription, discount_matched FROM attributions
                                WHERE org_id = $1 AND campaign_id = t.campaign_id AND withdrawn_at IS NULL
                                  AND order_date >= (t.day::timestamp AT TIME ZONE $2) AND order_date < ((t.day + 1)::timestamp AT TIME ZONE $2)
                               OFFSET 0) a
       ), f AS (
         SELECT x.campaign_id, x.recipient_id,
                (h.first_any AT TIME ZONE $2)::date AS first_any_day, (h.first_fo AT TIME ZONE $2)::date AS first_fo_day
           FROM (SELECT DISTINCT campaign_id, recipient_id FROM o) x
           CROSS JOIN LATERAL (SELECT min(order_date) AS first_any, min(order_date) FILTER (WHERE order_count = 1) AS first_fo
                                 FROM attributions
                                WHERE org_id = $1 AND campaign_id = x.campaign_id AND recipient_id = x.recipient_id AND withdrawn_at IS NULL) h
       ), sums AS (
         SELECT o.campaign_id, o.day, o.is_holdout, ${additiveSums('1')},
                count(DISTINCT o.recipient_id) FILTER (WHERE o.day = f.first_any_day) AS converters_all,
                count(DISTINCT o.recipient_id) FILTER (WHERE o.order_count = 1 AND o.day = f.first_fo_day) AS converters_first
           FROM o JOIN f ON f.campaign_id = o.campaign_id AND f.recipient_id = o.recipient_id
          GROUP BY o.campaign_id, o.day, o.is_holdout
       )
       SELECT campaign_id, day, is_holdout, ${metricsObject('sums')} AS metrics FROM sums`,
      [orgId, timezone],
    );
  }

  /** Campaigns whose window buckets are about to change (new, different or vanishing). */
  async changedWindowCampaigns(orgId: string): Promise<string[]> {
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

  /** Writes the window's buckets, stamping last_updated with the run's start. */
  upsertWindowBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics, last_updated)
       SELECT $1, campaign_id, day, is_holdout, metrics, now() FROM aggregation_fresh
       ON CONFLICT (org_id, campaign_id, day, is_holdout) DO UPDATE
         SET metrics = EXCLUDED.metrics, last_updated = EXCLUDED.last_updated`,
      [orgId],
    );
  }

  /** Window buckets this run did not write have lost every contributor (the seed's rule). */
  deleteStaleWindowBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `DELETE FROM attribution_aggregates_daily b
        USING aggregation_touched t
        WHERE b.org_id = $1 AND b.campaign_id = t.campaign_id AND b.day = t.day AND b.last_updated < now()`,
      [orgId],
    );
  }

  /** Deletes every bucket of the organisation; returns the campaigns that had some. */
  async deleteAllBuckets(orgId: string): Promise<string[]> {
    const rows = await this.db.rows<{ campaign_id: string }>(
      `WITH gone AS (DELETE FROM attribution_aggregates_daily WHERE org_id = $1 RETURNING campaign_id)
       SELECT DISTINCT campaign_id FROM gone`,
      [orgId],
    );
    return rows.map((r) => r.campaign_id);
  }

  /**
   * Every bucket from raw in one scan: grouping sets aggregate per bucket and per recipient at
   * once, and each recipient's first days become the buckets' converter counts.
   */
  async insertAllBuckets(orgId: string, timezone: string): Promise<string[]> {
    const rows = await this.db.rows<{ campaign_id: string }>(
      `WITH g AS (
         SELECT o.campaign_id, o.is_holdout, o.day, o.recipient_id, GROUPING(o.recipient_id) = 0 AS per_recipient, ${additiveSums('1')},
                min(o.day) AS first_any_day, min(o.day) FILTER (WHERE o.order_count = 1) AS first_fo_day
           FROM (SELECT a.campaign_id, r.is_holdout, (a.order_date AT TIME ZONE $2)::date AS day, a.recipient_id,
                        a.revenue, a.order_count, a.is_subscription, a.discount_matched
                   FROM attributions a JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
                  WHERE a.org_id = $1 AND a.withdrawn_at IS NULL) o
          GROUP BY GROUPING SETS ((o.campaign_id, o.is_holdout, o.day), (o.campaign_id, o.is_holdout, o.recipient_id))
       ), converters AS (
         SELECT campaign_id, is_holdout, day, sum(n_all)::bigint AS converters_all, sum(n_first)::bigint AS converters_first
           FROM (SELECT campaign_id, is_holdout, first_any_day AS day, 1 AS n_all, 0 AS n_first FROM g WHERE per_recipient
                 UNION ALL
                 SELECT campaign_id, is_holdout, first_fo_day, 0, 1 FROM g WHERE per_recipient AND first_fo_day IS NOT NULL) x
          GROUP BY 1, 2, 3
       ), buckets AS (
         SELECT b.campaign_id, b.is_holdout, b.day, ${ADDITIVE.map((m) => `b.${m}`).join(', ')},
                coalesce(c.converters_all, 0) AS converters_all, coalesce(c.converters_first, 0) AS converters_first
           FROM g b LEFT JOIN converters c ON c.campaign_id = b.campaign_id AND c.is_holdout = b.is_holdout AND c.day = b.day
          WHERE NOT b.per_recipient
       ), written AS (
         INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics, last_updated)
         SELECT $1, campaign_id, day, is_holdout, ${metricsObject('buckets')}, now() FROM buckets
         RETURNING campaign_id
       )
       SELECT DISTINCT campaign_id FROM written`,
      [orgId, timezone],
    );
    return rows.map((r) => r.campaign_id);
  }

  /** Stored buckets that differ from the reference computation (read only). */
  differencesFromRaw(orgId: string, timezone: string): Promise<BucketDifference[]> {
    return this.db.rows<BucketDifference>(
      `WITH expected AS (${REFERENCE_BUCKETS}),
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
