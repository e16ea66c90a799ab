import type { Client } from 'pg';
import { timed } from './bench-kit';

/**
 * What rewriting a tick's worth of buckets costs at the least: one UPDATE of `count` random
 * buckets of the organisation, adding to one JSONB key, by key, rolled back (nothing changes).
 * The buckets' totals trigger runs as for any write of the buckets (`withoutTotals`: not). Shared by the aggregation
 * bench (the tick's floor) and the history bench (how that floor grows with the history).
 */
export async function bareBucketRewrite(client: Client, orgId: string, round: number, count: number, options: { withoutTotals?: boolean } = {}): Promise<number> {
  await client.query('BEGIN');
  try {
    // The storage without the totals kept with the buckets: their UPDATE trigger off (rolled back with the rest).
    if (options.withoutTotals) await client.query('ALTER TABLE attribution_aggregates_daily DISABLE TRIGGER attribution_aggregates_daily_totals_update');
    await client.query(
      `CREATE TEMP TABLE bench_keys ON COMMIT DROP AS
       SELECT campaign_id, day, is_holdout FROM attribution_aggregates_daily WHERE org_id = $1
        ORDER BY hashtext(campaign_id::text || day || is_holdout || $2) LIMIT $3`,
      [orgId, round, count],
    );
    await client.query('ANALYZE bench_keys');
    const { ms } = await timed(() =>
      client.query(
        `UPDATE attribution_aggregates_daily b
            SET metrics = b.metrics || jsonb_build_object('revenue', (b.metrics->'revenue')::numeric + 1), last_updated = now()
           FROM bench_keys k
          WHERE b.org_id = $1 AND b.campaign_id = k.campaign_id AND b.day = k.day AND b.is_holdout = k.is_holdout`,
        [orgId],
      ),
    );
    return ms;
  } finally {
    await client.query('ROLLBACK');
  }
}
