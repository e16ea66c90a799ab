import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { MemoryCache } from '../../src/cache/memory-cache';
import { CampaignService } from '../../src/campaigns/campaign.service';
import { IngestionService } from '../../src/campaigns/ingestion.service';
import { makeDataSource } from '../../src/db/data-source';
import { makeLogger } from '../../src/logger';
import { OrganizationService } from '../../src/organizations/organization.service';
import { AggregationService } from '../../src/reporting/aggregation.service';
import { refreshBeforeExpirySeconds, ReportingSyncService, syncReason } from '../../src/reporting/reporting-sync.service';
import { campaignKey, organizationKey, STATS_CACHE_FORMAT_VERSION, StatsCacheService } from '../../src/reporting/stats-cache.service';
import { ReportingSyncRepository } from '../../src/reporting/reporting-sync.repository';
import { dbOf } from '../../src/db/db';
import { StatsService } from '../../src/reporting/stats.service';
import { createTestDatabase } from '../helpers/environment';
import { queryRows } from '../helpers/db-snapshot';

describe('reporting sync: rewrites what changed, expires or is missing, nothing else', function () {
  this.timeout(120_000);
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let cache: MemoryCache;
  let statsCache: StatsCacheService;
  let sync: ReportingSyncService;
  let ingestion: IngestionService;
  let aggregation: AggregationService;

  before(async () => {
    database = await createTestDatabase();
    dataSource = makeDataSource(database.url, 4);
    await dataSource.initialize();
    const logger = makeLogger('warn', false);
    cache = new MemoryCache();
    statsCache = new StatsCacheService(cache, new StatsService(dataSource), logger);
    sync = new ReportingSyncService(dataSource, statsCache, cache, logger);
    ingestion = new IngestionService(dataSource);
    aggregation = new AggregationService(dataSource, 2);
  });
  after(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function makeOrg(name: string, reportingEnabled = true): Promise<{ orgId: string; campaignId: string }> {
    const { organization } = await new OrganizationService(dataSource).create({ name, timezone: 'Europe/Berlin', reportingEnabled });
    const campaign = await new CampaignService(dataSource).upsert(organization.id, { externalId: 'c', name: 'c', holdoutEnabled: false, holdoutPercent: null });
    await ingestion.importRecipients(organization.id, campaign.id, [{ externalId: 'r1', isHoldout: false, sendDate: '2025-01-01', cost: 1 }]);
    return { orgId: organization.id, campaignId: campaign.id };
  }

  const cached = async (orgId: string, campaignId: string) => (JSON.parse((await cache.get(campaignKey(orgId, campaignId)))!) as { response: { stats: { campaignOrders: number; mailersSent: number } } }).response.stats;
  const cachedOrders = async (orgId: string, campaignId: string) => (await cached(orgId, campaignId)).campaignOrders;

  it('writes every eligible organisation first, then only those whose data changed or whose keys went missing or are expiring', async () => {
    const a = await makeOrg('a');
    const b = await makeOrg('b');
    const disabled = await makeOrg('off', false);
    await aggregation.run();
    assert.deepEqual(await sync.run().then((r) => [r.organizations, r.refreshed, r.keys]), [2, 2, 4]);
    assert.equal(await cache.get(organizationKey(disabled.orgId)), null, 'reporting disabled: skipped');
    assert.equal((await sync.run()).refreshed, 0, 'nothing changed: nothing rewritten');

    // Buckets changed by a run that refreshed nothing (e.g. the CLI): a new buckets version.
    await ingestion.recordAttributions(a.orgId, [{ campaignId: a.campaignId, recipientExternalId: 'r1', orderId: 'o1', orderDate: new Date('2025-01-03T10:00:00Z'), revenue: 5, orderCount: 1 }]);
    await aggregation.run();
    assert.equal(await cachedOrders(a.orgId, a.campaignId), 0);
    assert.equal((await sync.run()).refreshed, 1);
    assert.equal(await cachedOrders(a.orgId, a.campaignId), 1);

    // Recipients (send groups) and campaign settings change no bucket but change the responses.
    await ingestion.importRecipients(b.orgId, b.campaignId, [{ externalId: 'r2', isHoldout: false, sendDate: '2025-01-02', cost: 2 }]);
    assert.equal((await sync.run()).refreshed, 1);
    assert.equal((await cached(b.orgId, b.campaignId)).mailersSent, 2);
    await new CampaignService(dataSource).upsert(b.orgId, { externalId: 'c', name: 'renamed', holdoutEnabled: false, holdoutPercent: null });
    assert.equal((await sync.run()).refreshed, 1);

    // A reset (missing keys) and a key near the end of its TTL are rewritten.
    await statsCache.reset(a.orgId);
    assert.equal((await sync.run()).refreshed, 1);
    assert.notEqual(await cache.get(organizationKey(a.orgId)), null);
    await cache.set(campaignKey(b.orgId, b.campaignId), (await cache.get(campaignKey(b.orgId, b.campaignId)))!, 60);
    assert.equal((await sync.run()).refreshed, 1);
    assert.ok((await cache.ttl(campaignKey(b.orgId, b.campaignId)))! > 14_000);

    // Another time zone (so another local day and other day boundaries) rewrites the responses.
    await queryRows(database.url, `UPDATE organizations SET timezone = 'Pacific/Kiritimati' WHERE id = $1`, [a.orgId]);
    assert.equal((await sync.run()).refreshed, 1);
    assert.equal((await sync.run()).refreshed, 0);

    // Another cache format version (an upgrade): every fingerprint changes.
    const repository = new ReportingSyncRepository(dbOf(dataSource));
    const [now, next] = [await repository.eligibleWithFingerprints(STATS_CACHE_FORMAT_VERSION), await repository.eligibleWithFingerprints(STATS_CACHE_FORMAT_VERSION + 1)];
    assert.equal(now.length, 2);
    now.forEach((c, i) => assert.notEqual(c.fingerprint, next[i].fingerprint));
  });

  it('writes the same responses when worker threads build them (a large run)', async () => {
    const orgs = [await makeOrg('threaded 1'), await makeOrg('threaded 2')];
    for (const [i, org] of orgs.entries()) {
      await ingestion.recordAttributions(org.orgId, [{ campaignId: org.campaignId, recipientExternalId: 'r1', orderId: `t${i}`, orderDate: new Date('2025-01-03T10:00:00Z'), revenue: 5 + i, orderCount: 1 }]);
    }
    await aggregation.run();
    const logger = makeLogger('warn', false);
    const inProcessCache = new MemoryCache();
    const threadedCache = new MemoryCache();
    const inProcess = await new ReportingSyncService(dataSource, new StatsCacheService(inProcessCache, new StatsService(dataSource), logger), inProcessCache, logger, { threads: 0 }).run();
    const threaded = await new ReportingSyncService(dataSource, new StatsCacheService(threadedCache, new StatsService(dataSource), logger), threadedCache, logger, { threads: 2, threadsFrom: 1 }).run();
    assert.deepEqual([inProcess.threads, threaded.threads], [0, 2]);
    assert.equal(threaded.keys, inProcess.keys);
    const withoutClock = (text: string | null) => {
      const entry = JSON.parse(text!) as { formatVersion: number; response: { lastRefreshed?: string } };
      delete entry.response.lastRefreshed;
      return entry;
    };
    for (const org of orgs) {
      for (const key of [organizationKey(org.orgId), campaignKey(org.orgId, org.campaignId)]) {
        assert.deepEqual(withoutClock(await threadedCache.get(key)), withoutClock(await inProcessCache.get(key)), key);
        assert.ok((await threadedCache.ttl(key))! > 14_000, `${key}: the sync's 4 h TTL`);
      }
    }
  });

  it('decides table-style: new, changed, expiring or nothing', () => {
    const same = { fingerprint: 'f', synced_fingerprint: 'f' };
    const cases: Array<[typeof same | { fingerprint: string; synced_fingerprint: string | null }, Array<number | null>, ReturnType<typeof syncReason>]> = [
      [{ fingerprint: 'f', synced_fingerprint: null }, [14_000], 'new'],
      [{ fingerprint: 'g', synced_fingerprint: 'f' }, [14_000], 'changed'],
      [same, [14_000, null], 'expiring'],
      [same, [14_000, 1_000], 'expiring'],
      [same, [14_000, 9_000], null],
    ];
    for (const [candidate, ttls, expected] of cases) assert.equal(syncReason(candidate, ttls, 5_400), expected, JSON.stringify([candidate, ttls]));
    for (const orgId of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '8d3f0c2e-1111-2222-3333-444444444444']) {
      const seconds = refreshBeforeExpirySeconds(orgId);
      assert.ok(seconds >= 1_800 && seconds < 5_400, `${orgId}: ${seconds}`);
    }
  });
});
