import type { Client } from 'pg';
import { timed } from './bench-kit';

/**
 * What reading a tick's sliding window costs at the least: every campaign's orders of the last
 * `days` local days through attributions_campaign_date_idx (one range per campaign and day, as
 * the tick reads them) and, for each of their recipients, one probe of
 * attributions_history_idx for an order before the window (what decides whether the recipient's
 * first day is in the window). Counted, not aggregated into buckets, compared or written: the
 * reads alone, in a rolled-back transaction. The history bench's floor under the window, beside
 * the bare rewrite under the deltas.
 */
export async function bareWindowRead(client: Client, orgId: string, days = 2): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL jit = off`);
    await client.query(
      `CREATE TEMP TABLE bench_window_days ON COMMIT DROP AS
       SELECT c.org_id, o.timezone, c.id AS campaign_id, w.day::date AS day, (k.today - ($2::int - 1))::timestamp AT TIME ZONE o.timezone AS starts
         FROM organizations o JOIN campaigns c ON c.org_id = o.id
        CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE o.timezone)::date AS today) k
        CROSS JOIN generate_series(k.today - ($2::int - 1), k.today, interval '1 day') AS w(day)
        WHERE o.id = $1`,
      [orgId, days],
    );
    await client.query('ANALYZE bench_window_days');
    const { ms } = await timed(() =>
      client.query(
        `SELECT count(*), count(earlier)
           FROM (SELECT r.*, (SELECT 1 FROM attributions
                               WHERE org_id = r.org_id AND campaign_id = r.campaign_id AND recipient_id = r.recipient_id AND order_date < r.starts
                                 AND (withdrawn_at IS NULL) IS TRUE LIMIT 1) AS earlier
                   FROM (SELECT DISTINCT t.org_id, t.campaign_id, a.recipient_id, t.starts
                           FROM bench_window_days t
                           CROSS JOIN LATERAL (SELECT recipient_id FROM attributions
                                                WHERE org_id = t.org_id AND campaign_id = t.campaign_id AND withdrawn_at IS NULL
                                                  AND order_date >= (t.day::timestamp AT TIME ZONE t.timezone) AND order_date < ((t.day + 1)::timestamp AT TIME ZONE t.timezone)
                                                ORDER BY order_date OFFSET 0) a) r
                 OFFSET 0) x`,
      ),
    );
    return ms;
  } finally {
    await client.query('ROLLBACK');
  }
}
