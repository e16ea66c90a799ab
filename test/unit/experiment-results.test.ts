import assert from 'node:assert/strict';
import { experimentResults, findExperimentResult, type ExperimentInput, type GroupTotals } from '../../src/reporting/experiments/experiment.results';
import { parseMoney } from '../../src/reporting/money';
import { performanceOf } from '../../src/reporting/experiments/performance';
import { normalCdf, Z_80, Z_975 } from '../../src/reporting/experiments/experiment.statistics';
import { computeStats, EMPTY_TOTALS } from '../../src/reporting/stats.formulas';

const group = (recipients: number, converters: number, orders: number, revenue: string): GroupTotals => ({ recipients, converters, orders, revenue: parseMoney(revenue) });

function input(overrides: Partial<ExperimentInput> = {}): ExperimentInput {
  return {
    holdoutPercent: 20,
    cost: parseMoney('400'),
    treatmentRecipients: 800,
    holdoutRecipients: 200,
    groups: {
      FIRST_ORDER: { test: group(800, 40, 40, '2000'), control: group(200, 5, 5, '250') },
      ALL_ORDERS: { test: group(800, 50, 70, '3500'), control: group(200, 8, 10, '500') },
    },
    ...overrides,
  };
}

describe('experiment results', () => {
  it('has the fixed row set: 25 first-order rows and 24 all-orders rows, null values included', () => {
    const rows = experimentResults(input({ holdoutPercent: null }));
    assert.equal(rows.filter((r) => r.metric === 'FIRST_ORDER').length, 25);
    assert.equal(rows.filter((r) => r.metric === 'ALL_ORDERS').length, 24);
    for (const metric of ['FIRST_ORDER', 'ALL_ORDERS'] as const) assert.equal(rows.filter((r) => r.metric === metric && r.stat === 'MINIMUM_DETECTABLE_UPLIFT' && r.group === null).length, 1);
    assert.equal(findExperimentResult(rows, 'ALL_ORDERS', 'INCREMENTAL_CUSTOMER_ACQUISITION_COST', null), null);
    assert.ok(rows.some((r) => r.stat === 'SRM_P_VALUE' && r.value === null), 'SRM rows stay, null without a holdout percentage');
    assert.deepEqual(rows.filter((r) => r.stat === 'COST').map((r) => [r.metric, r.group, r.value]), [['FIRST_ORDER', 'TEST', 400], ['ALL_ORDERS', 'TEST', 400]]);
  });

  it('computes the hand-worked numbers', () => {
    const rows = experimentResults(input());
    const get = (stat: Parameters<typeof findExperimentResult>[2], group: 'TEST' | 'CONTROL' | null = null, metric: 'FIRST_ORDER' | 'ALL_ORDERS' = 'FIRST_ORDER') => findExperimentResult(rows, metric, stat, group);
    assert.equal(get('CONVERSION_RATE', 'TEST'), 0.05);
    assert.equal(get('CONVERSION_RATE', 'CONTROL'), 0.025);
    assert.equal(get('REVENUE_PER_RECIPIENT', 'TEST'), 2.5);
    assert.equal(get('METRIC_UPLIFT'), 1);
    // (2000/800 − 250/200) · 800 = 1000; / cost 400 = 2.5
    assert.equal(get('INCREMENTAL_REVENUE'), 1000);
    assert.equal(get('INCREMENTAL_ROAS'), 2.5);
    // cost / ((0.05 − 0.025) · 800) = 400 / 20
    assert.equal(get('INCREMENTAL_CUSTOMER_ACQUISITION_COST'), 20);
    assert.equal(get('INCREMENTAL_REVENUE', null, 'ALL_ORDERS'), (3500 / 800 - 500 / 200) * 800);
    assert.equal(get('SRM_P_VALUE'), 1, 'an exact 80:20 split');
    assert.equal(get('SAMPLE_RATIO_MISMATCH'), 0);
    // 45 converters of 1,000: smallest expected count 45·200/1000 = 9 ≥ 1, so the N−1 test.
    const z = ((0.05 - 0.025) / Math.sqrt(0.045 * 0.955 * (1 / 800 + 1 / 200))) * Math.sqrt(999 / 1000);
    assert.ok(Math.abs(get('WIN_PROBABILITY')! - normalCdf(z)) < 1e-15);
    assert.ok(Math.abs(get('P_VALUE')! - 2 * normalCdf(-z)) < 1e-15);
    assert.equal(get('SIGNIFICANT'), 2 * normalCdf(-z) < 0.05 ? 1 : 0);
    assert.ok(get('UPLIFT_CI_LOW')! > -1 && get('UPLIFT_CI_LOW')! < 1 && get('UPLIFT_CI_HIGH')! > 1);
    const mdu = ((Z_975 + Z_80) * Math.sqrt(0.025 * 0.975 * (1 / 800 + 1 / 200))) / 0.025;
    assert.ok(Math.abs(get('MINIMUM_DETECTABLE_UPLIFT')! - mdu) < 1e-15);
  });

  it('nulls every comparison when a group has no recipients', () => {
    const rows = experimentResults(input({ holdoutRecipients: 0, groups: { FIRST_ORDER: { test: group(800, 40, 40, '2000'), control: group(0, 0, 0, '0') }, ALL_ORDERS: { test: group(800, 50, 70, '3500'), control: group(0, 0, 0, '0') } } }));
    for (const stat of ['WIN_PROBABILITY', 'P_VALUE', 'SIGNIFICANT', 'METRIC_UPLIFT', 'UPLIFT_CI_LOW', 'UPLIFT_CI_HIGH', 'MINIMUM_DETECTABLE_UPLIFT', 'INCREMENTAL_REVENUE', 'INCREMENTAL_ROAS', 'INCREMENTAL_CUSTOMER_ACQUISITION_COST'] as const) {
      assert.equal(findExperimentResult(rows, 'FIRST_ORDER', stat, null), null, stat);
    }
    assert.equal(findExperimentResult(rows, 'FIRST_ORDER', 'CONVERSION_RATE', 'CONTROL'), null);
    assert.equal(findExperimentResult(rows, 'FIRST_ORDER', 'SAMPLE_RATIO_MISMATCH', null), 1, 'an empty holdout is a mismatch against 20%');
  });

  it('handles zero conversions in both groups, converters equal to recipients, and negative lift', () => {
    const none = experimentResults(input({ groups: { FIRST_ORDER: { test: group(800, 0, 0, '0'), control: group(200, 0, 0, '0') }, ALL_ORDERS: { test: group(800, 0, 0, '0'), control: group(200, 0, 0, '0') } } }));
    const noneStats = ['WIN_PROBABILITY', 'P_VALUE', 'SIGNIFICANT', 'METRIC_UPLIFT', 'UPLIFT_CI_LOW', 'UPLIFT_CI_HIGH', 'MINIMUM_DETECTABLE_UPLIFT', 'INCREMENTAL_CUSTOMER_ACQUISITION_COST'];
    assert.deepEqual(noneStats.map((s) => findExperimentResult(none, 'FIRST_ORDER', s as never, null)), [0.5, 1, 0, null, -1, null, null, null]);
    assert.equal(findExperimentResult(none, 'FIRST_ORDER', 'INCREMENTAL_ROAS', null), 0);
    const all = experimentResults(input({ groups: { FIRST_ORDER: { test: group(800, 800, 800, '800'), control: group(200, 200, 200, '200') }, ALL_ORDERS: { test: group(800, 800, 800, '800'), control: group(200, 200, 200, '200') } } }));
    assert.deepEqual(['WIN_PROBABILITY', 'P_VALUE', 'SIGNIFICANT', 'METRIC_UPLIFT', 'MINIMUM_DETECTABLE_UPLIFT'].map((s) => findExperimentResult(all, 'FIRST_ORDER', s as never, null)), [0.5, 1, 0, 0, null]);
    // Everyone converted: p̃ pins at 1 and the bounds have closed forms θ_L = 1 / (1 + z²N/(n_t(N−1))), θ_U = 1 + z²N/(n_c(N−1)).
    const z2 = (Z_975 * Z_975 * 1000) / 999;
    assert.ok(Math.abs(findExperimentResult(all, 'FIRST_ORDER', 'UPLIFT_CI_LOW', null)! - (1 / (1 + z2 / 800) - 1)) < 1e-12);
    assert.ok(Math.abs(findExperimentResult(all, 'FIRST_ORDER', 'UPLIFT_CI_HIGH', null)! - z2 / 200) < 1e-12);
    const noControlConverter = experimentResults(input({ groups: { FIRST_ORDER: { test: group(800, 40, 40, '2000'), control: group(200, 0, 0, '0') }, ALL_ORDERS: { test: group(800, 40, 40, '2000'), control: group(200, 0, 0, '0') } } }));
    const zero = (stat: Parameters<typeof findExperimentResult>[2]) => findExperimentResult(noControlConverter, 'FIRST_ORDER', stat, null);
    assert.deepEqual([zero('METRIC_UPLIFT'), zero('UPLIFT_CI_HIGH'), zero('MINIMUM_DETECTABLE_UPLIFT')], [null, null, null]);
    assert.ok(zero('UPLIFT_CI_LOW')! > -1 && zero('WIN_PROBABILITY')! < 1);
    const worse = experimentResults(input({ groups: { FIRST_ORDER: { test: group(800, 8, 8, '400'), control: group(200, 10, 10, '500') }, ALL_ORDERS: { test: group(800, 8, 8, '400'), control: group(200, 10, 10, '500') } } }));
    assert.equal(findExperimentResult(worse, 'FIRST_ORDER', 'METRIC_UPLIFT', null), 0.01 / 0.05 - 1);
    assert.equal(findExperimentResult(worse, 'FIRST_ORDER', 'INCREMENTAL_CUSTOMER_ACQUISITION_COST', null), null, 'no incremental customers');
    assert.ok(findExperimentResult(worse, 'FIRST_ORDER', 'WIN_PROBABILITY', null)! < 0.5);
  });
});

