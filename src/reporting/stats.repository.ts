import type { Db } from '../db/db';
import { organizationClock, type OrganizationClock } from './organization-clock';

/**
 * The SQL of stats generation: treatment-side order sums per campaign, whole and within a
 * date range, and per (campaign, local day), from the daily buckets (aggregate path) or from
 * raw attributions (raw path, the reference and the export's source), and recipients grouped
 * by (campaign, send day, holdout side). The organisation's scope (campaignIds null) is summed
 * here, not per campaign (campaign_id null): a long history's organisation has a bucket per
 * campaign and day. Money leaves PostgreSQL as numeric text; the formulas sum it exactly.
 */

/** The treatment side's order sums of a day or a period, as numeric text. */
export interface OrderSumsRow {
  orders: string;
  revenue: string;
  first_orders: string;
  first_revenue: string;
  subscription_orders: string;
  subscription_revenue: string;
  subscribers: string;
  discount_matched_orders: string;
}

/**
 * What a rolling series reads of one (campaign, local day) of the treatment side: orders and
 * first orders and their revenue (numeric text). The other daily sums feed the stats block
 * alone, which reads totals: a daily series is read per day, and each column costs.
 */
export interface RollingDayRow {
  /** null: the organisation's scope, or the only campaign asked for. */
  campaign_id: string | null;
  day: string;
  orders: string;
  revenue: string;
  first_orders: string;
  first_revenue: string;
}

/**
 * A campaign's (or the organisation's, campaign_id null) sums: whole history, and within the
 * range (`in_range_` columns, absent for an unbounded range: the whole sums, not summed twice).
 */
export interface OrderTotalsRow extends OrderSumsRow {
  campaign_id: string | null;
  in_range_orders?: string;
  in_range_revenue?: string;
  in_range_first_orders?: string;
  in_range_first_revenue?: string;
  in_range_subscription_orders?: string;
  in_range_subscription_revenue?: string;
  in_range_subscribers?: string;
  in_range_discount_matched_orders?: string;
}

/** Local days from `from` (inclusive) to `to` (exclusive), either end null. */
export interface DayBounds {
  from: string | null;
  to: string | null;
}

export interface RecipientGroupRow {
  /** null: the organisation's groups, summed over its campaigns. */
  campaign_id: string | null;
  /** null: not mailed (yet), or holdout. */
  send_date: string | null;
  is_holdout: boolean;
  recipients: string;
  cost: string;
}

/** A campaign's holdout settings with its whole-campaign totals of one side (null: no orders). */
export interface ExperimentTotalsRow {
  campaign_id: string;
  holdout_enabled: boolean;
  holdout_percent: number | null;
  is_holdout: boolean | null;
  orders: string | null;
  revenue: string | null;
  first_orders: string | null;
  first_revenue: string | null;
  converters_all: string | null;
  converters_first: string | null;
}

const BUCKET_SUMS = ['orders', 'revenue', 'first_orders', 'first_revenue', 'subscription_orders', 'subscription_revenue', 'subscribers', 'discount_matched_orders'];
/** The sums a rolling series reads per day. */
const ROLLING_SUMS = ['orders', 'revenue', 'first_orders', 'first_revenue'];
const MONEY_SUMS = new Set(['revenue', 'first_revenue', 'subscription_revenue']);

/** Each sum over the grouped rows of a totals table (bucket_campaign_totals, bucket_daily_totals), as text. */
const totalSums = () => BUCKET_SUMS.map((m) => `coalesce(sum(${m}), 0)::text AS ${m}`).join(', ');

/** A totals table's columns as text, named like the bucket sums. */
const totalColumns = (metrics: string[]) => metrics.map((m) => `${m}::text`).join(', ');

/** A bucket's own metrics (one bucket, nothing summed), as text named like the bucket sums. */
const bucketColumns = (metrics: string[]) => metrics.map((m) => `metrics->>'${m}' AS ${m}`).join(', ');

/** Each bucket sum over the grouped buckets (and `condition`), as text named `prefix` + metric. */
function bucketSums(condition: string | null, prefix = ''): string {
  const filter = condition === null ? '' : ` FILTER (WHERE ${condition})`;
  return BUCKET_SUMS.map((m) => `coalesce(sum((metrics->>'${m}')::${MONEY_SUMS.has(m) ? 'numeric' : 'bigint'})${filter}, 0)::text AS ${prefix}${m}`).join(', ');
}

