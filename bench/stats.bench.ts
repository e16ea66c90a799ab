import { Client } from 'pg';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { OrganizationService } from '../src/organizations/organization.service';
import { makeDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/migrate';
import { makeLogger } from '../src/logger';
import { AggregationService } from '../src/reporting/aggregation.service';
import { StatsService } from '../src/reporting/stats.service';
import { benchDatabaseUrl } from './bench-database';
import { median, timed, type Benchmark } from './bench-kit';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const CAMPAIGNS = 100;
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
  name: 'stats: buckets vs raw (P3), statements per 100 campaigns (P5), 1M-row CSV export memory',
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

      // P5 and the export go through the real HTTP server, with the organisation at 100 campaigns.
      await client.query(
        `INSERT INTO campaigns (org_id, external_id, name) SELECT $1, 'c' || g, 'Campaign ' || g FROM generate_series(2, $2) g`,
        [orgId, CAMPAIGNS],
      );
      const apiKey = (await new OrganizationService(dataSource).createApiKey(orgId, 'bench', null)).apiKey;
      const config = loadConfig({ ...process.env, DATABASE_URL: database.url, NODE_ENV: 'production', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent' });
      const app = await startApp({ config, logger: makeLogger('silent', false), databaseUrl: database.url, role: 'api', port: 0, host: '127.0.0.1' });
      let statements = 0;
      let exportLines = 0;
      let exportMs = 0;
      let rssBefore = 0;
      let rssPeak = 0;
      try {
        const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
        const queryCount = async () => Number(/^paperrun_db_queries_total (\d+)/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);
        const query = '{ campaigns { id stats { stats { campaignOrders roas } lastRollingMonthStats { orders } } } }';
        await fetch(`${app.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
        const before = await queryCount();
        const answer = (await (await fetch(`${app.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) })).json()) as { data: { campaigns: unknown[] } };
        statements = (await queryCount()) - before;
        if (answer.data.campaigns.length !== CAMPAIGNS) throw new Error(`expected ${CAMPAIGNS} campaigns`);

        global.gc?.();
        rssBefore = process.memoryUsage().rss;
        rssPeak = rssBefore;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
        const started = Date.now();
        const response = await fetch(`${app.url}/exports/campaigns/${campaignId}/orders.csv`, { headers });
        const reader = response.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const byte of value) if (byte === 10) exportLines += 1;
        }
        exportMs = Date.now() - started;
        clearInterval(sampler);
      } finally {
        await app.stop();
      }
      return {
        title: `one campaign with ${ORDERS.toLocaleString('en-US')} orders over 365 days (${a.rollingMonthlyStats.length} rolling rows), full StatsResponse, medians of ${REPEATS}`,
        lines: [
          `P3 aggregates ${am.toFixed(1)} ms vs raw ${rm.toFixed(1)} ms: ${(rm / am).toFixed(0)}× faster (target ≥ 50×)`,
          `identical responses: ${same}`,
          `P5 { campaigns { stats } } over ${CAMPAIGNS} campaigns: ${statements} SQL statements (target ≤ 6)`,
          `orders.csv: ${(exportLines - 1).toLocaleString('en-US')} rows streamed in ${(exportMs / 1000).toFixed(1)} s ` +
            `(${Math.round(((exportLines - 1) / exportMs) * 1000).toLocaleString('en-US')} rows/s); process RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB before, ` +
            `peak ${(rssPeak / 2 ** 20).toFixed(0)} MB during (server and client in one process)`,
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
