import type { Db } from '../db/db';
import { organizationClock, type OrganizationClock } from './organization-clock';

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
 * The sums of the additive metrics over orders `o`: plain counts and sums (a rebuild runs them a
 * million times).
 */
const additiveSums = () => `
    count(*)::bigint AS orders,
    sum(o.revenue) AS revenue,
    count(*) FILTER (WHERE o.order_count = 1)::bigint AS first_orders,
    coalesce(sum(o.revenue) FILTER (WHERE o.order_count = 1), 0) AS first_revenue,
    count(*) FILTER (WHERE o.is_subscription)::bigint AS subscription_orders,
    coalesce(sum(o.revenue) FILTER (WHERE o.is_subscription), 0) AS subscription_revenue,
    count(*) FILTER (WHERE o.is_subscription AND o.order_count = 1)::bigint AS subscribers,
    count(*) FILTER (WHERE o.discount_matched)::bigint AS discount_matched_orders`;

const HOLDOUT_IDS = `(SELECT id FROM campaign_recipients WHERE org_id = $1 AND is_holdout)`;

/**
 * Every bucket of organisation $1 from raw, for a rebuild (run after useTimeZone: local days
 * are plain `::date` casts). Two reads, each the cheapest for its part:
 * - the additive sums by one scan of the attributions, the holdout side from a hash of the
 *   organisation's holdout recipients only (a small fraction of them, so it stays in cache);
 * - each recipient's first days from the history index alone, campaign by campaign, already
 *   in (recipient, order_date) order: no hash or sort of every order for the converters,
 *   whose counts per first day and per first-purchase day come from one grouping-sets pass.
 *   Written `(withdrawn_at IS NULL) IS TRUE` so that only attributions_history_idx serves it:
 *   since attributions_campaign_date_idx carries the recipient and the order count (migration
 *   WindowCoveringIndex), the planner took that partial index and hashed every campaign's
 *   orders by recipient instead of reading them in recipient order.
 */
const ALL_BUCKET_ROWS = `
       WITH sums AS (
         SELECT o.campaign_id, o.order_date::date AS day, h.id IS NOT NULL AS is_holdout, ${additiveSums()}
           FROM attributions o LEFT JOIN ${HOLDOUT_IDS} h ON h.id = o.recipient_id
          WHERE o.org_id = $1 AND o.withdrawn_at IS NULL
          GROUP BY 1, 2, 3
       ), firsts AS (
         SELECT c.id AS campaign_id, h.id IS NOT NULL AS is_holdout, f.any_day, f.fo_day, count(*) AS n, GROUPING(f.any_day) AS by_fo_day
           FROM campaigns c
           CROSS JOIN LATERAL (SELECT recipient_id, min(order_date)::date AS any_day, (min(order_date) FILTER (WHERE order_count = 1))::date AS fo_day
                                 FROM attributions
                                WHERE org_id = c.org_id AND campaign_id = c.id AND (withdrawn_at IS NULL) IS TRUE
                                GROUP BY recipient_id) f
           LEFT JOIN ${HOLDOUT_IDS} h ON h.id = f.recipient_id
          WHERE c.org_id = $1
          GROUP BY GROUPING SETS ((1, 2, f.any_day), (1, 2, f.fo_day))
       ), converters AS (
         SELECT campaign_id, is_holdout, CASE WHEN by_fo_day = 0 THEN any_day ELSE fo_day END AS day,
                coalesce(sum(n) FILTER (WHERE by_fo_day = 0), 0)::bigint AS converters_all,
                coalesce(sum(n) FILTER (WHERE by_fo_day = 1), 0)::bigint AS converters_first
           FROM firsts
          WHERE by_fo_day = 0 OR fo_day IS NOT NULL
          GROUP BY 1, 2, 3
       )
       SELECT s.campaign_id, s.day, s.is_holdout, ${ADDITIVE.map((m) => `s.${m}`).join(', ')},
              coalesce(c.converters_all, 0) AS converters_all, coalesce(c.converters_first, 0) AS converters_first
         FROM sums s LEFT JOIN converters c ON c.campaign_id = s.campaign_id AND c.is_holdout = s.is_holdout AND c.day = s.day`;

/** ALL_BUCKET_ROWS with their metrics as a bucket's JSONB. */
const ALL_BUCKETS = `SELECT r.campaign_id, r.day, r.is_holdout, ${metricsObject('r')} AS metrics FROM (${ALL_BUCKET_ROWS}) r`;

/**
 * Set (transaction-local) around a statement whose totals kept with the buckets are written by
 * its caller (migration BucketTotals): 'on', the buckets' totals trigger leaves the statement
 * alone (a first backfill); 'counts', it only counts the buckets inserted and deleted (a tick's
 * MERGE). Reset to 'off' right after the statement.
 */
const TOTALS_BY_STATEMENT = 'paperrun.bucket_totals_by_statement';

/** sum(column) of each metric, in order (the totals' upserts). */
const sumsOf = (metrics: readonly string[]) => metrics.map((m) => `sum(${m})`).join(', ');

