import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { CampaignStatsDocument, OrgStatsDocument, RecordAttributionsDocument, ResetReportingCacheDocument, RunJobDocument } from '../generated/graphql';
import { ADMIN_KEY, expectData, startTestApp, useTestAppWithRedis, type TestApp } from '../helpers/app';
import { redisUrlForTests } from '../helpers/environment';
import { importRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';
import { MemoryCache } from '../../src/cache/memory-cache';
import { makeLocalResponseCache, STATS_CACHE_FORMAT_VERSION, StatsCacheService } from '../../src/reporting/stats-cache.service';

const orgKey = (orgId: string) => `/api/v1/reporting/summary/${orgId}`;
const campaignKey = (orgId: string, campaignId: string) => `${orgKey(orgId)}/campaigns/${campaignId}`;

async function seedCampaign(app: TestApp, org: TestOrganization): Promise<string> {
  const campaignId = await makeCampaign(app, org);
  await importRecipients(app, org, campaignId, [{ externalId: 'r1', isHoldout: false, sendDate: '2025-01-01', cost: 1 }]);
  return campaignId;
}

async function recordOrder(app: TestApp, org: TestOrganization, campaignId: string, orderId: string): Promise<void> {
  expectData(
    await app.gql(RecordAttributionsDocument, { attributions: [{ campaignId, recipientExternalId: 'r1', orderId, orderDate: '2025-01-05T10:00:00Z', revenue: 10, orderCount: 1 }] }, org.apiKey),
  );
}

describe('reporting cache (Redis)', function () {
  this.timeout(120_000);
  const app = useTestAppWithRedis();
  let redis: Redis;
  before(function () {
    const url = redisUrlForTests();
    if (url === null) this.skip();
    redis = new Redis(url);
  });
  after(() => redis?.disconnect());

  it('caches a miss for 20 minutes under the seed key; fresh recomputes and rewrites', async () => {
    const org = await makeOrganization(app());
    const campaignId = await seedCampaign(app(), org);
    const first = expectData(await app().gql(CampaignStatsDocument, { campaignId }, org.apiKey)).campaignStats;
    const ttl = await redis.ttl(campaignKey(org.id, campaignId));
    assert.ok(ttl > 1190 && ttl <= 1200, `ttl ${ttl}`);
    assert.equal(JSON.parse((await redis.get(campaignKey(org.id, campaignId)))!).response.stats.mailersSent, 1);
    await recordOrder(app(), org, campaignId, 'o1');
    await app().gql(RunJobDocument, { name: 'prune-api-keys' }, ADMIN_KEY);
    const cached = expectData(await app().gql(CampaignStatsDocument, { campaignId }, org.apiKey)).campaignStats;
    assert.equal(cached.lastRefreshed, first.lastRefreshed, 'a hit returns the cached response');
    await redis.expire(campaignKey(org.id, campaignId), 60);
    const fresh = expectData(await app().gql(CampaignStatsDocument, { campaignId, fresh: true }, org.apiKey)).campaignStats;
    assert.notEqual(fresh.lastRefreshed, first.lastRefreshed);
    assert.ok((await redis.ttl(campaignKey(org.id, campaignId))) > 1190, 'fresh rewrites with the 20-minute TTL');
    const ranged = expectData(await app().gql(CampaignStatsDocument, { campaignId, fromDate: '2025-01-01' }, org.apiKey)).campaignStats;
    assert.notEqual(ranged.lastRefreshed, fresh.lastRefreshed, 'date-ranged requests are computed, not cached');
  });

  it('never serves a response cached in another format version (an upgrade): Redis', async () => {
    const org = await makeOrganization(app());
    const campaignId = await seedCampaign(app(), org);
    const current = expectData(await app().gql(CampaignStatsDocument, { campaignId }, org.apiKey)).campaignStats;
    const written = JSON.parse((await redis.get(campaignKey(org.id, campaignId)))!);
    assert.equal(written.formatVersion, STATS_CACHE_FORMAT_VERSION);
    // What the first edition wrote: the bare response, no version; and a versioned entry of another version.
    const forged = { ...written.response, stats: { ...written.response.stats, mailersSent: 999 }, lastRefreshed: '2020-01-01T00:00:00.000Z' };
    for (const stale of [forged, { formatVersion: STATS_CACHE_FORMAT_VERSION - 1, response: forged }]) {
      await redis.set(campaignKey(org.id, campaignId), JSON.stringify(stale), 'EX', 600);
      // The in-process copy of this API process lives 5 s; the fresh write below is what another process would see.
      await new Promise((resolve) => setTimeout(resolve, 5_100));
      const served = expectData(await app().gql(CampaignStatsDocument, { campaignId }, org.apiKey)).campaignStats;
      assert.equal(served.stats.mailersSent, current.stats.mailersSent, 'the stale entry is a miss');
      assert.notEqual(served.lastRefreshed, '2020-01-01T00:00:00.000Z');
      const rewritten = JSON.parse((await redis.get(campaignKey(org.id, campaignId)))!);
      assert.deepEqual([rewritten.formatVersion, rewritten.response.stats.mailersSent], [STATS_CACHE_FORMAT_VERSION, 1], 'and is replaced by a current one');
    }
  });

  it('never serves a response of another format version from the in-process copy', async () => {
    const org = await makeOrganization(app());
    const campaignId = await seedCampaign(app(), org);
    const { services, logger } = app().running.context;
    const truth = await services.stats.campaignStats(org.id, campaignId, { range: { from: null, to: null }, source: 'AGGREGATES' });
    const local = makeLocalResponseCache();
    local.set(campaignKey(org.id, campaignId), { formatVersion: STATS_CACHE_FORMAT_VERSION - 1, response: { ...truth, stats: { ...truth.stats, mailersSent: 999 } } });
    const shared = new MemoryCache();
    const service = new StatsCacheService(shared, services.stats, logger, undefined, local);
    const served = await service.campaignStats(org.id, campaignId, { range: { from: null, to: null }, source: 'AGGREGATES' }, false);
    assert.equal(served.stats.mailersSent, 1);
    assert.equal(local.get(campaignKey(org.id, campaignId))?.formatVersion, STATS_CACHE_FORMAT_VERSION, 'replaced by a current entry');
    const many = await new StatsCacheService(shared, services.stats, logger, undefined, local).campaignStatsMany(org.id, [campaignId]);
    assert.equal(many.get(campaignId)?.stats.mailersSent, 1);
  });

  it('reads a campaign list’s responses from the shared cache in one call: current ones served and kept in process, others computed', async () => {
    const org = await makeOrganization(app());
    const [cached, stale, uncached] = [await seedCampaign(app(), org), await seedCampaign(app(), org), await seedCampaign(app(), org)];
    const { services, logger } = app().running.context;
    const whole = { range: { from: null, to: null }, source: 'AGGREGATES' } as const;
    const truth = await services.stats.campaignStats(org.id, cached, whole);
    const shared = new MemoryCache();
    // Written by another process: a current entry (marked) and one of another format version.
    const entry = (formatVersion: number, mailersSent: number) => JSON.stringify({ formatVersion, response: { ...truth, stats: { ...truth.stats, mailersSent } } });
    await shared.set(campaignKey(org.id, cached), entry(STATS_CACHE_FORMAT_VERSION, 777), 600);
    await shared.set(campaignKey(org.id, stale), entry(STATS_CACHE_FORMAT_VERSION - 1, 999), 600);
    const reads: string[][] = [];
    const getMany = shared.getMany.bind(shared);
    shared.getMany = async (keys) => {
      reads.push([...keys]);
      return getMany(keys);
    };
    const local = makeLocalResponseCache();
    const parts = await new StatsCacheService(shared, services.stats, logger, undefined, local).campaignStatsParts(org.id, [cached, stale, uncached], new Set(['summary']));
    assert.deepEqual(reads, [[cached, stale, uncached].map((c) => campaignKey(org.id, c))], 'one read of the three keys');
    assert.equal(parts.get(cached)?.stats?.mailersSent, 777, 'the cached response');
    assert.equal(parts.get(stale)?.stats?.mailersSent, 1, 'another format version is a miss: computed');
    assert.equal(parts.get(uncached)?.stats?.mailersSent, 1);
    assert.equal(local.get(campaignKey(org.id, cached))?.response.stats.mailersSent, 777, 'kept in process');
    assert.equal(local.get(campaignKey(org.id, stale)), undefined, 'a computed part is not cached');
  });

  it('the sync job refreshes every eligible organisation and campaign for 4 hours', async () => {
    const org = await makeOrganization(app());
    const campaigns = [await seedCampaign(app(), org), await seedCampaign(app(), org)];
    const empty = await makeOrganization(app());
    expectData(await app().gql(RunJobDocument, { name: 'process-reporting-sync' }, ADMIN_KEY));
    for (const key of [orgKey(org.id), ...campaigns.map((c) => campaignKey(org.id, c))]) {
      const ttl = await redis.ttl(key);
      assert.ok(ttl > 14_390 && ttl <= 14_400, `${key} ttl ${ttl}`);
    }
    assert.equal(await redis.exists(orgKey(empty.id)), 0, 'an organisation without campaigns is not eligible');
  });

  it('an aggregation run refreshes the campaign it changed and its organisation', async () => {
    const org = await makeOrganization(app());
    const campaignId = await seedCampaign(app(), org);
    expectData(await app().gql(CampaignStatsDocument, { campaignId }, org.apiKey));
    await recordOrder(app(), org, campaignId, 'late');
    expectData(await app().gql(RunJobDocument, { name: 'process-order-aggregations' }, ADMIN_KEY));
    const cached = JSON.parse((await redis.get(campaignKey(org.id, campaignId)))!);
    assert.equal(cached.response.stats.campaignOrders, 1);
    assert.ok((await redis.ttl(campaignKey(org.id, campaignId))) > 14_000);
    assert.equal(JSON.parse((await redis.get(orgKey(org.id)))!).response.stats.campaignOrders, 1);
    const served = expectData(await app().gql(OrgStatsDocument, {}, org.apiKey)).orgStats;
    assert.equal(served.stats.campaignOrders, 1);
  });

  it('reset clears the calling organisation only (GraphQL and REST)', async () => {
    const a = await makeOrganization(app());
    const b = await makeOrganization(app());
    const ca = await seedCampaign(app(), a);
    const cb = await seedCampaign(app(), b);
    for (const [org, c] of [[a, ca], [b, cb]] as const) {
      expectData(await app().gql(CampaignStatsDocument, { campaignId: c }, org.apiKey));
      expectData(await app().gql(OrgStatsDocument, {}, org.apiKey));
    }
    assert.equal(expectData(await app().gql(ResetReportingCacheDocument, {}, a.apiKey)).resetReportingCache, true);
    assert.equal(await redis.exists(orgKey(a.id), campaignKey(a.id, ca)), 0);
    assert.equal(await redis.exists(orgKey(b.id), campaignKey(b.id, cb)), 2);
    const rest = await fetch(`${app().url}/api/v1/reporting/cache/reset`, { method: 'POST', headers: { authorization: `Bearer ${b.apiKey}` } });
    assert.deepEqual(await rest.json(), { reset: true, deleted_keys: 2 });
  });

  it('computes concurrent misses of one key once', async () => {
    const org = await makeOrganization(app());
    const campaignId = await seedCampaign(app(), org);
    const count = async () => Number(/^paperrun_db_queries_total (\d+)/m.exec(await (await fetch(`${app().url}/metrics`)).text())?.[1]);
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 12 }, () => app().gql(CampaignStatsDocument, { campaignId }, org.apiKey)));
    const statements = (await count()) - before;
    assert.equal(new Set(answers.map((r) => expectData(r).campaignStats.lastRefreshed)).size, 1, 'every caller got the one computation');
    // 12 authentications + one computation (campaign check, clock, 3 reads) — not 12 computations.
    assert.ok(statements <= 12 + 6, `${statements} statements`);
  });

  it('serves the seed REST routes with snake_case keys, lower-case enums, and 401/403/404', async () => {
    const org = await makeOrganization(app());
    const other = await makeOrganization(app());
    const campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
    await importRecipients(app(), org, campaignId, [
      { externalId: 'r1', isHoldout: false, sendDate: '2025-01-01', cost: 1 },
      { externalId: 'h1', isHoldout: true, cost: 0 },
    ]);
    const get = (path: string, key: string | null) => fetch(`${app().url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    const body = (await (await get(`/api/v1/reporting/summary/${org.id}/campaigns/${campaignId}?source=RAW&fresh=true`, org.apiKey)).json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      'computed_metrics', 'effective_cac', 'effective_roas', 'experiment_results', 'first_send_date', 'is_experiment', 'is_high_performing',
      'is_low_performing', 'last_delta7_stats', 'last_refreshed', 'last_rolling_month_stats', 'rolling_monthly_stats', 'stats', 'stats_text',
    ]);
    assert.equal((body.stats as Record<string, unknown>).mailers_sent, 1);
    const rows = body.experiment_results as Array<Record<string, unknown>>;
    assert.ok(rows.some((r) => r.metric === 'first_order' && r.stat === 'recipients' && r.group === 'test'));
    assert.equal((body.computed_metrics as Array<Record<string, unknown>>)[0].basis, 'incremental');
    const orgBody = (await (await get(`/api/v1/reporting/summary/${org.id}?from_date=2025-01-01&to_date=2025-02-01`, org.apiKey)).json()) as Record<string, unknown>;
    assert.equal((orgBody.stats as Record<string, unknown>).total_cost, 1);
    assert.equal((await get(`/api/v1/reporting/summary/${org.id}`, null)).status, 401);
    assert.equal((await get(`/api/v1/reporting/summary/${org.id}`, ADMIN_KEY)).status, 403);
    assert.equal((await get(`/api/v1/reporting/summary/${org.id}`, other.apiKey)).status, 404);
    assert.equal((await get(`/api/v1/reporting/summary/${other.id}/campaigns/${campaignId}`, other.apiKey)).status, 404);
    assert.equal((await get(`/api/v1/reporting/summary/${org.id}?source=sideways`, org.apiKey)).status, 400);
  });
});

/** A TCP proxy in front of Redis that the test can cut and restore. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(private readonly target: { host: string; port: number }) {}

  async listen(port = 0): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    return (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
  }
}

describe('reporting cache when Redis goes away', function () {
  this.timeout(120_000);
  let proxy: CuttableProxy;
  let port: number;
  let app: TestApp | null = null;

  before(async function () {
    const url = redisUrlForTests();
    if (url === null) this.skip();
    const target = new URL(url);
    proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 6379) });
    port = await proxy.listen();
    app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  after(async () => {
    await app?.stop();
    await proxy?.cut();
  });

  it('answers from the database, reports degraded, and recovers by itself', async () => {
    const org = await makeOrganization(app!);
    const campaignId = await seedCampaign(app!, org);
    const readiness = async () => ((await (await fetch(`${app!.url}/readyz`)).json()) as { status: string; checks: { cache: string } });
    assert.equal((await readiness()).checks.cache, 'ok');
    await proxy.cut();
    const started = Date.now();
    for (let i = 0; i < 3; i += 1) {
      assert.equal(expectData(await app!.gql(CampaignStatsDocument, { campaignId }, org.apiKey)).campaignStats.stats.mailersSent, 1);
      assert.equal(expectData(await app!.gql(OrgStatsDocument, {}, org.apiKey)).orgStats.stats.mailersSent, 1);
      assert.equal(expectData(await app!.gql(ResetReportingCacheDocument, {}, org.apiKey)).resetReportingCache, true);
    }
    assert.ok(Date.now() - started < 30_000);
    const degraded = await readiness();
    assert.deepEqual([degraded.status, degraded.checks.cache], ['degraded', 'degraded']);
    await proxy.listen(port);
    const deadline = Date.now() + 20_000;
    while ((await readiness()).checks.cache !== 'ok' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal((await readiness()).checks.cache, 'ok', 'recovered');
    expectData(await app!.gql(CampaignStatsDocument, { campaignId }, org.apiKey));
  });
});
