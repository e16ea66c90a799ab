import autocannon from 'autocannon';
import { Client } from 'pg';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { makeDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/migrate';
import { makeLogger } from '../src/logger';
import { OrganizationService } from '../src/organizations/organization.service';
import { AggregationService } from '../src/reporting/aggregation.service';
import { benchDatabaseUrl } from './bench-database';
import { median, timed, type Benchmark } from './bench-kit';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const MISSES = 30;

/** A dashboard's KPI query: the stats block, today's 30- and 7-day rows, the summary. */
const DASHBOARD_QUERY = `query ($id: ID!, $fresh: Boolean) { campaignStats(campaignId: $id, fresh: $fresh) {
  stats { mailersSent campaignOrders campaignRevenue totalCost roas cpa conversionRate firstPurchaseRoas }
  lastRollingMonthStats { date orders revenue roas } lastDelta7Stats { date orders revenue roas }
  effectiveRoas isExperiment statsText lastRefreshed } }`;

async function generate(client: Client): Promise<{ orgId: string; campaignId: string }> {
  const orgId = (await client.query<{ id: string }>(`INSERT INTO organizations (name, timezone) VALUES ('bench', 'America/Chicago') RETURNING id`)).rows[0].id;
  const campaignId = (
    await client.query<{ id: string }>(`INSERT INTO campaigns (org_id, external_id, name, holdout_enabled, holdout_percent) VALUES ($1, 'year', 'A year', true, 10) RETURNING id`, [orgId])
  ).rows[0].id;
  await client.query(
    `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
     SELECT $1, $2, 'r' || g, g % 10 = 0, CASE WHEN g % 10 = 0 THEN NULL ELSE current_date - 365 + (g % 365) END, 0.55
       FROM generate_series(1, $3) g`,
    [orgId, campaignId, Math.ceil(ORDERS / 2)],
  );
  await client.query('ANALYZE campaign_recipients');
  await client.query(
    `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count)
     SELECT r.org_id, r.campaign_id, r.id, 'o' || r.id || '-' || k, now() - make_interval(secs => abs(hashint8(r.id * 3 + k)) % (364 * 86400)),
            round((abs(hashint8(r.id + k)) % 15000) / 100.0, 2), k
       FROM campaign_recipients r CROSS JOIN generate_series(1, 2) k WHERE r.org_id = $1 LIMIT $2`,
    [orgId, ORDERS],
  );
  await client.query('VACUUM ANALYZE');
  return { orgId, campaignId };
}

async function load(url: string, body: string, apiKey: string): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body,
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
}

const benchmark: Benchmark = {
  name: 'cache: cached campaignStats throughput vs { __typename } (P4), cache-miss latency',
  async run() {
    const database = await benchDatabaseUrl('cache');
    await migrateDatabase(database.url, makeLogger('warn', false));
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const dataSource = makeDataSource(database.url, 4);
    await dataSource.initialize();
    const config = loadConfig({ ...process.env, DATABASE_URL: database.url, NODE_ENV: 'production', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent' });
    try {
      const { orgId, campaignId } = await generate(client);
      await new AggregationService(dataSource, 2).aggregateOrganization(orgId, true);
      const apiKey = (await new OrganizationService(dataSource).createApiKey(orgId, 'bench', null)).apiKey;
      const app = await startApp({ config, logger: makeLogger('silent', false), databaseUrl: database.url, role: 'api', port: 0, host: '127.0.0.1' });
      try {
        const post = (body: string) =>
          fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body });
        const misses: number[] = [];
        for (let i = 0; i < MISSES; i += 1) {
          misses.push((await timed(async () => (await post(JSON.stringify({ query: DASHBOARD_QUERY, variables: { id: campaignId, fresh: true } }))).json())).ms);
        }
        misses.sort((a, b) => a - b);
        const cachedBody = JSON.stringify({ query: DASHBOARD_QUERY, variables: { id: campaignId } });
        await post(cachedBody);
        const typename = await load(app.url!, JSON.stringify({ query: '{ __typename }' }), apiKey);
        const cached = await load(app.url!, cachedBody, apiKey);
        const ratio = cached.requests.average / typename.requests.average;
        return {
          title: `one campaign, ${ORDERS.toLocaleString('en-US')} orders over 365 days, cache ${config.redisUrl ? 'Redis' : 'in process'}; autocannon ${CONNECTIONS} connections × ${DURATION_S} s on loopback`,
          lines: [
            `P4 cached campaignStats ${Math.round(cached.requests.average)} req/s vs { __typename } ${Math.round(typename.requests.average)} req/s: ${(ratio * 100).toFixed(0)}% (target ≥ 70%)`,
            `latency p50/p99: cached ${cached.latency.p50}/${cached.latency.p99} ms, __typename ${typename.latency.p50}/${typename.latency.p99} ms; errors ${cached.errors + typename.errors}, non-2xx ${cached.non2xx + typename.non2xx}`,
            `cache miss (fresh: true, ${MISSES} runs): p50 ${median(misses).toFixed(1)} ms, p99 ${misses[Math.min(misses.length - 1, Math.ceil(misses.length * 0.99) - 1)].toFixed(1)} ms`,
          ],
        };
      } finally {
        await app.stop();
      }
    } finally {
      await dataSource.destroy();
      await client.end();
      await database.drop();
    }
  },
};

export default benchmark;