/**
 * The window's first days and per-bucket sums over the orders of a CTE `o` (one row per window
 * order, with its local `day` and `starts`, the window's first instant): one text for a tick's
 * window buckets and for the set-based window check, so the check compares exactly what a tick
 * would write. Follows `o`'s closing parenthesis.
 *
 * A recipient converts on its first day (the first of any order, and of a first purchase: spec
 * §4), which only matters here when it falls in the window. So the first window day of each is
 * taken from `o` itself, and one probe of the history index asks whether an order (a first
 * purchase) came before the window: if so, the first day is earlier and counts in no window
 * bucket. A probe stops at its first entry, where reading the recipient's whole history (its
 * min) reads every entry and, after changes, fetches each from the heap.
 *
 * The probes' `(withdrawn_at IS NULL) IS TRUE` (the same test) keeps them on
 * attributions_history_idx, whose key reaches the recipient's entries: the planner, which
 * estimates a row per (organisation, campaign) when there are thousands, otherwise takes the
 * smaller partial attributions_campaign_date_idx and reads the campaign's orders before the
 * window one by one (50 per probe at 200 orders per campaign: 35 buffers a probe against 5).
 * The first probe returns the order count of the entry it stops at (NULL: no earlier order;
 * order_count itself is NOT NULL): when that entry is a first purchase, the second probe (a
 * first purchase before the window?) is answered too.
 *
 * A recipient is one row of `f` (on one side for good), counted as a converter of the bucket of
 * its first window day (and of its first window first purchase), so the converters are counts
 * of `f` per day, and the additive sums are the orders' own: no join of the orders to their
 * recipients and no DISTINCT per bucket (a sort per bucket and aggregate).
 */
const FIRST_DAYS_AND_SUMS = `
       ), f AS (
         SELECT x.org_id, x.campaign_id, x.recipient_id, x.is_holdout,
                CASE WHEN x.earlier IS NULL THEN x.first_any_day END AS first_any_day,
                CASE WHEN x.first_fo_day IS NULL THEN NULL
                     WHEN x.earlier IS NULL THEN x.first_fo_day
                     WHEN x.earlier = 1 THEN NULL
                     WHEN EXISTS (SELECT 1 FROM attributions
                                   WHERE org_id = x.org_id AND campaign_id = x.campaign_id AND recipient_id = x.recipient_id AND order_date < x.starts
                                     AND (withdrawn_at IS NULL) IS TRUE AND order_count = 1) THEN NULL
                     ELSE x.first_fo_day END AS first_fo_day
           FROM (SELECT y.*, (SELECT order_count FROM attributions
                               WHERE org_id = y.org_id AND campaign_id = y.campaign_id AND recipient_id = y.recipient_id AND order_date < y.starts
                                 AND (withdrawn_at IS NULL) IS TRUE LIMIT 1) AS earlier
                   FROM (SELECT org_id, campaign_id, recipient_id, bool_or(is_holdout) AS is_holdout, min(starts) AS starts,
                                min(day) AS first_any_day, min(day) FILTER (WHERE order_count = 1) AS first_fo_day
                           FROM o GROUP BY org_id, campaign_id, recipient_id) y
                 OFFSET 0) x
       ), converters AS (
         SELECT f.org_id, f.campaign_id, d.day, f.is_holdout, sum(d.all_n)::bigint AS converters_all, sum(d.first_n)::bigint AS converters_first
           FROM f CROSS JOIN LATERAL (VALUES (f.first_any_day, 1, 0), (f.first_fo_day, 0, 1)) d(day, all_n, first_n)
          WHERE d.day IS NOT NULL
          GROUP BY 1, 2, 3, 4
       ), sums AS (
         SELECT s.*, coalesce(c.converters_all, 0) AS converters_all, coalesce(c.converters_first, 0) AS converters_first
           FROM (SELECT o.org_id, o.campaign_id, o.day, o.is_holdout, ${additiveSums()}
                   FROM o GROUP BY o.org_id, o.campaign_id, o.day, o.is_holdout) s
           LEFT JOIN converters c ON c.org_id = s.org_id AND c.campaign_id = s.campaign_id AND c.day = s.day AND c.is_holdout = s.is_holdout`;

/**
 * The sliding window's buckets from raw, for the (org_id, timezone, campaign_id, day) rows of
 * relation `touched`: index lookups per (campaign, day) and per order (LATERAL), never a scan.
 * The holdout side comes from the small partial index of holdout recipients
 * (campaign_recipients_holdout_idx, index-only; by primary key, with a heap fetch each,
 * 10,000 recipients cost 60–130 ms, this way about 10 ms).
 * Its first-day lookups and sums are FIRST_DAYS_AND_SUMS, shared with the window check.
 */
const WINDOW_BUCKETS = (touched: string) => `
       WITH o AS (
         SELECT t.org_id, t.timezone, t.campaign_id, a.recipient_id, a.revenue, a.order_count, a.is_subscription, a.discount_matched,
                EXISTS (SELECT 1 FROM campaign_recipients WHERE org_id = t.org_id AND id = a.recipient_id AND is_holdout) AS is_holdout, t.day, t.starts
           FROM ${touched} t
           CROSS JOIN LATERAL (SELECT recipient_id, revenue, order_count, is_subscription, discount_matched FROM attributions
                                WHERE org_id = t.org_id AND campaign_id = t.campaign_id AND withdrawn_at IS NULL
                                  AND order_date >= (t.day::timestamp AT TIME ZONE t.timezone) AND order_date < ((t.day + 1)::timestamp AT TIME ZONE t.timezone)
                                -- The order makes attributions_campaign_date_idx the obvious path: with
                                -- thousands of campaigns the planner estimates one row per (org, campaign)
                                -- and otherwise may walk the whole campaign by its order-id key.
                                ORDER BY order_date OFFSET 0) a
${FIRST_DAYS_AND_SUMS}
       )
       SELECT org_id, campaign_id, day, is_holdout, ${metricsObject('sums')} AS metrics FROM sums`;

export interface BucketDifference {
  campaign_id: string;
  day: string;
  is_holdout: boolean;
  stored: Record<string, unknown> | null;
  expected: Record<string, unknown> | null;
}

/** A row of a totals table (bucket_campaign_totals or bucket_daily_totals) that differs from its buckets' sums. */
export interface TotalsDifference {
  /** 'campaign <id> holdout|treatment' or 'day <YYYY-MM-DD>'. */
  scope: string;
  stored: Record<string, unknown> | null;
  expected: Record<string, unknown> | null;
}

/** How long a run in progress may be joined by a worker that starts later (see openOrJoinRound). */
const ROUND_JOIN_LIMIT = '10 minutes';

