import assert from 'node:assert/strict';
import stdNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { CampaignStatsDocument, ImportRecipientsDocument, OrgStatsDocument, RecordAttributionsDocument, RunJobDocument } from '../generated/graphql';
import { ADMIN_KEY, expectData, useTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

const near = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

describe('holdout experiments', function () {
  this.timeout(120_000);
  const app = useTestApp();
  let org: TestOrganization;
  let campaignId: string;

  before(async () => {
    org = await makeOrganization(app());
    campaignId = await makeCampaign(app(), org, { holdoutEnabled: true, holdoutPercent: 20 });
    await importRecipients(app(), org, campaignId, [
      ...['t1', 't2', 't3', 't4'].map((externalId) => ({ externalId, isHoldout: false, sendDate: '2024-05-01', cost: 1 })),
      { externalId: 't5', isHoldout: false, cost: 1 },
      { externalId: 'c1', isHoldout: true, cost: 0 },
      { externalId: 'c2', isHoldout: true, cost: 0 },
    ]);
    const order = (orderId: string, recipientExternalId: string, revenue: number, orderCount: number) => ({ campaignId, recipientExternalId, orderId, orderDate: '2024-05-10T12:00:00Z', revenue, orderCount });
    expectData(await app().gql(RecordAttributionsDocument, { attributions: [order('a', 't1', 10, 1), order('b', 't1', 5, 2), order('c', 't2', 20, 3), order('d', 'c1', 8, 1)] }, org.apiKey));
    expectData(await app().gql(RunJobDocument, { name: 'process-order-aggregations' }, ADMIN_KEY));
  });

  for (const source of ['AGGREGATES', 'RAW'] as const) {
    it(`gives the hand-computed rows, helpers and computed metrics (${source})`, async () => {
      const response = expectData(await app().gql(CampaignStatsDocument, { campaignId, source }, org.apiKey)).campaignStats;
      const row = (metric: string, stat: string, group: string | null = null) => response.experimentResults.find((r) => r.metric === metric && r.stat === stat && r.group === group)?.value;
      assert.equal(response.experimentResults.length, 49);
      // FIRST_ORDER — TEST: 4 mailed, 1 first order (t1, 10.00); CONTROL: 2 held out, 1 (c1, 8.00).
      assert.deepEqual(['RECIPIENTS', 'ORDERS', 'CONVERTERS', 'REVENUE', 'CONVERSION_RATE', 'REVENUE_PER_RECIPIENT'].map((s) => row('FIRST_ORDER', s, 'TEST')), [4, 1, 1, 10, 0.25, 2.5]);
      assert.deepEqual(['RECIPIENTS', 'ORDERS', 'CONVERTERS', 'REVENUE', 'CONVERSION_RATE', 'REVENUE_PER_RECIPIENT'].map((s) => row('FIRST_ORDER', s, 'CONTROL')), [2, 1, 1, 8, 0.5, 4]);
      assert.equal(row('FIRST_ORDER', 'COST', 'TEST'), 4);
      assert.equal(row('FIRST_ORDER', 'METRIC_UPLIFT'), -0.5);
      assert.equal(row('FIRST_ORDER', 'INCREMENTAL_REVENUE'), -6);
      assert.equal(row('FIRST_ORDER', 'INCREMENTAL_ROAS'), -1.5);
      assert.equal(row('FIRST_ORDER', 'INCREMENTAL_CUSTOMER_ACQUISITION_COST'), null, '(0.25 − 0.5) · 4 ≤ 0');
      // 1 of 4 against 1 of 2: the N−1 statistic −0.25 / √(⅓·⅔·(¼ + ½)) · √(5/6); smallest expected
      // count 2·2/6 < 1, so the exact test (every table of these margins is at most as likely: p = 1).
      const z = (-0.25 / Math.sqrt((1 / 3) * (2 / 3) * 0.75)) * Math.sqrt(5 / 6);
      near(row('FIRST_ORDER', 'WIN_PROBABILITY'), stdNormalCdf(z, 0, 1));
      assert.equal(row('FIRST_ORDER', 'P_VALUE'), 1);
      assert.equal(row('FIRST_ORDER', 'SIGNIFICANT'), 0);
      // From `/usr/bin/python3 test/reference/experiment_reference.py` (the spec's interval in mpmath).
      near(row('FIRST_ORDER', 'UPLIFT_CI_LOW'), -0.9366980787019327);
      near(row('FIRST_ORDER', 'UPLIFT_CI_HIGH'), 3.4578462139906945);
      near(row('FIRST_ORDER', 'MINIMUM_DETECTABLE_UPLIFT'), 2.426243969752798);
      // SRM: 5 treatment (mailed or not) : 2 holdout against 80 : 20.
      near(row('FIRST_ORDER', 'SRM_P_VALUE'), 1 - chisquareCdf(0.36 / 5.6 + 0.36 / 1.4, 1));
      assert.equal(row('FIRST_ORDER', 'SAMPLE_RATIO_MISMATCH'), 0);
      // ALL_ORDERS — TEST: 3 orders by t1 and t2, 35.00; CONTROL: 1 order, 8.00.
      assert.deepEqual(['ORDERS', 'CONVERTERS', 'REVENUE', 'CONVERSION_RATE'].map((s) => row('ALL_ORDERS', s, 'TEST')), [3, 2, 35, 0.5]);
      assert.deepEqual([row('ALL_ORDERS', 'METRIC_UPLIFT'), row('ALL_ORDERS', 'INCREMENTAL_REVENUE'), row('ALL_ORDERS', 'INCREMENTAL_ROAS'), row('ALL_ORDERS', 'WIN_PROBABILITY'), row('ALL_ORDERS', 'P_VALUE')], [0, 19, 4.75, 0.5, 1]);
      near(row('ALL_ORDERS', 'UPLIFT_CI_LOW'), -0.8012668895175943);
      near(row('ALL_ORDERS', 'UPLIFT_CI_HIGH'), 6.017310100520328);
      assert.equal(response.experimentResults.some((r) => r.metric === 'ALL_ORDERS' && r.stat === 'INCREMENTAL_CUSTOMER_ACQUISITION_COST'), false);
      // Each group's conversion rate with its 95% Wilson interval (same reference script).
      const interval = (metric: string, group: string) => response.conversionRateIntervals.find((i) => i.metric === metric && i.group === group)!;
      assert.deepEqual(response.conversionRateIntervals.map((i) => [i.metric, i.group, i.recipients, i.converters, i.conversionRate]), [
        ['FIRST_ORDER', 'TEST', 4, 1, 0.25],
        ['FIRST_ORDER', 'CONTROL', 2, 1, 0.5],
        ['ALL_ORDERS', 'TEST', 4, 2, 0.5],
        ['ALL_ORDERS', 'CONTROL', 2, 1, 0.5],
      ]);
      for (const [metric, group, low, high] of [
        ['FIRST_ORDER', 'TEST', 0.04558726080970057, 0.6993581574175981],
        ['FIRST_ORDER', 'CONTROL', 0.09453120573423072, 0.9054687942657693],
        ['ALL_ORDERS', 'TEST', 0.15003898915214953, 0.8499610108478505],
        ['ALL_ORDERS', 'CONTROL', 0.09453120573423072, 0.9054687942657693],
      ] as const) {
        near(interval(metric, group).low, low, 1e-12);
        near(interval(metric, group).high, high, 1e-12);
      }
      assert.deepEqual([response.firstOrderRoas, response.testConverters], [-1.5, 2]);
      assert.deepEqual([response.isExperiment, response.effectiveRoas, response.effectiveCac, response.isLowPerforming, response.isHighPerforming], [true, -1.5, null, true, false]);
      assert.deepEqual(response.computedMetrics, [
        { concept: 'return_on_spend', value: -1.5, basis: 'INCREMENTAL', grade: 'INSUFFICIENT_DATA' },
        { concept: 'acquisition_cost', value: null, basis: 'INCREMENTAL', grade: 'INSUFFICIENT_DATA' },
        { concept: 'conversion_rate', value: -0.5, basis: 'INCREMENTAL', grade: 'INSUFFICIENT_DATA' },
        { concept: 'revenue', value: 19, basis: 'INCREMENTAL', grade: 'INSUFFICIENT_DATA' },
      ]);
    });
  }

  it('keeps helpers on the whole campaign under a date range, and the organisation has no experiment', async () => {
    const ranged = expectData(await app().gql(CampaignStatsDocument, { campaignId, fromDate: '2030-01-01' }, org.apiKey)).campaignStats;
    assert.equal(ranged.stats.campaignOrders, 0);
    assert.equal(ranged.effectiveRoas, -1.5);
    const whole = expectData(await app().gql(OrgStatsDocument, {}, org.apiKey)).orgStats;
    assert.deepEqual([whole.isExperiment, whole.experimentResults.length, whole.conversionRateIntervals.length, whole.computedMetrics[0].basis], [false, 0, 0, 'FIRST_PURCHASE']);
  });

  it('assigns 10,000 omitted groups at 20% without bias, stably, and the SRM test does not fire', async () => {
    const big = await makeCampaign(app(), org, { holdoutEnabled: true, holdoutPercent: 20 });
    const recipients = Array.from({ length: 10_000 }, (_, i) => ({ externalId: `cust-${i}`, cost: 0.5 }));
    expectData(await app().gql(ImportRecipientsDocument, { campaignId: big, recipients }, org.apiKey));
    const again = expectData(await app().gql(ImportRecipientsDocument, { campaignId: big, recipients }, org.apiKey)).importRecipients;
    assert.deepEqual(again, { created: 0, updated: 0, unchanged: 10_000 }, 're-import moves nobody');
    const response = expectData(await app().gql(CampaignStatsDocument, { campaignId: big }, org.apiKey)).campaignStats;
    const held = response.experimentResults.find((r) => r.metric === 'FIRST_ORDER' && r.stat === 'RECIPIENTS' && r.group === 'CONTROL')!.value!;
    assert.ok(Math.abs(held / 10_000 - 0.2) <= 0.015, `holdout share ${held / 10_000}`);
    assert.equal(response.experimentResults.find((r) => r.stat === 'SAMPLE_RATIO_MISMATCH')?.value, 0);
  });
});