/** Each bucket sum's definition over raw attributions `a`: the aggregation's. */
const RAW_DEFINITIONS: Record<string, [aggregate: string, own: string | null]> = {
  orders: ['count(*)', null],
  revenue: ['sum(a.revenue)', null],
  first_orders: ['count(*)', 'a.order_count = 1'],
  first_revenue: ['sum(a.revenue)', 'a.order_count = 1'],
  subscription_orders: ['count(*)', 'a.is_subscription'],
  subscription_revenue: ['sum(a.revenue)', 'a.is_subscription'],
  subscribers: ['count(*)', 'a.is_subscription AND a.order_count = 1'],
  discount_matched_orders: ['count(*)', 'a.discount_matched'],
};

/** One bucket sum from raw attributions `a` (only those meeting `condition`), 0 when none. */
function rawSum(name: string, condition: string | null = null): string {
  const [aggregate, own] = RAW_DEFINITIONS[name];
  const conditions = [own, condition].filter((c) => c !== null);
  return `coalesce(${aggregate}${conditions.length ? ` FILTER (WHERE ${conditions.join(' AND ')})` : ''}, 0)`;
}

/** The bucket sums (`metrics`, every one by default) from raw attributions `a` (only those meeting `condition`), as text named `prefix` + metric. */
function rawSums(condition: string | null, prefix = '', metrics: string[] = BUCKET_SUMS): string {
  return metrics.map((name) => `${rawSum(name, condition)}::text AS ${prefix}${name}`).join(', ');
}

/** The day column `day` within bounds passed as parameters `from` and `to` (date or null). */
const inBounds = (day: string, from: string, to: string) => `(${from}::date IS NULL OR ${day} >= ${from}::date) AND (${to}::date IS NULL OR ${day} < ${to}::date)`;

const isBounded = (range: DayBounds) => range.from !== null || range.to !== null;

/** The in-range sums' columns (`sums` of the condition, the bounds parameters `from` and `to`), none for an unbounded range. */
function inRangeSums(range: DayBounds, sums: (condition: string, prefix: string) => string, day: string, from: string, to: string): string {
  return isBounded(range) ? `, ${sums(inBounds(day, from, to), 'in_range_')}` : '';
}

/** The range's bounds as the query's last parameters, when it has any. */
const boundsParameters = (range: DayBounds) => (isBounded(range) ? [range.from, range.to] : []);

/** Raw attributions of mailed (treatment-side) recipients, with their local day; parameters $1 org, $2 zone, $3 campaigns or null. */
const RAW_TREATMENT_ORDERS = `attributions a
         JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
         CROSS JOIN LATERAL (SELECT (a.order_date AT TIME ZONE $2)::date AS day) d
        WHERE a.org_id = $1 AND a.withdrawn_at IS NULL AND NOT r.is_holdout
          AND ($3::uuid[] IS NULL OR a.campaign_id = ANY($3::uuid[]))`;

