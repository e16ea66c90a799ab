import assert from 'node:assert/strict';
import { countRatio, moneyPer, moneyRatio, moneyToNumber, parseMoney } from '../../src/reporting/money';
import { computeStats, EMPTY_TOTALS, firstSendDateOf, rollingSeries, totalsInRange, type DailyOrders, type DailySends } from '../../src/reporting/stats.formulas';
import { describeStats } from '../../src/reporting/stats-text';

const orders = (day: string, n: number, revenue: string, first = n, firstRevenue = revenue): DailyOrders => ({
  day,
  orders: n,
  revenue: parseMoney(revenue),
  firstOrders: first,
  firstRevenue: parseMoney(firstRevenue),
  subscriptionOrders: 0,
  subscriptionRevenue: 0n,
  subscribers: 0,
  discountMatchedOrders: 0,
});
const sends = (day: string, mailers: number, cost: string): DailySends => ({ day, mailers, cost: parseMoney(cost) });

describe('money', () => {
  it('parses and prints numeric text exactly', () => {
    const table: Array<[string, number]> = [['0', 0], ['12.34', 12.34], ['0.0001', 0.0001], ['-5.5', -5.5], ['123456789012.3456', 123456789012.3456], ['7.10', 7.1]];
    for (const [text, value] of table) assert.equal(moneyToNumber(parseMoney(text)), value, text);
    assert.throws(() => parseMoney('1e5'));
  });

  it('sums cents exactly where doubles do not', () => {
    assert.notEqual(0.1 + 0.2, 0.3);
    assert.equal(moneyToNumber(parseMoney('0.1') + parseMoney('0.2')), 0.3);
    let total = 0n;
    for (let i = 0; i < 1000; i += 1) total += parseMoney('0.01');
    assert.equal(moneyToNumber(total), 10);
  });

  it('gives null, never NaN or Infinity, for zero denominators', () => {
    assert.equal(moneyRatio(parseMoney('5'), 0n), null);
    assert.equal(moneyRatio(0n, 0n), null);
    assert.equal(moneyPer(parseMoney('5'), 0), null);
    assert.equal(countRatio(3, 0), null);
    assert.equal(countRatio(0, 4), 0);
    assert.equal(moneyRatio(0n, parseMoney('2')), 0);
  });
});

describe('stats formulas', () => {
  it('computes the 19 stats of hand-computed totals', () => {
    const stats = computeStats({
      mailersSent: 4,
      totalCost: parseMoney('2.0000'),
      orders: 3,
      revenue: parseMoney('30.30'),
      firstOrders: 2,
      firstRevenue: parseMoney('20.10'),
      subscriptionOrders: 1,
      subscriptionRevenue: parseMoney('10.00'),
      subscribers: 1,
      discountMatchedOrders: 2,
    });
    assert.deepEqual(stats, {
      mailersSent: 4,
      campaignOrders: 3,
      campaignRevenue: 30.3,
      totalCost: 2,
      roas: 15.15,
      conversionRate: 0.75,
      cpa: 2 / 3,
      aov: 10.1,
      firstPurchaseOrders: 2,
      firstPurchaseRevenue: 20.1,
      firstPurchaseRoas: 10.05,
      repeatOrders: 1,
      repeatRevenue: 10.2,
      repeatRate: 0.5,
      subscriptionOrders: 1,
      subscriptionRevenue: 10,
      subscribers: 1,
      discountMatchedOrders: 2,
      customerConversionRate: 0.5,
    });
  });

  it('answers null for every ratio of an empty campaign, and zeros elsewhere', () => {
    const stats = computeStats(EMPTY_TOTALS);
    for (const key of ['roas', 'conversionRate', 'cpa', 'aov', 'firstPurchaseRoas', 'repeatRate', 'customerConversionRate'] as const) assert.equal(stats[key], null, key);
    assert.equal(stats.campaignRevenue, 0);
    assert.equal(stats.repeatOrders, 0);
  });

  it('handles each zero denominator on its own', () => {
    const noCost = computeStats({ ...EMPTY_TOTALS, mailersSent: 10, orders: 2, revenue: parseMoney('5'), firstOrders: 0, firstRevenue: 0n });
    assert.equal(noCost.roas, null);
    assert.equal(noCost.firstPurchaseRoas, null);
    assert.equal(noCost.cpa, 0);
    assert.equal(noCost.repeatRate, null, 'no first purchases');
    assert.equal(noCost.conversionRate, 0.2);
    const noOrders = computeStats({ ...EMPTY_TOTALS, mailersSent: 10, totalCost: parseMoney('3') });
    assert.equal(noOrders.cpa, null);
    assert.equal(noOrders.aov, null);
    assert.equal(noOrders.roas, 0);
    assert.equal(noOrders.conversionRate, 0);
  });

  it('filters by day range: from inclusive, to exclusive, ends optional', () => {
    const o = [orders('2024-01-01', 1, '1'), orders('2024-01-02', 2, '2'), orders('2024-01-03', 4, '4')];
    const s = [sends('2024-01-01', 10, '1'), sends('2024-01-03', 5, '0.5')];
    assert.equal(totalsInRange(o, s, { from: '2024-01-02', to: '2024-01-03' }).orders, 2);
    assert.equal(totalsInRange(o, s, { from: '2024-01-02', to: null }).orders, 6);
    assert.equal(totalsInRange(o, s, { from: null, to: '2024-01-03' }).mailersSent, 10);
    assert.equal(totalsInRange(o, s).totalCost, parseMoney('1.5'));
  });
});

