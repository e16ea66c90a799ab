import { Client } from 'pg';
import { makeDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/migrate';
import { makeLogger } from '../src/logger';
import { AggregationService } from '../src/reporting/aggregation.service';
import { median, timed, type Benchmark } from './bench-kit';
import { bareGroupBy, checkpointBetween } from './bare-group-by';
import { bareBucketRewrite } from './bare-rewrite';
import { benchDatabaseUrl } from './bench-database';

const ATTRIBUTIONS = Number(process.env.BENCH_ATTRIBUTIONS ?? 1_000_000);
const CAMPAIGNS = 100;
const RECIPIENTS_PER_CAMPAIGN = Math.max(10, Math.round(ATTRIBUTIONS / CAMPAIGNS / 4));
const CHANGES = 10_000;
const REPEATS = 3;
const RECENT_DAYS = 30;

/**
 * Realistic history generated in SQL: 100 campaigns (every fifth with a 10% holdout), about
 * four orders per recipient spread over 365 days, 70% first purchases.
 */
export async function generate(client: Client): Promise<string> {
  const { rows } = await client.query<{ id: string }>(`INSERT INTO organizations (name, timezone) VALUES ('bench', 'America/New_York') RETURNING id`);
  const orgId = rows[0].id;
  await client.query(
    `INSERT INTO campaigns (org_id, external_id, name, holdout_enabled, holdout_percent)
     SELECT $1, 'c' || g, 'Campaign ' || g, g % 5 = 0, CASE WHEN g % 5 = 0 THEN 10 END FROM generate_series(1, $2) g`,
    [orgId, CAMPAIGNS],
  );
  await client.query(
    `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
     SELECT c.org_id, c.id, 'r' || g, h.is_holdout,
            CASE WHEN h.is_holdout THEN NULL ELSE (current_date - 370 + (hashint4(g) & 7)) END, 0.65
       FROM campaigns c CROSS JOIN generate_series(1, $2) g
       CROSS JOIN LATERAL (SELECT c.holdout_enabled AND g % 10 = 0 AS is_holdout) h
      WHERE c.org_id = $1`,
    [orgId, RECIPIENTS_PER_CAMPAIGN],
  );
  // Fresh tables have no statistics: without them the foreign-key checks of the next insert scan.
  await client.query('ANALYZE campaign_recipients');
  await client.query(
    `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count, is_subscription, discount_matched)
     SELECT r.org_id, r.campaign_id, r.id, 'o' || r.id || '-' || k,
            now() - make_interval(secs => (abs(hashint8(r.id * 7 + k)) % (365 * 86400))),
            round((abs(hashint8(r.id * 13 + k)) % 20000) / 100.0, 2),
            CASE WHEN abs(hashint8(r.id + k)) % 10 < 7 THEN 1 ELSE 2 + k END,
            abs(hashint8(r.id * 3 + k)) % 10 = 0, abs(hashint8(r.id * 5 + k)) % 8 = 0
       FROM campaign_recipients r CROSS JOIN generate_series(1, 4) k
      WHERE r.org_id = $1
      LIMIT $2`,
    [orgId, ATTRIBUTIONS],
  );
  await client.query('DELETE FROM attribution_changes');
  await client.query('VACUUM ANALYZE');
  return orgId;
}

/**
 * 10,000 attributions change: new revenue for most, a new day for one in five, some withdrawn.
 * `recentDays` unset: spread uniformly over the whole year (the worst case: about 10,000 of the
 * 43,000 buckets change). Set: among the orders of the last `recentDays` days, where late
 * arrivals, rule re-evaluations and withdrawals (returns) of a 15-minute tick mostly fall.
 */
export async function changeAttributions(client: Client, orgId: string, round: number, recentDays?: number): Promise<void> {
  await client.query(
    `UPDATE attributions a SET
        revenue = a.revenue + 1,
        order_date = CASE WHEN a.id % 5 = 0 THEN a.order_date - interval '3 days' ELSE a.order_date END,
        withdrawn_at = CASE WHEN a.id % 50 = 0 THEN now() ELSE NULL END,
        updated_at = now()
      WHERE a.org_id = $1 AND a.id IN (SELECT id FROM attributions
                                        WHERE org_id = $1 AND ($4::int IS NULL OR order_date > now() - make_interval(days => $4::int))
                                        ORDER BY hashint8(id + $2) LIMIT $3)`,
    [orgId, round, CHANGES, recentDays ?? null],
  );
}

const benchmark: Benchmark = {
  name: 'aggregation: full backfill (P1) and incremental tick (P2)',
  async run() {
    const logger = makeLogger('warn', false);
    const database = await benchDatabaseUrl('aggregation');
    await migrateDatabase(database.url, logger);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const dataSource = makeDataSource(database.url, 4);
    await dataSource.initialize();
    try {
      const generated = await timed(() => generate(client));
      const orgId = generated.result;
      const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM attributions');
      const service = new AggregationService(dataSource, 2);

      const full: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        // Each side starts with nothing left to flush by the other (checkpointBetween).
        await checkpointBetween(client);
        bare.push((await timed(() => bareGroupBy(client, orgId))).ms);
        await checkpointBetween(client);
        full.push((await timed(() => service.aggregateOrganization(orgId, true))).ms);
      }
      // The state row exists now: every further run is an incremental tick. First without
      // changes: what every tick pays whatever the log holds (mostly the sliding window).
      const idleTicks: number[] = [];
      for (let i = 0; i < REPEATS; i += 1) idleTicks.push((await timed(() => service.aggregateOrganization(orgId, false))).ms);
      const ticks: number[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        await changeAttributions(client, orgId, i);
        ticks.push((await timed(() => service.aggregateOrganization(orgId, false))).ms);
      }
      const recentTicks: number[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        await changeAttributions(client, orgId, 100 + i, RECENT_DAYS);
        recentTicks.push((await timed(() => service.aggregateOrganization(orgId, false))).ms);
      }
      const drift = await service.verify(orgId);
      const rewrites: number[] = [];
      const rewritesWithoutTotals: number[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        rewrites.push(await bareBucketRewrite(client, orgId, i, CHANGES));
        rewritesWithoutTotals.push(await bareBucketRewrite(client, orgId, i, CHANGES, { withoutTotals: true }));
      }
      const [fullMs, bareMs, tickMs, recentMs] = [median(full), median(bare), median(ticks), median(recentTicks)];
      const percentOfFull = (ms: number) => `${((ms / fullMs) * 100).toFixed(1)}%`;
      return {
        title: `${rows[0].n} attributions, ${CAMPAIGNS} campaigns (20% with holdouts), ${RECIPIENTS_PER_CAMPAIGN * CAMPAIGNS} recipients, 365 days; generated in ${(generated.ms / 1000).toFixed(1)} s; medians of ${REPEATS}`,
        lines: [
          `P1 full backfill ${fullMs.toFixed(0)} ms vs bare INSERT … SELECT … GROUP BY ${bareMs.toFixed(0)} ms: ${(fullMs / bareMs).toFixed(2)}× (target ≤ 1.25×)`,
          `P2 tick after ${CHANGES.toLocaleString('en-US')} changed attributions ${tickMs.toFixed(0)} ms: ${((tickMs / fullMs) * 100).toFixed(1)}% of the full backfill (target ≤ 5%)`,
          `P2 (changes among the last ${RECENT_DAYS} days' orders) ${recentMs.toFixed(0)} ms: ${((recentMs / fullMs) * 100).toFixed(1)}% of the full backfill`,
          `first backfill (no buckets yet) ${full[0].toFixed(0)} ms: ${(full[0] / bare[0]).toFixed(2)}× the bare run before it`,
          `floor: a tick without changes (the sliding window) ${median(idleTicks).toFixed(0)} ms = ${percentOfFull(median(idleTicks))}; a bare UPDATE of one JSONB key of ${CHANGES.toLocaleString('en-US')} random buckets (rolled back) ${median(rewrites).toFixed(0)} ms = ${percentOfFull(median(rewrites))}`,
          `tick at its floor: ${tickMs.toFixed(0)} ms vs the idle tick + the bare rewrite ${(median(idleTicks) + median(rewrites)).toFixed(0)} ms: ${(tickMs / (median(idleTicks) + median(rewrites))).toFixed(2)}× (target ≤ 1.5×)`,
          `  the same bare rewrite without the totals kept with the buckets (their trigger off) ${median(rewritesWithoutTotals).toFixed(0)} ms: the tick is ${(tickMs / (median(idleTicks) + median(rewritesWithoutTotals))).toFixed(2)}× that floor`,
          `buckets differing from raw after the ticks: ${drift.differences.length}, totals differing from the buckets: ${drift.totalsDifferences.length} (pending changes: ${drift.pendingChanges})`,
          `runs (ms): full ${full.map((m) => m.toFixed(0)).join(', ')}; bare ${bare.map((m) => m.toFixed(0)).join(', ')}; idle tick ${idleTicks.map((m) => m.toFixed(0)).join(', ')}; bare rewrite ${rewrites.map((m) => m.toFixed(0)).join(', ')} (without totals ${rewritesWithoutTotals.map((m) => m.toFixed(0)).join(', ')}); tick ${ticks.map((m) => m.toFixed(0)).join(', ')}; recent tick ${recentTicks.map((m) => m.toFixed(0)).join(', ')}`,
        ],
      };
    } finally {
      await dataSource.destroy();
      await client.end();
      await database.drop();
    }
  },
};

export default benchmark;
