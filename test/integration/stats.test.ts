import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CampaignStatsDocument,
  CampaignsWithStatsDocument,
  OrgStatsDocument,
  RecipientsDocument,
  RecordAttributionsDocument,
  RollingStatsDocument,
  RunJobDocument,
  WithdrawAttributionsDocument,
} from '../generated/graphql';
import { ADMIN_KEY, expectData, expectError, useTestApp } from '../helpers/app';
import { queryRows } from '../helpers/db-snapshot';
import { importRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

const near = (actual: number | null | undefined, expected: number) => assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≉ ${expected}`);

describe('stats generation', function () {
  this.timeout(300_000);
  const app = useTestApp();

  async function aggregate(): Promise<void> {
    expectData(await app().gql(RunJobDocument, { name: 'process-order-aggregations' }, ADMIN_KEY));
  }

  describe('a fixed campaign computed by hand', () => {
    let org: TestOrganization;
    let campaignId: string;
    before(async () => {
      org = await makeOrganization(app(), { timezone: 'UTC' });
      campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
      await importRecipients(app(), org, campaignId, [
        { externalId: 'r1', isHoldout: false, sendDate: '2024-03-01', cost: 0.5 },
        { externalId: 'r2', isHoldout: false, sendDate: '2024-03-01', cost: 0.25 },
        { externalId: 'r3', isHoldout: false, sendDate: '2024-03-02', cost: 0.1 },
        { externalId: 'r4', isHoldout: false, cost: 1 },
        { externalId: 'h1', isHoldout: true, cost: 0 },
      ]);
      const order = (orderId: string, recipientExternalId: string, orderDate: string, revenue: number, orderCount: number, isSubscription = false, discountMatched = false) =>
        ({ campaignId, recipientExternalId, orderId, orderDate, revenue, orderCount, isSubscription, discountMatched });
      expectData(
        await app().gql(
          RecordAttributionsDocument,
          {
            attributions: [
              order('o1', 'r1', '2024-03-03T10:00:00Z', 0.1, 1, true, false),
              order('o2', 'r1', '2024-03-05T10:00:00Z', 0.2, 2, false, true),
              order('o3', 'r2', '2024-03-05T23:00:00Z', 10, 1, true, true),
              order('o4', 'h1', '2024-03-04T10:00:00Z', 50, 1),
              order('o5', 'r3', '2024-03-06T10:00:00Z', 5, 1),
            ],
          },
          org.apiKey,
        ),
      );
      expectData(await app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['o5'] }, org.apiKey));
      await aggregate();
    });

    for (const source of ['AGGREGATES', 'RAW'] as const) {
      it(`answers the hand-computed StatsResponse (${source})`, async () => {
        const response = expectData(await app().gql(CampaignStatsDocument, { campaignId, source }, org.apiKey)).campaignStats;
        const s = response.stats;
        assert.deepEqual(
          { ...s, roas: null, cpa: null, aov: null, firstPurchaseRoas: null, customerConversionRate: null },
          {
            mailersSent: 3, campaignOrders: 3, campaignRevenue: 10.3, totalCost: 0.85, roas: null, conversionRate: 1, cpa: null, aov: null,
            firstPurchaseOrders: 2, firstPurchaseRevenue: 10.1, firstPurchaseRoas: null, repeatOrders: 1, repeatRevenue: 0.2, repeatRate: 0.5,
            subscriptionOrders: 2, subscriptionRevenue: 10.1, subscribers: 2, discountMatchedOrders: 2, customerConversionRate: null,
          },
        );
        near(s.roas, 10.3 / 0.85);
        near(s.cpa, 0.85 / 3);
        near(s.aov, 10.3 / 3);
        near(s.firstPurchaseRoas, 10.1 / 0.85);
        near(s.customerConversionRate, 2 / 3);
        assert.equal(response.firstSendDate, '2024-03-01');
        assert.equal(response.rollingMonthlyStats[0].date, '2024-03-01');
        const mar5 = response.rollingMonthlyStats.find((r) => r.date === '2024-03-05')!;
        assert.deepEqual([mar5.orders, mar5.revenue, mar5.mailersSent, mar5.cost, mar5.cumulativeOrders], [3, 10.3, 3, 0.85, 3]);
        const apr3 = response.rollingMonthlyStats.find((r) => r.date === '2024-04-03')!;
        assert.deepEqual(
          [apr3.orders, apr3.revenue, apr3.mailersSent, apr3.cost, apr3.profit, apr3.roas, apr3.conversionRate, apr3.cumulativeRevenue, apr3.cumulativeCost, apr3.ltv],
          [2, 10.2, 0, 0, 10.2, null, null, 10.3, 0.85, 5.15],
        );
        near(apr3.cumulativeProfit, 9.45);
        const last = response.lastRollingMonthStats!;
        assert.equal(last.date, response.rollingMonthlyStats.at(-1)!.date);
        assert.deepEqual([last.orders, last.cumulativeOrders, last.windowDays], [0, 3, 30]);
        assert.equal(response.lastDelta7Stats?.windowDays, 7);
        assert.match(response.statsText ?? '', /3 mailers were sent at a cost of \$0\.85\. They brought 3 attributed orders \(a conversion rate of 100\.00%\) and \$10\.30 in revenue\. ROAS was 12\.12; CPA was \$0\.28\./);
      });
    }

    it('filters only the stats block by date range (orders by local day, sends by send date)', async () => {
      const response = expectData(await app().gql(CampaignStatsDocument, { campaignId, fromDate: '2024-03-04', toDate: '2024-03-06' }, org.apiKey)).campaignStats;
      assert.deepEqual(
        [response.stats.campaignOrders, response.stats.campaignRevenue, response.stats.mailersSent, response.stats.roas, response.stats.cpa, response.stats.conversionRate],
        [2, 10.2, 0, null, 0, null],
      );
      assert.equal(response.firstSendDate, '2024-03-01', 'the rolling series ignores the range');
      assert.match(response.statsText ?? '', /^From 2024-03-04 to 2024-03-06 \(exclusive\), 0 mailers/);
      const error = expectError(await app().gql(CampaignStatsDocument, { campaignId, fromDate: '2024-03-06', toDate: '2024-03-06' }, org.apiKey));
      assert.deepEqual([error.code, error.field], ['BAD_USER_INPUT', 'toDate']);
    });

    it('serves rollingStats with any window of 1 to 365 days', async () => {
      const rows = expectData(await app().gql(RollingStatsDocument, { campaignId, windowDays: 1 }, org.apiKey)).rollingStats;
      assert.equal(rows.find((r) => r.date === '2024-03-05')?.orders, 2);
      assert.equal(expectError(await app().gql(RollingStatsDocument, { campaignId, windowDays: 366 }, org.apiKey)).field, 'windowDays');
      assert.equal(expectError(await app().gql(RollingStatsDocument, { campaignId, windowDays: 0 }, org.apiKey)).field, 'windowDays');
      const org2 = expectData(await app().gql(RollingStatsDocument, {}, org.apiKey)).rollingStats;
      assert.equal(org2.at(-1)?.cumulativeOrders, 3);
    });
  });

  it('returns the same StatsResponse from aggregates and from raw on random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('UTC', 'America/Los_Angeles', 'Asia/Kathmandu', 'Australia/Lord_Howe'),
        fc.array(
          fc.record({
            kind: fc.constantFrom('record', 'record', 'record', 'withdraw'),
            campaign: fc.integer({ min: 0, max: 2 }),
            order: fc.integer({ min: 1, max: 15 }),
            recipient: fc.constantFrom('m1', 'm2', 'm3', 'h1'),
            daysAgo: fc.integer({ min: 0, max: 400 }),
            minute: fc.integer({ min: 0, max: 1439 }),
            cents: fc.integer({ min: 0, max: 99_999 }),
            count: fc.integer({ min: 1, max: 3 }),
            sub: fc.boolean(),
            disc: fc.boolean(),
            aggregateAfter: fc.boolean(),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        async (timezone, steps) => {
          const org = await makeOrganization(app(), { timezone });
          const campaigns: string[] = [];
          for (let c = 0; c < 3; c += 1) {
            const id = await makeCampaign(app(), org, { holdoutEnabled: true });
            await importRecipients(app(), org, id, [
              { externalId: 'm1', isHoldout: false, sendDate: '2025-06-01', cost: 0.4567 },
              { externalId: 'm2', isHoldout: false, sendDate: '2025-07-15', cost: 1.1 },
              { externalId: 'm3', isHoldout: false, sendDate: '2025-07-15', cost: 0.3333 },
              { externalId: 'h1', isHoldout: true, cost: 0 },
            ]);
            campaigns.push(id);
          }
          const recorded = new Set<string>();
          for (const step of steps) {
            const campaignId = campaigns[step.campaign];
            if (step.kind === 'withdraw') {
              if (recorded.has(`${campaignId}:${step.order}`)) {
                expectData(await app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: [`o${step.order}`] }, org.apiKey));
              }
            } else {
              const orderDate = new Date(Date.now() - step.daysAgo * 86_400_000 - step.minute * 60_000).toISOString();
              expectData(
                await app().gql(
                  RecordAttributionsDocument,
                  { attributions: [{ campaignId, recipientExternalId: step.recipient, orderId: `o${step.order}`, orderDate, revenue: step.cents / 100, orderCount: step.count, isSubscription: step.sub, discountMatched: step.disc }] },
                  org.apiKey,
                ),
              );
              recorded.add(`${campaignId}:${step.order}`);
            }
            if (step.aggregateAfter) await aggregate();
          }
          await aggregate();
          const strip = <T extends { lastRefreshed: string }>(r: T) => ({ ...r, lastRefreshed: '' });
          for (const campaignId of campaigns) {
            const fromBuckets = expectData(await app().gql(CampaignStatsDocument, { campaignId, source: 'AGGREGATES' }, org.apiKey)).campaignStats;
            const fromRaw = expectData(await app().gql(CampaignStatsDocument, { campaignId, source: 'RAW' }, org.apiKey)).campaignStats;
            assert.deepEqual(strip(fromBuckets), strip(fromRaw));
          }
          const orgBuckets = expectData(await app().gql(OrgStatsDocument, { source: 'AGGREGATES' }, org.apiKey)).orgStats;
          const orgRaw = expectData(await app().gql(OrgStatsDocument, { source: 'RAW' }, org.apiKey)).orgStats;
          assert.deepEqual(strip(orgBuckets), strip(orgRaw));
        },
      ),
      { numRuns: 6 },
    );
  });

  it('keeps the pre-grouped recipients equal to the recipients themselves through every kind of write', async () => {
    const org = await makeOrganization(app());
    const campaignId = await makeCampaign(app(), org, { holdoutEnabled: true, holdoutPercent: 30 });
    const groups = async () => {
      const [summary, raw] = await Promise.all([
        queryRows(app().databaseUrl, `SELECT is_holdout, send_date, recipients::int, cost::numeric::text AS cost FROM recipient_send_groups WHERE campaign_id = $1 ORDER BY 1, 2`, [campaignId]),
        queryRows(app().databaseUrl, `SELECT is_holdout, send_date, count(*)::int AS recipients, sum(cost)::numeric::text AS cost FROM campaign_recipients WHERE campaign_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [campaignId]),
      ]);
      assert.deepEqual(summary, raw);
      return summary.length;
    };
    await importRecipients(app(), org, campaignId, Array.from({ length: 60 }, (_, i) => ({ externalId: `x${i}`, cost: (1000 + i) / 10_000 })));
    assert.ok((await groups()) >= 2);
    const mailed = expectData(await app().gql(RecipientsDocument, { campaignId, isHoldout: false, first: 1000 }, org.apiKey)).recipients.nodes;
    await importRecipients(app(), org, campaignId, mailed.map((r, i) => ({ externalId: r.externalId, sendDate: i % 2 ? '2025-02-01' : '2025-02-02', cost: 0.5 })));
    await groups();
    await importRecipients(app(), org, campaignId, mailed.slice(0, 10).map((r) => ({ externalId: r.externalId, sendDate: '2025-02-03', cost: 0 })));
    await importRecipients(app(), org, campaignId, mailed.slice(10, 20).map((r) => ({ externalId: r.externalId, sendDate: null, cost: 1.2345 })));
    await groups();
    await queryRows(app().databaseUrl, `DELETE FROM campaign_recipients WHERE campaign_id = $1 AND external_id IN ('x1', 'x2', 'x3')`, [campaignId]);
    await groups();
  });

  it('answers campaigns { stats } for 100 campaigns with at most 6 SQL statements', async () => {
    const org = await makeOrganization(app());
    for (let c = 0; c < 100; c += 1) {
      const id = await makeCampaign(app(), org);
      if (c % 10 === 0) await importRecipients(app(), org, id, [{ externalId: 'r', isHoldout: false, sendDate: '2025-01-01', cost: 1 }]);
    }
    const count = async () => Number(/^paperrun_db_queries_total (\d+)/m.exec(await (await fetch(`${app().url}/metrics`)).text())?.[1]);
    const before = await count();
    const data = expectData(await app().gql(CampaignsWithStatsDocument, {}, org.apiKey));
    const statements = (await count()) - before;
    assert.equal(data.campaigns.length, 100);
    assert.ok(statements >= 3 && statements <= 6, `${statements} statements`);
    const withRange = await count();
    expectData(await app().gql(CampaignsWithStatsDocument, { fromDate: '2025-01-01', toDate: '2025-02-01' }, org.apiKey));
    assert.ok((await count()) - withRange <= 6);
  });
});
