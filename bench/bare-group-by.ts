import type { Client } from 'pg';

/**
 * The baseline: the same rows grouped by a bare INSERT … SELECT … GROUP BY into a table shaped
 * like the buckets (same key, JSONB metrics), with the same work_mem as the job's transaction;
 * additive sums only: no converters, no change log, no bookkeeping. Shared by the aggregation
 * and history benches, so both backfill ratios have the same denominator (work_mem stays set on
 * `client` afterwards).
 */
export async function bareGroupBy(client: Client, orgId: string): Promise<void> {
  await client.query('DROP TABLE IF EXISTS bench_bare');
  await client.query('CREATE TABLE bench_bare (org_id uuid, campaign_id uuid, day date, is_holdout boolean, metrics jsonb, PRIMARY KEY (org_id, campaign_id, day, is_holdout))');
  await client.query(`SET work_mem = '256MB'`);
  await client.query(
    `INSERT INTO bench_bare
     SELECT $1, a.campaign_id, (a.order_date AT TIME ZONE 'America/New_York')::date, r.is_holdout,
            jsonb_build_object('orders', count(*), 'revenue', sum(a.revenue),
                               'first_orders', count(*) FILTER (WHERE a.order_count = 1),
                               'first_revenue', coalesce(sum(a.revenue) FILTER (WHERE a.order_count = 1), 0),
                               'subscription_orders', count(*) FILTER (WHERE a.is_subscription),
                               'subscription_revenue', coalesce(sum(a.revenue) FILTER (WHERE a.is_subscription), 0),
                               'subscribers', count(*) FILTER (WHERE a.is_subscription AND a.order_count = 1),
                               'discount_matched_orders', count(*) FILTER (WHERE a.discount_matched))
       FROM attributions a JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
      WHERE a.org_id = $1 AND a.withdrawn_at IS NULL
      GROUP BY 2, 3, 4`,
    [orgId],
  );
}

/**
 * A CHECKPOINT between the timed sides of a backfill comparison. The bare GROUP BY writes a new
 * table of a million rows or more (488 MB at 10M), and a first backfill writes as many buckets:
 * without it, what one side leaves to write is flushed while the other is timed (seventh
 * session, docs/benchmarks.md: 1.33–1.41× without, 1.08–1.15× with).
 */
export async function checkpointBetween(client: Client): Promise<void> {
  await client.query('CHECKPOINT');
}
