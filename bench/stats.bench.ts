import { Client } from 'pg';
import { makeDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/migrate';
import { makeLogger } from '../src/logger';
import { AggregationService } from '../src/reporting/aggregation.service';
import { StatsService } from '../src/reporting/stats.service';
import { benchDatabaseUrl } from './bench-database';
import { median, timed, type Benchmark } from './bench-kit';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const REPEATS = 7;

/** One campaign with a year of orders (four per recipient), 10 % held out. */
async function generate(client: Client): Promise<{ orgId: string; campaignId: string }> {
  const org = (await client.query<{ id: string }>(`INSERT INTO organizations (name, timezone) VALUES ('bench', 'Europe/Berlin') RETURNING id`)).rows[0].id;
  const campaign = (
    await client.query<{ id: string }>(`INSERT INTO campaigns (org_id, external_id, name, holdout_enabled, holdout_percent) VALUES ($1, 'big', 'Big', true, 10) RETURNING id`, [org])
  ).rows[0].id;
  await client.query(
    `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
     SELECT $1, $2, 'r' || g, g % 10 = 0, CASE WHEN g % 10 = 0 THEN NULL ELSE current_date - 370 + (g % 5) END, 0.61
       FROM generate_series(1, $3) g`,
    [org, campaign, Math.ceil(ORDERS / 4)],
  );
  // Fresh tables have no statistics: without them the foreign-key checks of the next insert scan.
  await client.query('ANALYZE campaign_recipients');
  await client.query(
    `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count, is_subscription, discount_matched)
     SELECT r.org_id, r.campaign_id, r.id, 'o' || r.id || '-' || k, now() - make_interval(secs => abs(hashint8(r.id * 7 + k)) % (365 * 86400)),
            round((abs(hashint8(r.id * 13 + k)) % 20000) / 100.0, 2), CASE WHEN k = 1 THEN 1 ELSE k END, k = 2, k = 3
       FROM campaign_recipients r CROSS JOIN generate_series(1, 4) k WHERE r.org_id = $1 LIMIT $2`,
    [org, ORDERS],
  );
  await client.query('DELETE FROM attribution_changes');
  await client.query('VACUUM ANALYZE');
  return { orgId: org, campaignId: campaign };
}

const benchmark: Benchmark = {
  name: 'stats: campaign StatsResponse from buckets vs from raw (P3)',
  async run() {
    const database = await benchDatabaseUrl('stats');
    await migrateDatabase(database.url, makeLogger('warn', false));
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const dataSource = makeDataSource(database.url, 4);
    await dataSource.initialize();
    try {
      const { orgId, campaignId } = await generate(client);
      await new AggregationService(dataSource, 2).aggregateOrganization(orgId, true);
      const stats = new StatsService(dataSource);
      const aggregates: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        aggregates.push((await timed(() => stats.campaignStats(orgId, campaignId, { range: { from: null, to: null }, source: 'AGGREGATES' }))).ms);
        raw.push((await timed(() => stats.campaignStats(orgId, campaignId, { range: { from: null, to: null }, source: 'RAW' }))).ms);
      }
      const a = await stats.campaignStats(orgId, campaignId, { range: { from: null, to: null }, source: 'AGGREGATES' });
      const r = await stats.campaignStats(orgId, campaignId, { range: { from: null, to: null }, source: 'RAW' });
      const same = JSON.stringify({ ...a, lastRefreshed: null }) === JSON.stringify({ ...r, lastRefreshed: null });
      const [am, rm] = [median(aggregates), median(raw)];
      return {
        title: `one campaign with ${ORDERS.toLocaleString('en-US')} orders over 365 days (${a.rollingMonthlyStats.length} rolling rows), full StatsResponse, medians of ${REPEATS}`,
        lines: [
          `P3 aggregates ${am.toFixed(1)} ms vs raw ${rm.toFixed(1)} ms: ${(rm / am).toFixed(0)}× faster (target ≥ 50×)`,
          `identical responses: ${same}`,
          `runs (ms): aggregates ${aggregates.map((m) => m.toFixed(0)).join(', ')}; raw ${raw.map((m) => m.toFixed(0)).join(', ')}`,
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