export class AggregationRepository {
  constructor(private readonly db: Db) {}

  /**
   * A tick's statements are small and index-driven, but their cost estimates can be large
   * enough for JIT compilation, which then costs more than the query; the rebuild's estimates
   * (a million groups, where there are tens of thousands) cross the inlining and optimisation
   * thresholds, which cost more than a second of compilation (this transaction only).
   */
  async disableJit(): Promise<void> {
    await this.db.exec(`SET LOCAL jit = off`);
  }

  /**
   * A tick hashes a few tens of thousands of changes and buckets: the default 4 MB work_mem
   * spills those hashes to disk (this transaction only).
   */
  async prepareTick(): Promise<void> {
    await this.disableJit();
    await this.db.exec(`SET LOCAL work_mem = '64MB'`);
  }

  /**
   * Room for the hash aggregates of a rebuild, and no sorts (this transaction only): the
   * planner estimates the (campaign, local day) groups from the distinct order instants, a
   * million where there are tens of thousands, and would sort every order to spare a hash
   * table it believes too large.
   */
  async prepareRebuild(): Promise<void> {
    await this.db.exec(`SET LOCAL work_mem = '256MB'`);
    await this.db.exec(`SET LOCAL enable_sort = off`);
  }

  organizationClock(orgId: string): Promise<OrganizationClock | null> {
    return organizationClock(this.db, orgId);
  }

  enabledOrganizationIds(): Promise<Array<{ id: string }>> {
    return this.db.rows<{ id: string }>(`SELECT id FROM organizations WHERE reporting_enabled ORDER BY id`);
  }

  async hasBeenRebuilt(orgId: string): Promise<boolean> {
    return (await this.db.row(`SELECT 1 FROM aggregation_state WHERE org_id = $1`, [orgId])) !== null;
  }

  async markRebuilt(orgId: string): Promise<void> {
    await this.db.exec(
      `INSERT INTO aggregation_state (org_id, rebuilt_at, buckets_version) VALUES ($1, now(), 1)
       ON CONFLICT (org_id) DO UPDATE SET rebuilt_at = EXCLUDED.rebuilt_at, buckets_version = aggregation_state.buckets_version + 1`,
      [orgId],
    );
  }

  /** The organisation's buckets changed: the cache sync sees a new version (committed with them). */
  async bumpBucketsVersion(orgId: string): Promise<void> {
    await this.db.exec(`UPDATE aggregation_state SET buckets_version = buckets_version + 1 WHERE org_id = $1`, [orgId]);
  }

  /**
   * The exact change of every bucket outside [windowStart, windowEnd] (the window is recomputed
   * from raw instead), into a temp table, in one statement over the organisation's change log
   * (read here, deleted by consumeChanges in the same snapshot). Run after useTimeZone: local
   * days are plain `::date` casts.
   *
   * - Additive metrics: the sums of the logged rows per bucket (`revenue` is signed; `sign` is
   *   the change of the order count, 0 for a revenue correction).
   * - Converters: only recipients whose multiset of (day, first purchase) versions changed can
   *   move (a revenue correction cannot — most of a log). For those, the first days now (the
   *   history index, index-only) and before the logged changes (the same multiset minus the net
   *   change); a recipient whose first day moved leaves one bucket (−1) and joins another (+1).
   * - The holdout side of each row from a hash of the organisation's holdout recipients,
   *   those deleted since the last run included.
   */
  async computeDeltas(orgId: string, windowStart: string, windowEnd: string): Promise<number> {
    const sum = (column: string, filter?: string) =>
      filter ? `coalesce(sum(${column}) FILTER (WHERE ${filter}), 0)` : `sum(${column})`;
    const n = await this.db.exec(
      `CREATE TEMP TABLE aggregation_delta ON COMMIT DROP AS
       WITH log AS MATERIALIZED (
         SELECT campaign_id, recipient_id, order_date::date AS day, sign, revenue, order_count, is_subscription, discount_matched,
                recipient_id IN (SELECT id FROM campaign_recipients WHERE org_id = $1 AND is_holdout
                                 UNION ALL SELECT recipient_id FROM deleted_holdout_recipients WHERE org_id = $1) AS is_holdout
           FROM attribution_changes
          -- A campaign's deletion drops its rows; this keeps leftovers (a deletion with the
          -- triggers disabled) from failing every run on the buckets' campaign check.
          WHERE org_id = $1 AND campaign_id IN (SELECT id FROM campaigns WHERE org_id = $1)
       ), additive AS (
         SELECT campaign_id, day, is_holdout,
                ${sum('sign')}::bigint AS orders, ${sum('revenue')} AS revenue,
                ${sum('sign', 'order_count = 1')}::bigint AS first_orders, ${sum('revenue', 'order_count = 1')} AS first_revenue,
                ${sum('sign', 'is_subscription')}::bigint AS subscription_orders, ${sum('revenue', 'is_subscription')} AS subscription_revenue,
                ${sum('sign', 'is_subscription AND order_count = 1')}::bigint AS subscribers,
                ${sum('sign', 'discount_matched')}::bigint AS discount_matched_orders
           FROM log GROUP BY 1, 2, 3
       ), net AS (
         SELECT campaign_id, recipient_id, is_holdout, day, order_count = 1 AS first_purchase, sum(sign) AS n
           FROM log WHERE sign <> 0 GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0
       ), versions AS (
         SELECT c.campaign_id, c.recipient_id, c.is_holdout, a.order_date::date AS day, a.order_count = 1 AS first_purchase, 1 AS now_n, 1 AS old_n
           FROM (SELECT DISTINCT campaign_id, recipient_id, is_holdout FROM net) c
           -- By the recipient's key in attributions_history_idx, never the campaign's date index
           -- (the window's probes, FIRST_DAYS_AND_SUMS, say why: the same test written so).
           CROSS JOIN LATERAL (SELECT order_date, order_count FROM attributions
                                WHERE org_id = $1 AND campaign_id = c.campaign_id AND recipient_id = c.recipient_id AND (withdrawn_at IS NULL) IS TRUE
                               OFFSET 0) a
         UNION ALL
         SELECT campaign_id, recipient_id, is_holdout, day, first_purchase, 0, -n FROM net
       ), per_day AS (
         SELECT campaign_id, recipient_id, is_holdout, day, first_purchase, sum(now_n) AS now_n, sum(old_n) AS old_n
           FROM versions GROUP BY 1, 2, 3, 4, 5
       ), firsts AS (
         SELECT campaign_id, is_holdout,
                min(day) FILTER (WHERE now_n > 0) AS new_any, min(day) FILTER (WHERE now_n > 0 AND first_purchase) AS new_first,
                min(day) FILTER (WHERE old_n > 0) AS old_any, min(day) FILTER (WHERE old_n > 0 AND first_purchase) AS old_first
           FROM per_day GROUP BY campaign_id, recipient_id, is_holdout
       ), moves AS (
         SELECT f.campaign_id, f.is_holdout, m.day, sum(m.d_all)::bigint AS converters_all, sum(m.d_first)::bigint AS converters_first
           FROM firsts f
           CROSS JOIN LATERAL (VALUES (f.new_any, 1, 0), (f.old_any, -1, 0), (f.new_first, 0, 1), (f.old_first, 0, -1)) m(day, d_all, d_first)
          WHERE m.day IS NOT NULL
            AND CASE WHEN m.d_all <> 0 THEN f.new_any IS DISTINCT FROM f.old_any ELSE f.new_first IS DISTINCT FROM f.old_first END
          GROUP BY 1, 2, 3
       )
       SELECT coalesce(a.campaign_id, m.campaign_id) AS campaign_id, coalesce(a.day, m.day) AS day, coalesce(a.is_holdout, m.is_holdout) AS is_holdout,
              ${ADDITIVE.map((k) => `coalesce(a.${k}, 0) AS ${k}`).join(', ')},
              coalesce(m.converters_all, 0) AS converters_all, coalesce(m.converters_first, 0) AS converters_first
         FROM additive a
         FULL JOIN moves m ON m.campaign_id = a.campaign_id AND m.day = a.day AND m.is_holdout = a.is_holdout
        WHERE (coalesce(a.day, m.day) < $2::date OR coalesce(a.day, m.day) > $3::date)
          AND (${[...ADDITIVE.map((k) => `a.${k} <> 0`), 'm.converters_all <> 0', 'm.converters_first <> 0'].join(' OR ')})`,
      [orgId, windowStart, windowEnd],
    );
    return n;
  }

