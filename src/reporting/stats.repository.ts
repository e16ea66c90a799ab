import type { Db } from '../db/db';
import { organizationClock, type OrganizationClock } from './organization-clock';

/**
 * The SQL of stats generation: per (campaign, local day) treatment-side order sums, from the
 * daily buckets (aggregate path) or from raw attributions (raw path, the reference and the
 * export's source), and recipients grouped by (campaign, send day, holdout side). Money
 * leaves PostgreSQL as numeric text; the formulas sum it exactly.
 */

export interface DailyOrdersRow {
  campaign_id: string;
  day: string;
  orders: string;
  revenue: string;
  first_orders: string;
  first_revenue: string;
  subscription_orders: string;
  subscription_revenue: string;
  subscribers: string;
  discount_matched_orders: string;
}

export interface RecipientGroupRow {
  campaign_id: string;
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

export class StatsRepository {
  constructor(private readonly db: Db) {}

  /** Treatment-side order sums per campaign and day, from the daily buckets. */
  dailyOrdersFromBuckets(orgId: string, campaignIds: string[] | null): Promise<DailyOrdersRow[]> {
    return this.db.rows<DailyOrdersRow>(
      `SELECT campaign_id, to_char(day, 'YYYY-MM-DD') AS day, ${BUCKET_SUMS.map((m) => `metrics->>'${m}' AS ${m}`).join(', ')}
         FROM attribution_aggregates_daily
        WHERE org_id = $1 AND NOT is_holdout AND ($2::uuid[] IS NULL OR campaign_id = ANY($2::uuid[]))`,
      [orgId, campaignIds],
    );
  }

  /** The same sums computed from raw attributions (local day in the organisation's zone). */
  dailyOrdersFromRaw(orgId: string, timezone: string, campaignIds: string[] | null): Promise<DailyOrdersRow[]> {
    return this.db.rows<DailyOrdersRow>(
      `SELECT a.campaign_id, to_char((a.order_date AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day,
              count(*)::text AS orders, sum(a.revenue)::text AS revenue,
              count(*) FILTER (WHERE a.order_count = 1)::text AS first_orders,
              coalesce(sum(a.revenue) FILTER (WHERE a.order_count = 1), 0)::text AS first_revenue,
              count(*) FILTER (WHERE a.is_subscription)::text AS subscription_orders,
              coalesce(sum(a.revenue) FILTER (WHERE a.is_subscription), 0)::text AS subscription_revenue,
              count(*) FILTER (WHERE a.is_subscription AND a.order_count = 1)::text AS subscribers,
              count(*) FILTER (WHERE a.discount_matched)::text AS discount_matched_orders
         FROM attributions a
         JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
        WHERE a.org_id = $1 AND a.withdrawn_at IS NULL AND NOT r.is_holdout
          AND ($3::uuid[] IS NULL OR a.campaign_id = ANY($3::uuid[]))
        GROUP BY 1, 2`,
      [orgId, timezone, campaignIds],
    );
  }

  /** Per campaign and side, whole-campaign totals summed from the buckets (converters included). */
  experimentTotalsFromBuckets(orgId: string, campaignIds: string[]): Promise<ExperimentTotalsRow[]> {
    return this.db.rows<ExperimentTotalsRow>(
      `SELECT c.id AS campaign_id, c.holdout_enabled, c.holdout_percent, s.is_holdout, s.orders, s.revenue, s.first_orders,
              s.first_revenue, s.converters_all, s.converters_first
         FROM campaigns c
         LEFT JOIN (
           SELECT campaign_id, is_holdout,
                  sum((metrics->>'orders')::bigint)::text AS orders, sum((metrics->>'revenue')::numeric)::text AS revenue,
                  sum((metrics->>'first_orders')::bigint)::text AS first_orders, sum((metrics->>'first_revenue')::numeric)::text AS first_revenue,
                  sum((metrics->>'converters_all')::bigint)::text AS converters_all, sum((metrics->>'converters_first')::bigint)::text AS converters_first
             FROM attribution_aggregates_daily
            WHERE org_id = $1 AND campaign_id = ANY($2::uuid[])
            GROUP BY campaign_id, is_holdout) s ON s.campaign_id = c.id
        WHERE c.org_id = $1 AND c.id = ANY($2::uuid[])`,
      [orgId, campaignIds],
    );
  }

  /** The same totals from raw attributions, converters as distinct recipients. */
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

  /** Recipients and their cost per campaign, send day and holdout side, pre-grouped (aggregate path). */
  recipientGroupsFromSummary(orgId: string, campaignIds: string[] | null): Promise<RecipientGroupRow[]> {
    return this.db.rows<RecipientGroupRow>(
      `SELECT campaign_id, to_char(send_date, 'YYYY-MM-DD') AS send_date, is_holdout, recipients::text, cost::text
         FROM recipient_send_groups
        WHERE org_id = $1 AND ($2::uuid[] IS NULL OR campaign_id = ANY($2::uuid[]))`,
      [orgId, campaignIds],
    );
  }

  /** The same groups computed from the recipients themselves (raw path). */
  recipientGroups(orgId: string, campaignIds: string[] | null): Promise<RecipientGroupRow[]> {
    return this.db.rows<RecipientGroupRow>(
      `SELECT campaign_id, to_char(send_date, 'YYYY-MM-DD') AS send_date, is_holdout, count(*)::text AS recipients, sum(cost)::text AS cost
         FROM campaign_recipients
        WHERE org_id = $1 AND ($2::uuid[] IS NULL OR campaign_id = ANY($2::uuid[]))
        GROUP BY campaign_id, send_date, is_holdout`,
      [orgId, campaignIds],
    );
  }

  organizationClock(orgId: string): Promise<OrganizationClock | null> {
    return organizationClock(this.db, orgId);
  }
}