export class StatsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The rolling series' sums per campaign and day from the daily buckets (per day only for the
   * organisation), days after `after` only when given (a window's days), in no set order (a
   * sort costs a third of the statement; they mostly come in day order, which the series checks).
   */
  rollingDaysFromBuckets(orgId: string, campaignIds: string[] | null, after: string | null = null): Promise<RollingDayRow[]> {
    if (campaignIds === null) {
      // The organisation's days are kept summed over its campaigns (bucket_daily_totals).
      return this.db.rows<RollingDayRow>(
        `SELECT NULL AS campaign_id, to_char(day, 'YYYY-MM-DD') AS day, ${totalColumns(ROLLING_SUMS)}
           FROM bucket_daily_totals
          WHERE org_id = $1 AND ($2::date IS NULL OR day > $2::date)`,
        [orgId, after],
      );
    }
    // A campaign's treatment side has one bucket per day: nothing to group. One campaign's rows
    // carry no id (a tenth of the statement's cost: each of its days is a row).
    return this.db.rows<RollingDayRow>(
      `SELECT CASE WHEN cardinality($2::uuid[]) > 1 THEN campaign_id END AS campaign_id, to_char(day, 'YYYY-MM-DD') AS day, ${bucketColumns(ROLLING_SUMS)}
         FROM attribution_aggregates_daily
        WHERE org_id = $1 AND NOT is_holdout AND campaign_id = ANY($2::uuid[]) AND ($3::date IS NULL OR day > $3::date)`,
      [orgId, campaignIds, after],
    );
  }

  /** The same sums computed from raw attributions (local day in the organisation's zone). */
  rollingDaysFromRaw(orgId: string, timezone: string, campaignIds: string[] | null, after: string | null = null): Promise<RollingDayRow[]> {
    return this.db.rows<RollingDayRow>(
      `SELECT CASE WHEN $3::uuid[] IS NULL THEN NULL ELSE a.campaign_id END AS campaign_id, to_char(d.day, 'YYYY-MM-DD') AS day, ${rawSums(null, '', ROLLING_SUMS)}
         FROM ${RAW_TREATMENT_ORDERS} AND ($4::date IS NULL OR d.day > $4::date)
        GROUP BY 1, d.day`,
      [orgId, timezone, campaignIds, after],
    );
  }

  /** Treatment-side sums per campaign (one row for the organisation), whole and within `range`, from the buckets. */
  orderTotalsFromBuckets(orgId: string, campaignIds: string[] | null, range: DayBounds): Promise<OrderTotalsRow[]> {
    if (!isBounded(range)) {
      // Whole campaigns: the totals kept with the buckets, a row per campaign and side.
      return this.db.rows<OrderTotalsRow>(
        `SELECT CASE WHEN $2::uuid[] IS NULL THEN NULL ELSE campaign_id END AS campaign_id, ${totalSums()}
           FROM bucket_campaign_totals
          WHERE org_id = $1 AND NOT is_holdout AND ($2::uuid[] IS NULL OR campaign_id = ANY($2::uuid[]))
          GROUP BY 1`,
        [orgId, campaignIds],
      );
    }
    return this.db.rows<OrderTotalsRow>(
      `SELECT CASE WHEN $2::uuid[] IS NULL THEN NULL ELSE campaign_id END AS campaign_id, ${bucketSums(null)}${inRangeSums(range, bucketSums, 'day', '$3', '$4')}
         FROM attribution_aggregates_daily
        WHERE org_id = $1 AND NOT is_holdout AND ($2::uuid[] IS NULL OR campaign_id = ANY($2::uuid[]))
        GROUP BY 1`,
      [orgId, campaignIds, ...boundsParameters(range)],
    );
  }

  /** The same totals from raw attributions (local days in the organisation's zone). */
  orderTotalsFromRaw(orgId: string, timezone: string, campaignIds: string[] | null, range: DayBounds): Promise<OrderTotalsRow[]> {
    return this.db.rows<OrderTotalsRow>(
      `SELECT CASE WHEN $3::uuid[] IS NULL THEN NULL ELSE a.campaign_id END AS campaign_id, ${rawSums(null)}${inRangeSums(range, rawSums, 'd.day', '$4', '$5')}
         FROM ${RAW_TREATMENT_ORDERS}
        GROUP BY 1`,
      [orgId, timezone, campaignIds, ...boundsParameters(range)],
    );
  }

  /**
   * In one statement (one pass over the campaigns' buckets): each campaign's treatment-side
   * totals, whole and within `range`, and its experiment totals per side.
   */
  async campaignTotalsFromBuckets(orgId: string, campaignIds: string[], range: DayBounds): Promise<{ totals: OrderTotalsRow[]; experiment: ExperimentTotalsRow[] }> {
    // Whole campaigns read the totals kept with the buckets; a range sums its buckets.
    const sums = isBounded(range)
      ? `SELECT campaign_id AS bucket_campaign_id, is_holdout, ${bucketSums(null)}${inRangeSums(range, bucketSums, 'day', '$3', '$4')},
                sum((metrics->>'converters_all')::bigint)::text AS converters_all, sum((metrics->>'converters_first')::bigint)::text AS converters_first
           FROM attribution_aggregates_daily
          WHERE org_id = $1 AND campaign_id = ANY($2::uuid[])
          GROUP BY campaign_id, is_holdout`
      : `SELECT campaign_id AS bucket_campaign_id, is_holdout, ${totalColumns([...BUCKET_SUMS, 'converters_all', 'converters_first'])}
           FROM bucket_campaign_totals
          WHERE org_id = $1 AND campaign_id = ANY($2::uuid[])`;
    const rows = await this.db.rows<OrderTotalsRow & ExperimentTotalsRow>(
      `SELECT c.id AS campaign_id, c.holdout_enabled, c.holdout_percent, s.*
         FROM campaigns c
         LEFT JOIN (${sums}) s ON s.bucket_campaign_id = c.id
        WHERE c.org_id = $1 AND c.id = ANY($2::uuid[])`,
      [orgId, campaignIds, ...boundsParameters(range)],
    );
    return { totals: rows.filter((row) => row.is_holdout === false), experiment: rows };
  }

  /**
   * Each campaign's holdout settings and, for those with a holdout, its whole-campaign totals
   * per side as kept with the buckets (bucket_campaign_totals, converters included).
   */
  experimentTotalsFromBuckets(orgId: string, campaignIds: string[]): Promise<ExperimentTotalsRow[]> {
    return this.db.rows<ExperimentTotalsRow>(
      `SELECT c.id AS campaign_id, c.holdout_enabled, c.holdout_percent, s.is_holdout, s.orders, s.revenue, s.first_orders,
              s.first_revenue, s.converters_all, s.converters_first
         FROM campaigns c
         LEFT JOIN (
           SELECT t.campaign_id, t.is_holdout, t.orders::text, t.revenue::text, t.first_orders::text, t.first_revenue::text,
                  t.converters_all::text, t.converters_first::text
             FROM bucket_campaign_totals t
             JOIN campaigns h ON h.org_id = t.org_id AND h.id = t.campaign_id AND h.holdout_enabled
            WHERE t.org_id = $1 AND t.campaign_id = ANY($2::uuid[])) s ON s.campaign_id = c.id
        WHERE c.org_id = $1 AND c.id = ANY($2::uuid[])`,
      [orgId, campaignIds],
    );
  }

  /** The experiment totals from raw attributions, converters as distinct recipients. */
  experimentTotalsFromRaw(orgId: string, campaignIds: string[]): Promise<ExperimentTotalsRow[]> {
    return this.db.rows<ExperimentTotalsRow>(
      `SELECT c.id AS campaign_id, c.holdout_enabled, c.holdout_percent, s.is_holdout, s.orders, s.revenue, s.first_orders,
              s.first_revenue, s.converters_all, s.converters_first
         FROM campaigns c
         LEFT JOIN (
           SELECT a.campaign_id, r.is_holdout, count(*)::text AS orders, sum(a.revenue)::text AS revenue,
                  count(*) FILTER (WHERE a.order_count = 1)::text AS first_orders,
                  coalesce(sum(a.revenue) FILTER (WHERE a.order_count = 1), 0)::text AS first_revenue,
                  count(DISTINCT a.recipient_id)::text AS converters_all,
                  count(DISTINCT a.recipient_id) FILTER (WHERE a.order_count = 1)::text AS converters_first
             FROM attributions a
             JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
            WHERE a.org_id = $1 AND a.campaign_id = ANY($2::uuid[]) AND a.withdrawn_at IS NULL
            GROUP BY a.campaign_id, r.is_holdout) s ON s.campaign_id = c.id
        WHERE c.org_id = $1 AND c.id = ANY($2::uuid[])`,
      [orgId, campaignIds],
    );
  }

  /**
   * Recipients and their cost per campaign, send day and holdout side, pre-grouped (aggregate
   * path); for the organisation (campaignIds null) summed over its campaigns, campaign_id null.
   */
  recipientGroupsFromSummary(orgId: string, campaignIds: string[] | null): Promise<RecipientGroupRow[]> {
    if (campaignIds === null) {
      return this.db.rows<RecipientGroupRow>(
        `SELECT NULL AS campaign_id, to_char(send_date, 'YYYY-MM-DD') AS send_date, is_holdout, sum(recipients)::text AS recipients, sum(cost)::text AS cost
           FROM recipient_send_groups
          WHERE org_id = $1
          GROUP BY send_date, is_holdout`,
        [orgId],
      );
    }
    return this.db.rows<RecipientGroupRow>(
      `SELECT campaign_id, to_char(send_date, 'YYYY-MM-DD') AS send_date, is_holdout, recipients::text, cost::text
         FROM recipient_send_groups
        WHERE org_id = $1 AND campaign_id = ANY($2::uuid[])`,
      [orgId, campaignIds],
    );
  }

  /** The same groups computed from the recipients themselves (raw path), the organisation's summed as above. */
  recipientGroups(orgId: string, campaignIds: string[] | null): Promise<RecipientGroupRow[]> {
    return this.db.rows<RecipientGroupRow>(
      `SELECT CASE WHEN $2::uuid[] IS NULL THEN NULL ELSE campaign_id END AS campaign_id, to_char(send_date, 'YYYY-MM-DD') AS send_date, is_holdout,
              count(*)::text AS recipients, sum(cost)::text AS cost
         FROM campaign_recipients
        WHERE org_id = $1 AND ($2::uuid[] IS NULL OR campaign_id = ANY($2::uuid[]))
        GROUP BY 1, send_date, is_holdout`,
      [orgId, campaignIds],
    );
  }

  organizationClock(orgId: string): Promise<OrganizationClock | null> {
    return organizationClock(this.db, orgId);
  }
}