  /**
   * Deletes the organisation's change log and deleted holdout recipients: in the run's
   * repeatable-read snapshot that is exactly the rows computeDeltas read (changes committed
   * since stay for the next run).
   */
  async consumeChanges(orgId: string): Promise<number> {
    await this.db.exec(`DELETE FROM deleted_holdout_recipients WHERE org_id = $1`, [orgId]);
    return this.db.exec(`DELETE FROM attribution_changes WHERE org_id = $1`, [orgId]);
  }

  /** Sets TOTALS_BY_STATEMENT for the statements that follow (this transaction only). */
  private async totalsByStatement(mode: 'on' | 'counts' | 'off'): Promise<void> {
    await this.db.rows(`SELECT set_config('${TOTALS_BY_STATEMENT}', $1, true)`, [mode]);
  }

  /** A rebuild reads everything from raw: the log of the snapshot is dropped unread. */
  discardChanges(orgId: string): Promise<number> {
    return this.consumeChanges(orgId);
  }

  /**
   * Applies the deltas and returns the campaigns whose buckets changed. One MERGE looks each
   * delta's bucket up once by its key (index probes, whatever the number of deltas: the delta
   * table has no statistics, and hashing every bucket of the organisation costs more than a few
   * thousand probes) and, on the row it found,
   * - rewrites only the changed keys of a bucket that keeps orders (a revenue correction
   *   touches two or three of ten; every numeric written into JSONB costs a text round trip),
   *   merged as JSON text parsed once (cheaper than jsonb_build_object and jsonb_strip_nulls);
   * - deletes a bucket whose order count reaches 0 (it lost every contributor);
   * - inserts the bucket of a delta that has none.
   * (An UPDATE, a DELETE and an INSERT joined to one lookup through a materialised CTE and the
   * row addresses cost a third more: the CTE copies every old bucket, and each write fetches
   * its row again.) Every delta row changes its bucket (computeDeltas keeps only non-zero
   * ones), so the changed campaigns are the deltas' own. The totals kept with the buckets move
   * by the same deltas (below).
   */
  async applyDeltas(orgId: string): Promise<string[]> {
    const changedKeys = ALL_METRICS.map((m) => `CASE WHEN d.${m} <> 0 THEN '"${m}":' || ((b.metrics->'${m}')::numeric + d.${m}) END`).join(', ');
    // The totals kept with the buckets, from the numeric deltas, before the MERGE (whose trigger
    // then only counts the buckets it inserts and deletes); the totals rows it leaves without
    // buckets, their sums by then zero, are deleted after it.
    const add = (metrics: readonly string[]) => metrics.map((m) => `${m} = t.${m} + EXCLUDED.${m}`).join(', ');
    await this.db.exec(
      `WITH campaign_totals AS (
         INSERT INTO bucket_campaign_totals AS t (org_id, campaign_id, is_holdout, buckets, ${ALL_METRICS.join(', ')})
         SELECT $1, campaign_id, is_holdout, 0, ${sumsOf(ALL_METRICS)} FROM aggregation_delta GROUP BY campaign_id, is_holdout ORDER BY 2, 3
         ON CONFLICT (org_id, campaign_id, is_holdout) DO UPDATE SET ${add(ALL_METRICS)}
       )
       INSERT INTO bucket_daily_totals AS t (org_id, day, buckets, ${ADDITIVE.join(', ')})
       SELECT $1, day, 0, ${sumsOf(ADDITIVE)} FROM aggregation_delta WHERE NOT is_holdout GROUP BY day ORDER BY 2
       ON CONFLICT (org_id, day) DO UPDATE SET ${add(ADDITIVE)}`,
      [orgId],
    );
    await this.totalsByStatement('counts');
    await this.db.exec(`SET LOCAL enable_hashjoin = off`);
    await this.db.exec(`SET LOCAL enable_mergejoin = off`);
    await this.db.exec(
      `MERGE INTO attribution_aggregates_daily b
       USING aggregation_delta d ON b.org_id = $1 AND b.campaign_id = d.campaign_id AND b.day = d.day AND b.is_holdout = d.is_holdout
       WHEN MATCHED AND (b.metrics->'orders')::numeric + d.orders = 0 THEN DELETE
       WHEN MATCHED THEN UPDATE SET metrics = b.metrics || ('{' || concat_ws(',', ${changedKeys}) || '}')::jsonb, last_updated = now()
       WHEN NOT MATCHED THEN INSERT (org_id, campaign_id, day, is_holdout, metrics, last_updated)
         VALUES ($1, d.campaign_id, d.day, d.is_holdout, ${metricsObject('d')}, now())`,
      [orgId],
    );
    await this.totalsByStatement('off');
    await this.db.exec(`SET LOCAL enable_hashjoin TO DEFAULT`);
    await this.db.exec(`SET LOCAL enable_mergejoin TO DEFAULT`);
    // Totals rows whose last bucket the MERGE deleted (their sums are zero by now).
    await this.db.exec(
      `WITH campaigns AS (
         DELETE FROM bucket_campaign_totals t USING (SELECT DISTINCT campaign_id, is_holdout FROM aggregation_delta) d
          WHERE t.org_id = $1 AND t.campaign_id = d.campaign_id AND t.is_holdout = d.is_holdout AND t.buckets = 0
       )
       DELETE FROM bucket_daily_totals t USING (SELECT DISTINCT day FROM aggregation_delta WHERE NOT is_holdout) d
        WHERE t.org_id = $1 AND t.day = d.day AND t.buckets = 0`,
      [orgId],
    );
    const rows = await this.db.rows<{ campaign_id: string }>(`SELECT DISTINCT campaign_id FROM aggregation_delta`);
    return rows.map((r) => r.campaign_id);
  }