describe('performance helpers and computedMetrics', () => {
  const stats = (overrides: Partial<typeof EMPTY_TOTALS>) => computeStats({ ...EMPTY_TOTALS, ...overrides });

  it('non-experiments: first-purchase ROAS and CPA, graded from the flags', () => {
    const high = performanceOf(stats({ mailersSent: 1000, totalCost: parseMoney('100'), orders: 10, revenue: parseMoney('500'), firstOrders: 10, firstRevenue: parseMoney('400') }), null);
    assert.deepEqual([high.isExperiment, high.effectiveRoas, high.effectiveCac, high.isHighPerforming, high.isLowPerforming], [false, 4, 10, true, false]);
    assert.deepEqual(high.computedMetrics.map((m) => [m.concept, m.basis, m.grade]), [
      ['return_on_spend', 'FIRST_PURCHASE', 'HIGH'],
      ['acquisition_cost', 'GROSS', 'HIGH'],
      ['conversion_rate', 'GROSS', 'NEUTRAL'],
      ['revenue', 'GROSS', 'NEUTRAL'],
    ]);
    const noOrders = performanceOf(stats({ mailersSent: 1000, totalCost: parseMoney('500') }), null);
    assert.deepEqual([noOrders.effectiveRoas, noOrders.effectiveCac, noOrders.isLowPerforming], [0, null, true], 'a null CAC with cost > 0 is infinitely expensive');
    const noCost = performanceOf(stats({ mailersSent: 1000, orders: 3, revenue: parseMoney('30') }), null);
    assert.deepEqual([noCost.effectiveRoas, noCost.isLowPerforming, noCost.isHighPerforming], [null, false, false]);
    assert.equal(performanceOf(stats({ mailersSent: 99, totalCost: parseMoney('1') }), null).computedMetrics[0].grade, 'INSUFFICIENT_DATA');
  });

  it('experiments: incremental basis, never gross ROAS, graded only when significant and large enough', () => {
    const whole = stats({ mailersSent: 800, totalCost: parseMoney('400'), orders: 70, revenue: parseMoney('3500'), firstOrders: 40, firstRevenue: parseMoney('2000') });
    const rows = experimentResults(input());
    const p = performanceOf(whole, rows);
    assert.equal(p.isExperiment, true);
    assert.equal(p.effectiveRoas, 2.5);
    assert.equal(p.effectiveCac, 20);
    assert.ok(p.computedMetrics.every((m) => m.basis === 'INCREMENTAL'));
    assert.deepEqual(p.computedMetrics.map((m) => m.value), [2.5, 20, 1, (3500 / 800 - 500 / 200) * 800]);
    const significant = findExperimentResult(rows, 'FIRST_ORDER', 'SIGNIFICANT', null) === 1;
    assert.equal(p.computedMetrics[0].grade, significant ? 'NEUTRAL' : 'INSUFFICIENT_DATA');
    const losing = performanceOf(whole, experimentResults(input({ groups: { FIRST_ORDER: { test: group(800, 8, 8, '400'), control: group(200, 10, 10, '500') }, ALL_ORDERS: { test: group(800, 8, 8, '400'), control: group(200, 10, 10, '500') } } })));
    assert.deepEqual([losing.effectiveCac, losing.isLowPerforming], [null, true], 'no incremental customers with cost: low performing');
  });

  it('grades on the second edition SIGNIFICANT: a zero-converter control no longer makes a verdict by itself', () => {
    const whole = stats({ mailersSent: 1000, totalCost: parseMoney('100'), orders: 30, revenue: parseMoney('3000'), firstOrders: 30, firstRevenue: parseMoney('3000') });
    const groups = (xT: number, xC: number) => ({ test: group(1000, xT, xT, String(xT * 100)), control: group(100, xC, xC, String(xC * 100)) });
    // 30 of 1,000 against 0 of 100: the first edition's z was 5.6 (p ≈ 3e-8); the N−1 test gives p ≈ 0.079.
    const weak = experimentResults(input({ treatmentRecipients: 1000, holdoutRecipients: 100, holdoutPercent: null, groups: { FIRST_ORDER: groups(30, 0), ALL_ORDERS: groups(30, 0) } }));
    assert.equal(findExperimentResult(weak, 'FIRST_ORDER', 'SIGNIFICANT', null), 0);
    assert.ok(Math.abs(findExperimentResult(weak, 'FIRST_ORDER', 'P_VALUE', null)! - 0.079) < 0.001);
    assert.ok(performanceOf(whole, weak).computedMetrics.every((m) => m.grade === 'INSUFFICIENT_DATA'));
    // 60 of 1,000 against 0 of 100: significant, incremental ROAS 6000/100 = 60 and CAC 100/60: HIGH.
    const strong = experimentResults(input({ treatmentRecipients: 1000, holdoutRecipients: 100, holdoutPercent: null, cost: parseMoney('100'), groups: { FIRST_ORDER: groups(60, 0), ALL_ORDERS: groups(60, 0) } }));
    assert.equal(findExperimentResult(strong, 'FIRST_ORDER', 'SIGNIFICANT', null), 1);
    assert.deepEqual(performanceOf(whole, strong).computedMetrics.map((m) => m.grade), ['HIGH', 'HIGH', 'NEUTRAL', 'NEUTRAL']);
  });
});
