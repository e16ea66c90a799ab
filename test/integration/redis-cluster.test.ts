import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RedisCache } from '../../src/cache/redis-cache';
import { makeLogger } from '../../src/logger';
import { campaignKey, organizationKey } from '../../src/reporting/stats-cache.service';
import { CampaignStatsDocument, OrgStatsDocument, ResetReportingCacheDocument, RunJobDocument } from '../generated/graphql';
import { ADMIN_KEY, expectData, startTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization } from '../helpers/factories';
import { startLocalRedisCluster, type LocalRedisCluster } from '../helpers/redis-cluster';

describe('reporting cache on a Redis Cluster (three local masters)', function () {
  this.timeout(60_000);
  let cluster: LocalRedisCluster | null = null;
  let cache: RedisCache;
  const orgA = '11111111-1111-4111-8111-111111111111';
  const orgB = '22222222-2222-4222-8222-222222222222';
  const campaigns = Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  before(async function () {
    cluster = await startLocalRedisCluster();
    if (!cluster) {
      if (process.env.REQUIRE_REDIS === '1') throw new Error('REQUIRE_REDIS=1 but redis-server / redis-cli are missing');
      this.skip();
    }
    cache = new RedisCache(cluster.url, makeLogger('silent', false), { commandTimeoutMs: 2_000 });
  });
  after(async () => {
    await cache?.close();
    await cluster?.stop();
  });

  /** Keys held by each master, counted on the node itself. */
  async function keysPerMaster(): Promise<number[]> {
    return Promise.all(
      cluster!.ports.map(async (port) => {
        const node = new Redis({ port, host: '127.0.0.1' });
        try {
          return await node.dbsize();
        } finally {
          node.disconnect();
        }
      }),
    );
  }

  it('reads, writes and expires keys spread over every master', async () => {
    assert.equal(await cache.health(), 'ok');
    for (const org of [orgA, orgB]) {
      await cache.set(organizationKey(org), `org ${org}`, 600);
      for (const c of campaigns) await cache.set(campaignKey(org, c), `campaign ${c}`, 14_400);
    }
    assert.equal(await cache.get(campaignKey(orgA, campaigns[7])), `campaign ${campaigns[7]}`);
    // Keys of every slot in one call (no CROSSSLOT error), in their order.
    const unknown = campaignKey(orgA, '44444444-4444-4444-8444-444444444444');
    assert.deepEqual(await cache.getMany([...campaigns.map((c) => campaignKey(orgB, c)), unknown]), [...campaigns.map((c) => `campaign ${c}`), null]);
    const ttl = await cache.ttl(organizationKey(orgB));
    assert.ok(ttl !== null && ttl > 590 && ttl <= 600, `ttl ${ttl}`);
    assert.equal(await cache.ttl(organizationKey('33333333-3333-4333-8333-333333333333')), null);
    const perMaster = await keysPerMaster();
    assert.equal(perMaster.reduce((a, b) => a + b, 0), 2 * (1 + campaigns.length));
    assert.ok(perMaster.every((n) => n > 0), `every master holds keys: ${perMaster.join(', ')}`);
  });

  it('deletes one organisation prefix on every master (SCAN per master, never KEYS) and nothing else', async () => {
    assert.equal(await cache.deleteByPrefix(organizationKey(orgA)), 1 + campaigns.length);
    assert.equal(await cache.get(organizationKey(orgA)), null);
    assert.equal(await cache.get(campaignKey(orgA, campaigns[0])), null);
    assert.equal(await cache.get(campaignKey(orgB, campaigns[0])), `campaign ${campaigns[0]}`);
    assert.equal((await keysPerMaster()).reduce((a, b) => a + b, 0), 1 + campaigns.length);
    assert.equal(await cache.deleteByPrefix(organizationKey(orgA)), 0);
  });

  it('takes a lock once, releases only its own', async () => {
    const key = `${campaignKey(orgB, campaigns[3])}:lock`;
    const release = await cache.tryLock(key, 5_000);
    assert.ok(release);
    assert.equal(await cache.tryLock(key, 5_000), null);
    await release();
    const again = await cache.tryLock(key, 5_000);
    assert.ok(again);
    await again();
  });

  it('serves the API with REDIS_URL naming the cluster: misses cached, the sync job, resetReportingCache', async () => {
    const app = await startTestApp({ REDIS_URL: cluster!.url });
    try {
      const org = await makeOrganization(app);
      const campaignIds = [await makeCampaign(app, org), await makeCampaign(app, org), await makeCampaign(app, org)];
      for (const campaignId of campaignIds) {
        await importRecipients(app, org, campaignId, [{ externalId: 'r1', isHoldout: false, sendDate: '2025-01-01', cost: 1 }]);
        expectData(await app.gql(CampaignStatsDocument, { campaignId }, org.apiKey));
      }
      expectData(await app.gql(OrgStatsDocument, {}, org.apiKey));
      const keys = [organizationKey(org.id), ...campaignIds.map((c) => campaignKey(org.id, c))];
      for (const key of keys) assert.ok((await cache.ttl(key))! > 1_000, `${key} cached on a miss`);
      expectData(await app.gql(RunJobDocument, { name: 'process-reporting-sync' }, ADMIN_KEY));
      for (const key of keys) assert.ok((await cache.ttl(key))! > 14_000, `${key} rewritten by the sync`);
      assert.equal(expectData(await app.gql(ResetReportingCacheDocument, {}, org.apiKey)).resetReportingCache, true);
      for (const key of keys) assert.equal(await cache.get(key), null, `${key} reset`);
      assert.equal(await cache.get(campaignKey(orgB, campaigns[0])), `campaign ${campaigns[0]}`, 'other organisations keep theirs');
    } finally {
      await app.stop();
    }
  });
});