  /**
   * The sliding window: every campaign's days from windowStart to windowEnd. Analysed, so that
   * the window's statements see a few hundred rows and probe the buckets' key instead of
   * scanning every bucket of the organisation.
   */
  async collectWindowDays(orgId: string, windowStart: string, windowEnd: string): Promise<number> {
    const n = await this.db.exec(
      `CREATE TEMP TABLE aggregation_touched ON COMMIT DROP AS
       SELECT c.org_id, o.timezone, c.id AS campaign_id, w.day::date AS day, $2::date::timestamp AT TIME ZONE o.timezone AS starts
         FROM organizations o JOIN campaigns c ON c.org_id = o.id
        CROSS JOIN generate_series($2::date, $3::date, interval '1 day') AS w(day)
        WHERE o.id = $1`,
      [orgId, windowStart, windowEnd],
    );
    await this.db.exec(`ANALYZE aggregation_touched`);
    return n;
  }

  /**
   * Recomputes the window's buckets from raw attributions and keeps, in a temp table, only those
   * that differ from the stored ones: new or changed (with their fresh metrics) and vanished
   * (metrics NULL: the bucket lost every contributor). A window as stored, the common case,
   * leaves it empty and the tick writes nothing there.
   */
  computeWindowBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `CREATE TEMP TABLE aggregation_window ON COMMIT DROP AS
       SELECT coalesce(f.campaign_id, s.campaign_id) AS campaign_id, coalesce(f.day, s.day) AS day, coalesce(f.is_holdout, s.is_holdout) AS is_holdout, f.metrics
         FROM (${WINDOW_BUCKETS('aggregation_touched')}) f
         FULL JOIN (SELECT b.campaign_id, b.day, b.is_holdout, b.metrics
                      FROM aggregation_touched t
                      JOIN attribution_aggregates_daily b ON b.org_id = $1 AND b.campaign_id = t.campaign_id AND b.day = t.day) s
           ON s.campaign_id = f.campaign_id AND s.day = f.day AND s.is_holdout = f.is_holdout
        WHERE f.metrics IS DISTINCT FROM s.metrics`,
      [orgId],
    );
  }

  /**
   * The organisations of `orgIds` that a run must aggregate, in one read-only statement for the
   * whole batch (the set-based safety net, docs/aggregation.md): those never rebuilt, those with
   * pending changes (or deleted holdout recipients), and those whose sliding window — the last
   * `windowDays` local days of every campaign — differs from the stored buckets (a writer that
   * bypassed the change log). Run in a read-only transaction (it sets JIT off locally).
   *
   * The window is recomputed from raw with the metrics of a tick (WINDOW_BUCKETS' sums and
   * first days, the same expressions), but read for the check's scale: only organisations not
   * already due (a tick recomputes their window anyway), one index range per campaign over the
   * whole window (orders and stored buckets alike) rather than one probe per day, and the holdout
   * side from the batch's own holdout recipients (a tick's EXISTS becomes a hash of every
   * organisation's). Every campaign's window is then a couple of index leaves, whatever the
   * number of organisations.
   */
  async organizationsNeedingWork(orgIds: string[], windowDays: number): Promise<string[]> {
    await this.disableJit();
    const rows = await this.db.rows<{ org_id: string }>(
      `WITH due AS MATERIALIZED (
         SELECT b.org_id FROM unnest($1::uuid[]) b(org_id)
          WHERE NOT EXISTS (SELECT 1 FROM aggregation_state s WHERE s.org_id = b.org_id)
             OR EXISTS (SELECT 1 FROM attribution_changes c WHERE c.org_id = b.org_id)
             OR EXISTS (SELECT 1 FROM deleted_holdout_recipients d WHERE d.org_id = b.org_id)
       ), clocks AS MATERIALIZED (
         -- Per organisation, not per campaign: each AT TIME ZONE looks the zone up by name.
         SELECT o.id AS org_id, o.timezone, w.first_day, w.today,
                w.first_day::timestamp AT TIME ZONE o.timezone AS starts, (w.today + 1)::timestamp AT TIME ZONE o.timezone AS ends
           FROM organizations o
           CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE o.timezone)::date AS today) t
           CROSS JOIN LATERAL (SELECT t.today - ($2::int - 1) AS first_day, t.today) w
          WHERE o.id = ANY($1::uuid[]) AND o.id NOT IN (SELECT org_id FROM due)
       ), windows AS MATERIALIZED (
         SELECT k.org_id, k.timezone, c.id AS campaign_id, k.first_day, k.today, k.starts, k.ends
           FROM clocks k JOIN campaigns c ON c.org_id = k.org_id
       ), holdouts AS MATERIALIZED (
         SELECT org_id, id FROM campaign_recipients
          WHERE org_id = ANY($1::uuid[]) AND org_id NOT IN (SELECT org_id FROM due) AND is_holdout
       ), o AS MATERIALIZED (
         SELECT w.org_id, w.timezone, w.campaign_id, a.recipient_id, a.revenue, a.order_count, a.is_subscription, a.discount_matched,
                h.id IS NOT NULL AS is_holdout, (a.order_date AT TIME ZONE w.timezone)::date AS day, w.starts
           FROM windows w
           CROSS JOIN LATERAL (SELECT recipient_id, revenue, order_count, is_subscription, discount_matched, order_date FROM attributions
                                WHERE org_id = w.org_id AND campaign_id = w.campaign_id AND withdrawn_at IS NULL
                                  AND order_date >= w.starts AND order_date < w.ends
                                -- attributions_campaign_date_idx, as in WINDOW_BUCKETS.
                                ORDER BY order_date OFFSET 0) a
           LEFT JOIN holdouts h ON h.org_id = w.org_id AND h.id = a.recipient_id
${FIRST_DAYS_AND_SUMS}
       ), fresh AS (
         SELECT org_id, campaign_id, day, is_holdout, ${metricsObject('sums')} AS metrics FROM sums
       ), stored AS (
         SELECT b.org_id, b.campaign_id, b.day, b.is_holdout, b.metrics
           FROM windows w CROSS JOIN LATERAL (SELECT org_id, campaign_id, day, is_holdout, metrics FROM attribution_aggregates_daily
                                              WHERE org_id = w.org_id AND campaign_id = w.campaign_id AND day >= w.first_day AND day <= w.today
                                              OFFSET 0) b
       )
       SELECT org_id FROM due
       UNION
       SELECT coalesce(f.org_id, s.org_id) AS org_id
         FROM fresh f
         FULL JOIN stored s ON s.org_id = f.org_id AND s.campaign_id = f.campaign_id AND s.day = f.day AND s.is_holdout = f.is_holdout
        WHERE f.metrics IS DISTINCT FROM s.metrics`,
      [orgIds, windowDays],
    );
    return rows.map((r) => r.org_id);
  }

  /**
   * Gives every reporting-enabled organisation a claim row (checked at -infinity when new),
   * drops those of deleted organisations, and returns the run's start, the instant claims are
   * compared with (full precision, as text): the start of the run in progress when one is open
   * (see openOrJoinRound), else now.
   */
  async registerClaims(): Promise<string> {
    await this.db.exec(`DELETE FROM aggregation_claims c WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = c.org_id)`);
    await this.db.exec(
      `INSERT INTO aggregation_claims (org_id, checked_at)
       SELECT id, '-infinity' FROM organizations WHERE reporting_enabled
       ON CONFLICT (org_id) DO NOTHING`,
    );
    return this.openOrJoinRound();
  }

  /**
   * The run's start: that of the run in progress when one is open (not finished, started less
   * than ROUND_JOIN_LIMIT ago), else a new run's, now. The upsert's row lock orders two starting
   * workers, so the second joins the first's run. A run left open by a dead worker is joined
   * only for ROUND_JOIN_LIMIT; after that a new one starts, at worst checking some organisations
   * twice, which costs time and never exactness.
   */
  private async openOrJoinRound(): Promise<string> {
    const started = await this.db.row<{ started_at: string }>(
      `INSERT INTO aggregation_round AS r (singleton, started_at, finished_at) VALUES (true, clock_timestamp(), NULL)
       ON CONFLICT (singleton) DO UPDATE SET started_at = clock_timestamp(), finished_at = NULL
        WHERE r.finished_at IS NOT NULL OR r.started_at < clock_timestamp() - $1::interval
       RETURNING started_at::text`,
      [ROUND_JOIN_LIMIT],
    );
    if (started) return started.started_at;
    return (await this.db.row<{ started_at: string }>(`SELECT started_at::text FROM aggregation_round`))!.started_at;
  }

  /** Marks the run that started at `runStart` finished (a worker found nothing left to claim). */
  async finishRound(runStart: string): Promise<void> {
    await this.db.exec(`UPDATE aggregation_round SET finished_at = clock_timestamp() WHERE started_at = $1::timestamptz AND finished_at IS NULL`, [runStart]);
  }

  /**
   * Claims up to `limit` reporting-enabled organisations not checked since `runStart` (row
   * locks held until this transaction ends; those another worker holds are skipped). `at` is
   * when they were claimed: a check that starts after it sees every change committed before.
   * `pending` claims only organisations with logged changes.
   */
  async claimOrganizations(runStart: string, limit: number, pending = false): Promise<{ orgIds: string[]; at: string }> {
    const rows = await this.db.rows<{ org_id: string; at: string }>(
      `SELECT c.org_id, clock_timestamp()::text AS at
         FROM aggregation_claims c JOIN organizations o ON o.id = c.org_id
        WHERE o.reporting_enabled AND c.checked_at < $1::timestamptz
          AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM attribution_changes x WHERE x.org_id = c.org_id))
        ORDER BY c.org_id LIMIT $2
          FOR UPDATE OF c SKIP LOCKED`,
      [runStart, limit, pending],
    );
    return { orgIds: rows.map((r) => r.org_id), at: rows[0]?.at ?? runStart };
  }

  /** Whether the next tick has anything to apply: logged changes or deleted holdout recipients. */
  async hasPendingWork(orgId: string): Promise<boolean> {
    return (
      (await this.db.row(
        `SELECT 1 WHERE EXISTS (SELECT 1 FROM attribution_changes WHERE org_id = $1) OR EXISTS (SELECT 1 FROM deleted_holdout_recipients WHERE org_id = $1)`,
        [orgId],
      )) !== null
    );
  }

  async markChecked(orgIds: string[], at: string): Promise<void> {
    await this.db.exec(`UPDATE aggregation_claims SET checked_at = $2::timestamptz WHERE org_id = ANY($1::uuid[])`, [orgIds, at]);
  }

  /** The organisation's change log not yet aggregated: rows and campaigns (for verify). */
  pendingChanges(orgId: string): Promise<{ changes: number; campaign_ids: string[] }> {
    return this.db.row<{ changes: number; campaign_ids: string[] }>(
      `SELECT count(*)::int AS changes, coalesce(array_agg(DISTINCT campaign_id::text ORDER BY campaign_id::text), '{}') AS campaign_ids
         FROM attribution_changes WHERE org_id = $1`,
      [orgId],
    ) as Promise<{ changes: number; campaign_ids: string[] }>;
  }

  /** Campaigns whose window buckets are about to change (new, different or vanishing). */
  async changedWindowCampaigns(): Promise<string[]> {
    return (await this.db.rows<{ campaign_id: string }>(`SELECT DISTINCT campaign_id FROM aggregation_window`)).map((r) => r.campaign_id);
  }

  /**
   * Writes the window's new and changed buckets, stamping last_updated with the run's start
   * (a bucket's last_updated is when its metrics last changed: one recomputed as it was stored
   * is not rewritten).
   */
  upsertWindowBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics, last_updated)
       SELECT $1, campaign_id, day, is_holdout, metrics, now() FROM aggregation_window WHERE metrics IS NOT NULL
       ON CONFLICT (org_id, campaign_id, day, is_holdout) DO UPDATE
         SET metrics = EXCLUDED.metrics, last_updated = EXCLUDED.last_updated`,
      [orgId],
    );
  }

  /**
   * Deletes the window's buckets that lost every contributor (the seed's rule: a stored bucket
   * of the processed range that this run did not write; here, one the recomputation no longer
   * has).
   */
  deleteStaleWindowBuckets(orgId: string): Promise<number> {
    return this.db.exec(
      `DELETE FROM attribution_aggregates_daily b
        USING aggregation_window w
        WHERE w.metrics IS NULL AND b.org_id = $1 AND b.campaign_id = w.campaign_id AND b.day = w.day AND b.is_holdout = w.is_holdout`,
      [orgId],
    );
  }

  /**
   * Local days by a plain `::date` cast for the rest of the transaction: one zone conversion per
   * row, where `AT TIME ZONE <name>` looks the zone up by name and converts twice (a quarter of
   * a rebuild's scan). Same result: the names are validated against pg_timezone_names.
   */
  async useTimeZone(timezone: string): Promise<void> {
    await this.db.rows(`SELECT set_config('TimeZone', $1, true)`, [timezone]);
  }

  async hasBuckets(orgId: string): Promise<boolean> {
    return (await this.db.row(`SELECT 1 FROM attribution_aggregates_daily WHERE org_id = $1 LIMIT 1`, [orgId])) !== null;
  }

  /**
   * A first backfill: every bucket from raw (ALL_BUCKET_ROWS, after useTimeZone) straight into
   * the table, where there is nothing to compare with or delete, in (campaign, day) order: a
   * campaign's days then lie on a few consecutive pages instead of one page each, so reading a
   * campaign's series (every whole response) touches tens of pages rather than a page per day.
   * The rows are sorted before their JSONB is built (a third of the width, in memory), behind
   * an OFFSET 0 fence: asked for the order directly, the planner served it with merge and
   * nested-loop joins over the orders (minutes instead of seconds). Returns the campaigns written.
   */
  async insertAllBuckets(orgId: string): Promise<string[]> {
    // The totals are summed here from the rows before their JSONB is built, not by the buckets'
    // trigger (which would read a million JSONB values back: a sixth of a first backfill).
    await this.totalsByStatement('on');
    await this.db.exec(`DELETE FROM bucket_campaign_totals WHERE org_id = $1`, [orgId]);
    await this.db.exec(`DELETE FROM bucket_daily_totals WHERE org_id = $1`, [orgId]);
    const rows = await this.db.rows<{ campaign_id: string }>(
      `WITH r AS MATERIALIZED (SELECT * FROM (${ALL_BUCKET_ROWS} OFFSET 0) u ORDER BY 1, 2, 3),
       inserted AS (
         INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics, last_updated)
         SELECT $1, r.campaign_id, r.day, r.is_holdout, ${metricsObject('r')}, now() FROM r
       ), campaign_totals AS (
         INSERT INTO bucket_campaign_totals (org_id, campaign_id, is_holdout, buckets, ${ALL_METRICS.join(', ')})
         SELECT $1, campaign_id, is_holdout, count(*), ${sumsOf(ALL_METRICS)} FROM r GROUP BY campaign_id, is_holdout
       ), daily_totals AS (
         INSERT INTO bucket_daily_totals (org_id, day, buckets, ${ADDITIVE.join(', ')})
         SELECT $1, day, count(*), ${sumsOf(ADDITIVE)} FROM r WHERE NOT is_holdout GROUP BY day
       )
       SELECT DISTINCT campaign_id FROM r`,
      [orgId],
    );
    await this.totalsByStatement('off');
    return rows.map((r) => r.campaign_id);
  }

  /**
   * A rebuild over existing buckets, written in place: every bucket from raw (ALL_BUCKETS,
   * after useTimeZone) compared with the stored ones in one full join, and only the
   * differences written — changed ones updated (unchanged ones are not even locked), missing
   * ones inserted, those no longer produced deleted. Returns the campaigns whose buckets
   * changed, so a rebuild that finds nothing to repair invalidates nothing.
   *
   * The fresh buckets are never stored: the full join (hash, which PostgreSQL must use for a
   * full join, so no nested loops over buckets whose statistics say there are none) keeps the
   * few that differ in a temp table. Storing every fresh bucket first and joining it three
   * times (update, insert, delete) cost a sixth of a 10M-attribution rebuild (5–6 s of 35 s).
   */
  async writeAllBuckets(orgId: string): Promise<string[]> {
    await this.db.exec(
      `CREATE TEMP TABLE aggregation_repair ON COMMIT DROP AS
       SELECT coalesce(f.campaign_id, b.campaign_id) AS campaign_id, coalesce(f.day, b.day) AS day,
              coalesce(f.is_holdout, b.is_holdout) AS is_holdout, f.metrics,
              CASE WHEN b.campaign_id IS NULL THEN 'insert' WHEN f.campaign_id IS NULL THEN 'delete' ELSE 'update' END AS action
         FROM (${ALL_BUCKETS} OFFSET 0) f
         FULL JOIN (SELECT campaign_id, day, is_holdout, metrics FROM attribution_aggregates_daily WHERE org_id = $1) b
           ON b.campaign_id = f.campaign_id AND b.day = f.day AND b.is_holdout = f.is_holdout
        WHERE f.metrics IS DISTINCT FROM b.metrics`,
      [orgId],
    );
    // A few rows, usually none: analysed, so that they are applied by key probes.
    await this.db.exec(`ANALYZE aggregation_repair`);
    const rows = await this.db.rows<{ campaign_id: string }>(
      `WITH updated AS (
         UPDATE attribution_aggregates_daily b SET metrics = r.metrics, last_updated = now()
           FROM aggregation_repair r
          WHERE r.action = 'update' AND b.org_id = $1 AND b.campaign_id = r.campaign_id AND b.day = r.day AND b.is_holdout = r.is_holdout
       ), inserted AS (
         INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics, last_updated)
         SELECT $1, r.campaign_id, r.day, r.is_holdout, r.metrics, now() FROM aggregation_repair r WHERE r.action = 'insert'
       ), gone AS (
         DELETE FROM attribution_aggregates_daily b
          USING aggregation_repair r
          WHERE r.action = 'delete' AND b.org_id = $1 AND b.campaign_id = r.campaign_id AND b.day = r.day AND b.is_holdout = r.is_holdout
       )
       SELECT DISTINCT campaign_id FROM aggregation_repair`,
      [orgId],
    );
    return rows.map((r) => r.campaign_id);
  }

  /**
   * Rows of the totals kept with the buckets (migration BucketTotals) that differ from the sums
   * of the organisation's buckets, both ways (a missing or an extra row included; read only).
   */
  totalsDifferences(orgId: string): Promise<TotalsDifference[]> {
    const sums = (metrics: readonly string[]) =>
      metrics.map((m) => `'${m}', sum(coalesce((metrics->>'${m}')::numeric, 0))`).join(', ');
    const stored = (metrics: readonly string[]) => metrics.map((m) => `'${m}', ${m}`).join(', ');
    return this.db.rows<TotalsDifference>(
      `WITH expected_campaigns AS (
         SELECT campaign_id, is_holdout, jsonb_build_object('buckets', count(*), ${sums(ALL_METRICS)}) AS v
           FROM attribution_aggregates_daily WHERE org_id = $1 GROUP BY campaign_id, is_holdout
       ), stored_campaigns AS (
         SELECT campaign_id, is_holdout, jsonb_build_object('buckets', buckets, ${stored(ALL_METRICS)}) AS v
           FROM bucket_campaign_totals WHERE org_id = $1
       ), expected_days AS (
         SELECT day, jsonb_build_object('buckets', count(*), ${sums(ADDITIVE)}) AS v
           FROM attribution_aggregates_daily WHERE org_id = $1 AND NOT is_holdout GROUP BY day
       ), stored_days AS (
         SELECT day, jsonb_build_object('buckets', buckets, ${stored(ADDITIVE)}) AS v FROM bucket_daily_totals WHERE org_id = $1
       )
       SELECT 'campaign ' || coalesce(e.campaign_id, s.campaign_id) || ' ' || CASE WHEN coalesce(e.is_holdout, s.is_holdout) THEN 'holdout' ELSE 'treatment' END AS scope,
              s.v AS stored, e.v AS expected
         FROM expected_campaigns e FULL JOIN stored_campaigns s ON s.campaign_id = e.campaign_id AND s.is_holdout = e.is_holdout
        WHERE e.v IS DISTINCT FROM s.v
       UNION ALL
       SELECT 'day ' || to_char(coalesce(e.day, s.day), 'YYYY-MM-DD'), s.v, e.v
         FROM expected_days e FULL JOIN stored_days s ON s.day = e.day
        WHERE e.v IS DISTINCT FROM s.v
        ORDER BY 1`,
      [orgId],
    );
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