describe('rolling series', () => {
  const o = [orders('2024-01-01', 1, '0.10', 1), orders('2024-01-03', 2, '0.20', 1, '0.10'), orders('2024-01-09', 1, '5.00', 0, '0')];
  const s = [sends('2024-01-01', 10, '1.0000'), sends('2024-01-02', 10, '1.0000')];

  it('has one row per day from the first send date to today, windows and cumulative sums exact', () => {
    const rows = rollingSeries(o, s, { firstSendDate: '2024-01-01', today: '2024-01-10', windowDays: 7 });
    assert.deepEqual(rows.map((r) => r.date), ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08', '2024-01-09', '2024-01-10']);
    const jan3 = rows[2];
    assert.equal(jan3.orders, 3);
    assert.equal(jan3.revenue, 0.3, '0.10 + 0.20 is exactly 0.3');
    assert.equal(jan3.mailersSent, 20);
    assert.equal(jan3.cost, 2);
    assert.equal(jan3.profit, -1.7);
    assert.equal(jan3.roas, 0.15);
    assert.equal(jan3.conversionRate, 3 / 20);
    assert.equal(jan3.ltv, 0.3 / 2);
    // 2024-01-09's 7-day window is 01-03 … 01-09: the 01-01 order and both sends fell out.
    const jan9 = rows[8];
    assert.deepEqual(
      { orders: jan9.orders, revenue: jan9.revenue, mailers: jan9.mailersSent, cost: jan9.cost, roas: jan9.roas, conversion: jan9.conversionRate, cpa: jan9.cpa },
      { orders: 3, revenue: 5.2, mailers: 0, cost: 0, roas: null, conversion: null, cpa: 0 },
    );
    assert.deepEqual(
      { orders: jan9.cumulativeOrders, revenue: jan9.cumulativeRevenue, cost: jan9.cumulativeCost, profit: jan9.cumulativeProfit, roas: jan9.cumulativeRoas, ltv: jan9.ltv },
      { orders: 4, revenue: 5.3, cost: 2, profit: 3.3, roas: 2.65, ltv: 5.3 / 2 },
    );
    const jan10 = rows[9];
    assert.equal(jan10.cumulativeOrders, 4, "today's cumulative values equal the totals");
  });

  it('uses windows of 1 day and counts orders before the first send date in the cumulative fields', () => {
    const early = [orders('2023-12-25', 1, '9.99'), ...o];
    const rows = rollingSeries(early, s, { firstSendDate: '2024-01-01', today: '2024-01-02', windowDays: 1 });
    assert.equal(rows[0].orders, 1);
    assert.equal(rows[0].cumulativeOrders, 2);
    assert.equal(rows[1].orders, 0);
    assert.equal(rows[1].aov, null);
  });

  it('reads the days in any order, and sums the rows of one day (the rows of a day read in no set order)', () => {
    const options = { firstSendDate: '2024-01-01', today: '2024-01-12', windowDays: 3 };
    const expected = rollingSeries(o, s, options);
    assert.deepEqual(rollingSeries([...o].reverse(), [...s].reverse(), options), expected);
    // 2024-01-03's two orders as two rows, and a send split in two, in no order.
    const split = [o[2], orders('2024-01-03', 1, '0.15', 1, '0.10'), o[0], orders('2024-01-03', 1, '0.05', 0, '0')];
    assert.deepEqual(rollingSeries(split, [sends('2024-01-02', 4, '0.4000'), s[0], sends('2024-01-02', 6, '0.6000')], options), expected);
  });

  it('is empty when nothing was mailed, and finds the first send date', () => {
    assert.deepEqual(rollingSeries(o, [], { firstSendDate: firstSendDateOf([]), today: '2024-01-10', windowDays: 30 }), []);
    assert.equal(firstSendDateOf([sends('2024-02-01', 1, '1'), sends('2024-01-15', 2, '1')]), '2024-01-15');
  });
});

describe('statsText', () => {
  it('quotes the key numbers, formatted for people, deterministically', () => {
    const stats = computeStats({ ...EMPTY_TOTALS, mailersSent: 12_345, totalCost: parseMoney('6789.5'), orders: 234, revenue: parseMoney('12345.67'), firstOrders: 200 });
    const text = describeStats(stats, { from: null, to: null });
    assert.equal(
      text,
      'In total, 12,345 mailers were sent at a cost of $6,789.50. They brought 234 attributed orders (a conversion rate of 1.90%) and $12,345.67 in revenue. ROAS was 1.82; CPA was $29.01.',
    );
    assert.equal(describeStats(stats, { from: null, to: null }), text);
    assert.match(describeStats(computeStats(EMPTY_TOTALS), { from: '2024-01-01', to: '2024-02-01' }), /^From 2024-01-01 to 2024-02-01 \(exclusive\), 0 mailers were sent.*no conversion rate.*ROAS cannot be computed without cost; CPA cannot be computed without orders\.$/);
  });
});
