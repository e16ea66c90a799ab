import { Client } from 'pg';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { OrganizationService } from '../src/organizations/organization.service';
import { makeDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/migrate';
import { makeLogger } from '../src/logger';
import { AggregationService } from '../src/reporting/aggregation.service';
import { StatsService, type StatsOptions } from '../src/reporting/stats.service';
import { StatsRepository } from '../src/reporting/stats.repository';
import { dbOf } from '../src/db/db';
import { median, serverDiskReadBytes, timed, type Benchmark } from './bench-kit';
import { bareGroupBy, checkpointBetween } from './bare-group-by';
import { bareBucketRewrite } from './bare-rewrite';
import { bareWindowRead } from './bare-window';
import { benchDatabaseUrl } from './bench-database';

/**
 * `npm run bench -- history [attributions]` (default 10,000,000; the baselines have a tenth,
 * 1,000,000 at the default): one organisation with a long history beside two with a tenth of
 * it, side by side in one database, all with 1,000 campaigns:
 * - the baseline: the same 3 years, a tenth of the orders per day;
 * - the same-rate baseline: the same orders per day over a tenth of the span (110 days), the
 *   long history's last months alone. A tick's sliding window holds the same orders as the long
 *   history's, so the two ticks differ by the history behind them and nothing else.
 */
const BIG = Number(process.argv[3] ?? process.env.BENCH_HISTORY_ATTRIBUTIONS ?? 10_000_000);
const SMALL = Math.round(BIG / 10);
const CAMPAIGNS = 1_000;
const DAYS = 3 * 365;
const SAME_RATE_DAYS = Math.round(DAYS / 10);
const CHANGES = 10_000;
/** Backfill rounds (each a bare GROUP BY and a rebuild, about 75 s at 10M): BENCH_HISTORY_BACKFILLS, default 5. */
const REPEATS = Number(process.env.BENCH_HISTORY_BACKFILLS ?? 5);
/**
 * BENCH_HISTORY_TICKS: rounds of ticks (each organisation's alternating), default 7: a round
 * costs seconds, and the medians of 3 moved by a quarter from run to run (sixth session).
 */
const TICK_REPEATS = Number(process.env.BENCH_HISTORY_TICKS ?? 7);
/** One campaign's stats cost milliseconds: more runs, alternating, for a median the machine's noise does not decide. */
const CAMPAIGN_STATS_REPEATS = 41;
const CAMPAIGN_STATS_WARMUP = 10;
const DASHBOARD_REPEATS = 5;
const WHOLE: StatsOptions = { range: { from: null, to: null }, source: 'AGGREGATES' };
/** BENCH_HISTORY_PART=queries: one backfill per organisation, no backfill or tick figures (the read path alone, quicker). */
const QUERIES_ONLY = process.env.BENCH_HISTORY_PART === 'queries';
/** BENCH_HISTORY_KEEP=1: leave the database (paperrun_bench_history_kept) for EXPLAIN ANALYZE or a re-run. */
const KEEP_DATABASE = process.env.BENCH_HISTORY_KEEP === '1' || process.env.BENCH_HISTORY_REUSE === '1';
/** BENCH_HISTORY_REUSE=1: on the database a kept run left (same size), neither generated nor backfilled again: the ticks, their floor and the reads. */
const REUSE = process.env.BENCH_HISTORY_REUSE === '1';
/** BENCH_HISTORY_BACKFILL=1 with REUSE: the backfill rounds too, on the kept database vacuumed first (the earlier runs' ticks cleared visibility bits). */
const REUSE_BACKFILL = REUSE && process.env.BENCH_HISTORY_BACKFILL === '1';

/**
 * The organisation dashboard, as the web app asks for it: the overview's orgStats (stats block,
 * the rolling series) and the campaign table's `campaigns { stats }` (web/src/operations).
 */
const DASHBOARD_QUERY = `{
  orgStats { stats { mailersSent totalCost campaignOrders campaignRevenue roas cpa firstPurchaseRoas } rollingMonthlyStats { date revenue roas cumulativeRoas } lastRefreshed }
  campaigns { id name holdoutEnabled stats {
    stats { mailersSent totalCost campaignOrders campaignRevenue roas cpa }
    isExperiment effectiveRoas effectiveCac isLowPerforming isHighPerforming computedMetrics { concept grade } } } }`;

/** The campaign page, as the web app asks for it (web/src/operations/campaign.graphql): a whole response. */
const CAMPAIGN_PAGE_QUERY = `query ($id: ID!) { campaign(id: $id) { id name externalId holdoutEnabled holdoutPercent stats {
  stats { mailersSent totalCost campaignOrders campaignRevenue roas cpa conversionRate aov firstPurchaseOrders firstPurchaseRevenue firstPurchaseRoas
    repeatOrders repeatRevenue repeatRate subscriptionOrders subscriptionRevenue subscribers }
  rollingMonthlyStats { date windowDays orders revenue cost roas cumulativeOrders cumulativeRevenue cumulativeCost cumulativeRoas }
  firstSendDate lastRefreshed statsText isExperiment effectiveRoas effectiveCac isLowPerforming isHighPerforming
  computedMetrics { concept value basis grade } experimentResults { metric stat group value }
  conversionRateIntervals { metric group conversionRate low high } } } }`;

/** An organisation of `attributions` orders (four per recipient) over `days` days, generated set-based with triggers off. */
async function generateOrganization(client: Client, name: string, attributions: number, days = DAYS): Promise<string> {
  const { rows } = await client.query<{ id: string }>(`INSERT INTO organizations (name, timezone) VALUES ($1, 'America/New_York') RETURNING id`, [name]);
  const orgId = rows[0].id;
  const perCampaign = Math.max(1, Math.round(attributions / CAMPAIGNS / 4));
  await client.query(
    `INSERT INTO campaigns (org_id, external_id, name, holdout_enabled, holdout_percent)
     SELECT $1, 'c' || g, 'Campaign ' || g, g % 5 = 0, CASE WHEN g % 5 = 0 THEN 10 END FROM generate_series(1, $2) g`,
    [orgId, CAMPAIGNS],
  );
  await client.query(
    `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
     SELECT c.org_id, c.id, 'r' || g, c.holdout_enabled AND g % 10 = 0,
            CASE WHEN c.holdout_enabled AND g % 10 = 0 THEN NULL ELSE current_date - $3::int - 5 + (hashint4(g) & 3) END, 0.65
       FROM campaigns c CROSS JOIN generate_series(1, $2) g WHERE c.org_id = $1`,
    [orgId, perCampaign, days],
  );
  await client.query(`SET session_replication_role = replica`);
  await client.query(
    `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count, is_subscription, discount_matched)
     SELECT r.org_id, r.campaign_id, r.id, 'o' || r.id || '-' || k,
            now() - make_interval(secs => (abs(hashint8(r.id * 7 + k)) % ($2::int * 86400))),
            round((abs(hashint8(r.id * 13 + k)) % 20000) / 100.0, 2),
            CASE WHEN abs(hashint8(r.id + k)) % 10 < 7 THEN 1 ELSE 2 + k END,
            abs(hashint8(r.id * 3 + k)) % 10 = 0, abs(hashint8(r.id * 5 + k)) % 8 = 0
       FROM campaign_recipients r CROSS JOIN generate_series(1, 4) k WHERE r.org_id = $1`,
    [orgId, days],
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  return orgId;
}

/** The organisations of a kept run's database (null: the same-rate baseline is not there yet). */
async function reusedOrganizations(client: Client): Promise<{ big: string; small: string; sameRate: string | null }> {
  const { rows } = await client.query<{ id: string; name: string }>(`SELECT id, name FROM organizations WHERE name IN ('long history', 'baseline', 'same rate')`);
  const id = (name: string) => rows.find((r) => r.name === name)?.id ?? Promise.reject(new Error(`no kept organisation ${name}: run once with BENCH_HISTORY_KEEP=1`));
  return { big: await id('long history'), small: await id('baseline'), sameRate: rows.find((r) => r.name === 'same rate')?.id ?? null };
}

/** 10,000 uniform changes of any age: revenue corrections, one in five moved three days, one in fifty withdrawn. */
async function change(client: Client, orgId: string, round: number): Promise<void> {
  await client.query(
    `UPDATE attributions a SET revenue = a.revenue + 1,
            order_date = CASE WHEN a.id % 5 = 0 THEN a.order_date - interval '3 days' ELSE a.order_date END,
            withdrawn_at = CASE WHEN a.id % 50 = 0 THEN now() ELSE NULL END, updated_at = now()
      WHERE a.org_id = $1 AND a.id IN (SELECT id FROM attributions WHERE org_id = $1 ORDER BY hashint8(id + $2) LIMIT $3)`,
    [orgId, round, CHANGES],
  );
}

const benchmark: Benchmark = {
  name: `history: one organisation with ${BIG.toLocaleString('en-US')} attributions vs one with ${SMALL.toLocaleString('en-US')}`,
  async run() {
    const logger = makeLogger('warn', false);
    // A kept database has its own name: another run of this bench drops its own, not this one.
    const database = await benchDatabaseUrl(KEEP_DATABASE ? 'history_kept' : 'history', { reuse: REUSE });
    await migrateDatabase(database.url, logger);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const dataSource = makeDataSource(database.url, 4);
    await dataSource.initialize();
    try {
      const service = new AggregationService(dataSource, 2);
      const generated = await timed(async () => {
        const kept = REUSE ? await reusedOrganizations(client) : null;
        const ids = kept ?? { big: await generateOrganization(client, 'long history', BIG), small: await generateOrganization(client, 'baseline', SMALL), sameRate: null };
        // The same-rate baseline (generated into a kept database that predates it, too).
        const sameRate = ids.sameRate ?? (await generateOrganization(client, 'same rate', SMALL, SAME_RATE_DAYS));
        if (!kept?.sameRate) await client.query('VACUUM ANALYZE');
        if (kept && !kept.sameRate) {
          await service.aggregateOrganization(sameRate, true);
          await client.query('VACUUM ANALYZE');
        }
        return { ...ids, sameRate };
      });
      const { big, small, sameRate } = generated.result;
      const stats = new StatsService(dataSource);

      // Backfill of the long history vs the bare GROUP BY, alternating.
      const full: number[] = [];
      const bare: number[] = [];
      if (REUSE_BACKFILL) await client.query('VACUUM ANALYZE');
      for (let i = 0; i < (REUSE && !REUSE_BACKFILL ? 0 : QUERIES_ONLY ? 1 : REPEATS); i += 1) {
        // Each side starts with nothing left to flush by the other (checkpointBetween).
        if (!QUERIES_ONLY) {
          await checkpointBetween(client);
          bare.push((await timed(() => bareGroupBy(client, big))).ms);
        }
        await checkpointBetween(client);
        full.push((await timed(() => service.aggregateOrganization(big, true))).ms);
      }
      if (!REUSE) {
        await service.aggregateOrganization(small, true);
        await service.aggregateOrganization(sameRate, true);
      }
      // Every run's ticks start from a vacuumed database, as a fresh run's do. A server's
      // autovacuum does this between runs; this machine's PostgreSQL runs with autovacuum off, and
      // a re-run on the previous run's dead versions and cleared visibility bits measured the 10M
      // tick at 2.4–3.0 s, the vacuumed re-run right after it 0.9–1.6 s (sixth session).
      await client.query('VACUUM ANALYZE');

      // Ticks after 10,000 changes, alternating between the two histories (a kept database's
      // re-run too: the ticks change it, and aggregate what they changed), and the physical
      // floor under them: a bare rewrite of 10,000 random buckets at each size (rolled back).
      // The idle tick is the sliding window alone (recomputed from raw every run, the seed's
      // rule): it holds the last 2 days' orders, ten times as many in the bigger organisation.
      // The same-rate baseline's ticks alternate with them: its window holds the long history's
      // orders, and only the history behind it is a tenth.
      const ticks = { big: [] as number[], small: [] as number[], sameRate: [] as number[] };
      const idleTicks = { big: [] as number[], small: [] as number[], sameRate: [] as number[] };
      const rewrites = { big: [] as number[], small: [] as number[], sameRate: [] as number[] };
      // What each tick read from disk (PostgreSQL's processes, when the server runs here): the
      // part of a tick's cost that depends on what the machine keeps cached, not on the code.
      const tickDiskReads = { big: [] as number[], small: [] as number[], sameRate: [] as number[] };
      // The floor under the window: its orders and one history probe per recipient, bare.
      const windowReads = { big: [] as number[], small: [] as number[], sameRate: [] as number[] };
      for (let i = 0; i < (QUERIES_ONLY ? 0 : TICK_REPEATS); i += 1) {
        for (const [which, orgId] of [['big', big], ['small', small], ['sameRate', sameRate]] as const) {
          await change(client, orgId, i + (REUSE ? Date.now() % 1000 : 0));
          // The changes' own writes flushed before the tick is timed, as the checkpointer does in
          // the 15 minutes over which a job's changes arrive: otherwise the tick pays for writing
          // back the bench's 10,000 updated rows' pages when it evicts them from the shared
          // buffers (the 10M organisation's reads evict more of them; seventh session, docs).
          await client.query('CHECKPOINT');
          const readBefore = serverDiskReadBytes();
          ticks[which].push((await timed(() => service.aggregateOrganization(orgId, false))).ms);
          const readAfter = serverDiskReadBytes();
          if (readBefore !== null && readAfter !== null) tickDiskReads[which].push(readAfter - readBefore);
          idleTicks[which].push((await timed(() => service.aggregateOrganization(orgId, false))).ms);
          rewrites[which].push(await bareBucketRewrite(client, orgId, i, CHANGES));
          windowReads[which].push(await bareWindowRead(client, orgId));
        }
      }
      const windowOrders = async (orgId: string) =>
        Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM attributions WHERE org_id = $1 AND order_date >= now() - interval '2 days'`, [orgId])).rows[0].n);
      const windows = QUERIES_ONLY ? null : { big: await windowOrders(big), small: await windowOrders(small), sameRate: await windowOrders(sameRate) };

      // Reads computed from the buckets (no reporting cache: every call is a miss).
      const campaignOf = async (orgId: string) => (await client.query<{ id: string }>(`SELECT id FROM campaigns WHERE org_id = $1 ORDER BY external_id LIMIT 1`, [orgId])).rows[0].id;
      const [bigCampaign, smallCampaign] = [await campaignOf(big), await campaignOf(small)];
      const campaignStats = { big: [] as number[], small: [] as number[] };
      const campaignPage = { big: [] as number[], small: [] as number[] };
      // The floor under one campaign's response: the response's own statement of its daily rows
      // (a bucket per day with orders, the four sums of the rolling series), alone.
      const campaignRows = { big: [] as number[], small: [] as number[] };
      const statsRepository = new StatsRepository(dbOf(dataSource));
      const dailyRows = (orgId: string, campaignId: string) => statsRepository.rollingDaysFromBuckets(orgId, [campaignId]);
      const dashboard: number[] = [];
      const config = loadConfig({
        ...process.env,
        DATABASE_URL: database.url,
        NODE_ENV: 'production',
        SCHEDULER_ENABLED: 'false',
        LOG_LEVEL: 'silent',
        EXPORT_LINK_SECRET: 'history-bench-export-link-secret-0000',
      });
      const app = await startApp({ config, logger: makeLogger('silent', false), databaseUrl: database.url, role: 'api', port: 0, host: '127.0.0.1' });
      const apiKey = (await new OrganizationService(dataSource).createApiKey(big, 'bench', null)).apiKey;
      const smallApiKey = (await new OrganizationService(dataSource).createApiKey(small, 'bench', null)).apiKey;
      const statements = async () => Number(/^paperrun_db_queries_total (\d+)/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);
      let dashboardStatements = 0;
      /** The dashboard over HTTP, cold: the organisation's cached responses cleared first. */
      const coldDashboard = async () => {
        await app.context.services.statsCache.reset(big);
        const before = await statements();
        const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ query: DASHBOARD_QUERY }) });
        const body = (await response.json()) as { data?: { campaigns: unknown[] }; errors?: unknown };
        if (body.errors || body.data?.campaigns.length !== CAMPAIGNS) throw new Error(`dashboard failed: ${JSON.stringify(body.errors)}`);
        dashboardStatements = (await statements()) - before;
      };
      /** The campaign page over HTTP, cold: the organisation's cached responses cleared first (timed apart). */
      const coldCampaignPage = async (orgId: string, key: string, campaignId: string) => {
        await app.context.services.statsCache.reset(orgId);
        return (
          await timed(async () => {
            const response = await fetch(`${app.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
              body: JSON.stringify({ query: CAMPAIGN_PAGE_QUERY, variables: { id: campaignId } }),
            });
            const body = (await response.json()) as { data?: { campaign: { stats: { rollingMonthlyStats: unknown[] } } }; errors?: unknown };
            if (body.errors || !body.data?.campaign.stats.rollingMonthlyStats.length) throw new Error(`campaign page failed: ${JSON.stringify(body.errors)}`);
          })
        ).ms;
      };
      try {
        // Uncounted first calls (as the dashboard's first request): the process's code warms up
        // (its first dozen calls took 10–30 ms against 4–6 ms after, seventh session); every
        // counted call still computes from the buckets, no cache.
        for (let i = 0; i < CAMPAIGN_STATS_WARMUP; i += 1) {
          await stats.campaignStats(big, bigCampaign, WHOLE);
          await stats.campaignStats(small, smallCampaign, WHOLE);
        }
        for (let i = 0; i < CAMPAIGN_STATS_REPEATS; i += 1) {
          campaignStats.big.push((await timed(() => stats.campaignStats(big, bigCampaign, WHOLE))).ms);
          campaignStats.small.push((await timed(() => stats.campaignStats(small, smallCampaign, WHOLE))).ms);
          campaignRows.big.push((await timed(() => dailyRows(big, bigCampaign))).ms);
          campaignRows.small.push((await timed(() => dailyRows(small, smallCampaign))).ms);
        }
        for (let i = 0; i < CAMPAIGN_STATS_REPEATS; i += 1) {
          campaignPage.big.push(await coldCampaignPage(big, apiKey, bigCampaign));
          campaignPage.small.push(await coldCampaignPage(small, smallApiKey, smallCampaign));
        }
        // One request first, not counted: the server's code warmed up (cold means the cache).
        await coldDashboard();
        for (let i = 0; i < DASHBOARD_REPEATS; i += 1) dashboard.push((await timed(coldDashboard)).ms);
      } finally {
        await app.stop();
      }

      // What one campaign's response reads: a bucket per day with orders (treatment side).
      const bucketsOf = async (orgId: string, campaignId: string) =>
        Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM attribution_aggregates_daily WHERE org_id = $1 AND campaign_id = $2 AND NOT is_holdout`, [orgId, campaignId])).rows[0].n);
      const campaignBuckets = { big: await bucketsOf(big, bigCampaign), small: await bucketsOf(small, smallCampaign) };
      const drift = { big: await service.verify(big), small: await service.verify(small), sameRate: await service.verify(sameRate) };
      const m = (values: number[]) => median(values);
      const runs = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
      const backfillLine = `full backfill ${m(full).toFixed(0)} ms vs bare INSERT … SELECT … GROUP BY ${m(bare).toFixed(0)} ms: ${(m(full) / m(bare)).toFixed(2)}× (target ≤ 1.25×)`;
      const tickLine = `tick after ${CHANGES.toLocaleString('en-US')} changes: ${m(ticks.big).toFixed(0)} ms vs ${m(ticks.small).toFixed(0)} ms at a tenth of the history (a tenth of the orders per day): ${(m(ticks.big) / m(ticks.small)).toFixed(2)}× (target ≤ 1.3×)`;
      const sameRateLine = `  vs ${m(ticks.sameRate).toFixed(0)} ms at a tenth of the history at the same orders per day (${SMALL.toLocaleString('en-US')} over ${SAME_RATE_DAYS} days): ${(m(ticks.big) / m(ticks.sameRate)).toFixed(2)}× (target ≤ 1.3×: only the history differs, docs/benchmarks.md); its window (${windows?.sameRate.toLocaleString('en-US')} orders) ${m(idleTicks.sameRate).toFixed(0)} ms; its bare rewrite floor ${m(rewrites.sameRate).toFixed(0)} ms`;
      // The floor of a tick at each size: the window's bare reads and the bare rewrite of the
      // changes' buckets, the two things any tick must do, measured alternately with the ticks.
      const floorOf = (which: 'big' | 'small' | 'sameRate') => m(windowReads[which]) + m(rewrites[which]);
      const tickFloorLine = `  the tick's floor (the window's bare reads + the bare rewrite of 10,000 buckets): ${floorOf('big').toFixed(0)} ms vs ${floorOf('small').toFixed(0)} ms: ${(floorOf('big') / floorOf('small')).toFixed(2)}× (the same rate: ${floorOf('sameRate').toFixed(0)} ms, ${(floorOf('big') / floorOf('sameRate')).toFixed(2)}×); the window's bare reads ${m(windowReads.big).toFixed(0)} vs ${m(windowReads.small).toFixed(0)} vs ${m(windowReads.sameRate).toFixed(0)} ms (same rate); each tick against its floor ${(m(ticks.big) / floorOf('big')).toFixed(2)}×, ${(m(ticks.small) / floorOf('small')).toFixed(2)}×, ${(m(ticks.sameRate) / floorOf('sameRate')).toFixed(2)}×`;
      const floorLine = `floor: a bare UPDATE of one JSONB key of ${CHANGES.toLocaleString('en-US')} random buckets (rolled back) ${m(rewrites.big).toFixed(0)} ms vs ${m(rewrites.small).toFixed(0)} ms: ${(m(rewrites.big) / m(rewrites.small)).toFixed(2)}×`;
      const windowLine = `the sliding window alone (an idle tick, ${windows?.big.toLocaleString('en-US')} vs ${windows?.small.toLocaleString('en-US')} orders in its last 2 days) ${m(idleTicks.big).toFixed(0)} ms vs ${m(idleTicks.small).toFixed(0)} ms: ${(m(idleTicks.big) / m(idleTicks.small)).toFixed(2)}×; the tick less its window ${(m(ticks.big) - m(idleTicks.big)).toFixed(0)} ms vs ${(m(ticks.small) - m(idleTicks.small)).toFixed(0)} ms: ${((m(ticks.big) - m(idleTicks.big)) / (m(ticks.small) - m(idleTicks.small))).toFixed(2)}×`;
      const megabytes = (values: number[]) => `${(m(values) / 1e6).toFixed(0)} MB (${values.map((v) => (v / 1e6).toFixed(0)).join(', ')})`;
      const diskLine =
        tickDiskReads.big.length > 0
          ? `  read from disk by the server during each tick (/proc/<pid>/io, page-cache misses): ${megabytes(tickDiskReads.big)} vs ${megabytes(tickDiskReads.small)} vs ${megabytes(tickDiskReads.sameRate)} (same rate)`
          : null;
      return {
        title: `${BIG.toLocaleString('en-US')} vs ${SMALL.toLocaleString('en-US')} attributions, ${CAMPAIGNS} campaigns each over ${DAYS} days; generated in ${(generated.ms / 1000).toFixed(0)} s; medians of ${REPEATS} backfills (ticks ${TICK_REPEATS}, campaignStats ${CAMPAIGN_STATS_REPEATS} after ${CAMPAIGN_STATS_WARMUP} uncounted, dashboard ${DASHBOARD_REPEATS} after one uncounted); graphql in ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} mode (NODE_ENV)`,
        lines: [
          ...(QUERIES_ONLY || (REUSE && !REUSE_BACKFILL) ? [] : [backfillLine]),
          ...(QUERIES_ONLY ? [] : [tickLine, sameRateLine, tickFloorLine, ...(diskLine ? [diskLine] : []), windowLine, floorLine]),
          `campaignStats from buckets (no cache): ${m(campaignStats.big).toFixed(1)} ms vs ${m(campaignStats.small).toFixed(1)} ms: ${(m(campaignStats.big) / m(campaignStats.small)).toFixed(2)}× (target ≤ 1.3×); the campaign's days with orders (its buckets) ${campaignBuckets.big.toLocaleString('en-US')} vs ${campaignBuckets.small.toLocaleString('en-US')}; the statement of its daily rows alone ${m(campaignRows.big).toFixed(2)} vs ${m(campaignRows.small).toFixed(2)} ms: ${(m(campaignRows.big) / m(campaignRows.small)).toFixed(2)}×`,
          `  the campaign page over HTTP (the web app's CampaignDetail, a whole response, cache cleared): ${m(campaignPage.big).toFixed(1)} ms vs ${m(campaignPage.small).toFixed(1)} ms: ${(m(campaignPage.big) / m(campaignPage.small)).toFixed(2)}×`,
          `organisation dashboard over HTTP (orgStats + campaigns { stats } of ${CAMPAIGNS} campaigns, cache cleared) ${m(dashboard).toFixed(0)} ms, ${dashboardStatements} SQL statements (target ≤ 300 ms)`,
          `verify: ${drift.big.differences.length} + ${drift.small.differences.length} + ${drift.sameRate.differences.length} bucket(s) drift, ${drift.big.totalsDifferences.length + drift.small.totalsDifferences.length + drift.sameRate.totalsDifferences.length} totals row(s) drift, ${drift.big.pendingChanges + drift.small.pendingChanges + drift.sameRate.pendingChanges} change(s) pending`,
          `runs (ms): full ${runs(full)}; bare ${runs(bare)}; ticks ${runs(ticks.big)} vs ${runs(ticks.small)} vs ${runs(ticks.sameRate)} (same rate); idle ticks ${runs(idleTicks.big)} vs ${runs(idleTicks.small)} vs ${runs(idleTicks.sameRate)}; bare rewrites ${runs(rewrites.big)} vs ${runs(rewrites.small)} vs ${runs(rewrites.sameRate)}; window reads ${runs(windowReads.big)} vs ${runs(windowReads.small)} vs ${runs(windowReads.sameRate)}; campaignStats ${runs(campaignStats.big)} vs ${runs(campaignStats.small)}; campaign page ${runs(campaignPage.big)} vs ${runs(campaignPage.small)}; dashboard ${runs(dashboard)}`,
        ],
      };
    } finally {
      await dataSource.destroy();
      await client.end();
      if (!KEEP_DATABASE) await database.drop();
    }
  },
};

export default benchmark;
