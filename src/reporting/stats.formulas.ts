import { addDays } from '../dates';
import { countRatio, moneyPer, moneyRatio, moneyToNumber, ZERO, type Money } from './money';

/**
 * The reporting arithmetic of spec §4 and §11 as pure functions over daily series: both
 * generation paths (daily buckets and raw attributions) produce the same series shape, and
 * every number is computed here, once. Treatment side only; money exact until the end; a
 * ratio with a zero denominator is null.
 */

/** The treatment side's orders of one local day (from buckets or from raw attributions). */
export interface DailyOrders {
  day: string;
  orders: number;
  revenue: Money;
  firstOrders: number;
  firstRevenue: Money;
  subscriptionOrders: number;
  subscriptionRevenue: Money;
  subscribers: number;
  discountMatchedOrders: number;
}

/** Mailed recipients and their cost, by send date. */
export interface DailySends {
  day: string;
  mailers: number;
  cost: Money;
}

/** The orders of a period (the daily fields summed) and its mailers and their cost. */
export interface StatsTotals extends Omit<DailyOrders, 'day'> {
  mailersSent: number;
  totalCost: Money;
}

export interface Stats {
  mailersSent: number;
  campaignOrders: number;
  campaignRevenue: number;
  totalCost: number;
  roas: number | null;
  conversionRate: number | null;
  cpa: number | null;
  aov: number | null;
  firstPurchaseOrders: number;
  firstPurchaseRevenue: number;
  firstPurchaseRoas: number | null;
  repeatOrders: number;
  repeatRevenue: number;
  repeatRate: number | null;
  subscriptionOrders: number;
  subscriptionRevenue: number;
  subscribers: number;
  discountMatchedOrders: number;
  customerConversionRate: number | null;
}

export interface RollingStatsRow {
  date: string;
  windowDays: number;
  mailersSent: number;
  orders: number;
  revenue: number;
  cost: number;
  profit: number;
  roas: number | null;
  cpa: number | null;
  conversionRate: number | null;
  aov: number | null;
  firstPurchaseOrders: number;
  firstPurchaseRevenue: number;
  firstPurchaseRoas: number | null;
  ltv: number | null;
  cumulativeOrders: number;
  cumulativeRevenue: number;
  cumulativeCost: number;
  cumulativeProfit: number;
  cumulativeRoas: number | null;
}

/** A half-open range of local days: from inclusive, to exclusive; either end optional. */
export interface DayRange {
  from: string | null;
  to: string | null;
}

export const EMPTY_TOTALS: StatsTotals = {
  mailersSent: 0,
  totalCost: ZERO,
  orders: 0,
  revenue: ZERO,
  firstOrders: 0,
  firstRevenue: ZERO,
  subscriptionOrders: 0,
  subscriptionRevenue: ZERO,
  subscribers: 0,
  discountMatchedOrders: 0,
};

export function inRange(day: string, range: DayRange): boolean {
  return (range.from === null || day >= range.from) && (range.to === null || day < range.to);
}

/** Totals of the orders and sends whose day falls in `range`. */
export function totalsInRange(orders: DailyOrders[], sends: DailySends[], range: DayRange = { from: null, to: null }): StatsTotals {
  const totals = { ...EMPTY_TOTALS };
  for (const s of sends) {
    if (!inRange(s.day, range)) continue;
    totals.mailersSent += s.mailers;
    totals.totalCost += s.cost;
  }
  for (const o of orders) {
    if (!inRange(o.day, range)) continue;
    totals.orders += o.orders;
    totals.revenue += o.revenue;
    totals.firstOrders += o.firstOrders;
    totals.firstRevenue += o.firstRevenue;
    totals.subscriptionOrders += o.subscriptionOrders;
    totals.subscriptionRevenue += o.subscriptionRevenue;
    totals.subscribers += o.subscribers;
    totals.discountMatchedOrders += o.discountMatchedOrders;
  }
  return totals;
}

/** The 19 stats of spec §4 from exact totals. */
export function computeStats(t: StatsTotals): Stats {
  const repeatOrders = t.orders - t.firstOrders;
  return {
    mailersSent: t.mailersSent,
    campaignOrders: t.orders,
    campaignRevenue: moneyToNumber(t.revenue),
    totalCost: moneyToNumber(t.totalCost),
    roas: moneyRatio(t.revenue, t.totalCost),
    conversionRate: countRatio(t.orders, t.mailersSent),
    cpa: moneyPer(t.totalCost, t.orders),
    aov: moneyPer(t.revenue, t.orders),
    firstPurchaseOrders: t.firstOrders,
    firstPurchaseRevenue: moneyToNumber(t.firstRevenue),
    firstPurchaseRoas: moneyRatio(t.firstRevenue, t.totalCost),
    repeatOrders,
    repeatRevenue: moneyToNumber(t.revenue - t.firstRevenue),
    repeatRate: countRatio(repeatOrders, t.firstOrders),
    subscriptionOrders: t.subscriptionOrders,
    subscriptionRevenue: moneyToNumber(t.subscriptionRevenue),
    subscribers: t.subscribers,
    discountMatchedOrders: t.discountMatchedOrders,
    customerConversionRate: countRatio(t.firstOrders, t.mailersSent),
  };
}

interface Point {
  mailers: number;
  cost: Money;
  orders: number;
  revenue: Money;
  firstOrders: number;
  firstRevenue: Money;
}

const ZERO_POINT: Point = { mailers: 0, cost: ZERO, orders: 0, revenue: ZERO, firstOrders: 0, firstRevenue: ZERO };

function subtractPoints(a: Point, b: Point): Point {
  return {
    mailers: a.mailers - b.mailers,
    cost: a.cost - b.cost,
    orders: a.orders - b.orders,
    revenue: a.revenue - b.revenue,
    firstOrders: a.firstOrders - b.firstOrders,
    firstRevenue: a.firstRevenue - b.firstRevenue,
  };
}

/** What a rolling series reads of a day's orders (the other daily sums feed the stats block only). */
export type RollingDay = Pick<DailyOrders, 'day' | 'orders' | 'revenue' | 'firstOrders' | 'firstRevenue'>;

const byDay = (a: { day: string }, b: { day: string }) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);

/** The rows in day order (rows read by a campaign's key come sorted: no copy then). */
function sortedByDay<T extends { day: string }>(rows: readonly T[]): readonly T[] {
  for (let i = 1; i < rows.length; i += 1) if (rows[i - 1].day > rows[i].day) return [...rows].sort(byDay);
  return rows;
}

/**
 * Running sums by day (read through `walker()`), built in one merge of the day-ordered orders
 * and sends, one point per day: a rolling series reads every day of a campaign's history, so
 * each day read costs a few additions and no more.
 */
class PrefixSums {
  private readonly days: string[] = [];
  private readonly sums: Point[] = [];

  constructor(orders: readonly RollingDay[], sends: readonly DailySends[]) {
    const o = sortedByDay(orders);
    const s = sortedByDay(sends);
    let mailers = 0;
    let cost = ZERO;
    let count = 0;
    let revenue = ZERO;
    let firstOrders = 0;
    let firstRevenue = ZERO;
    let i = 0;
    let j = 0;
    while (i < o.length || j < s.length) {
      const day = j >= s.length || (i < o.length && o[i].day < s[j].day) ? o[i].day : s[j].day;
      for (; j < s.length && s[j].day === day; j += 1) {
        mailers += s[j].mailers;
        cost += s[j].cost;
      }
      for (; i < o.length && o[i].day === day; i += 1) {
        count += o[i].orders;
        revenue += o[i].revenue;
        firstOrders += o[i].firstOrders;
        firstRevenue += o[i].firstRevenue;
      }
      this.days.push(day);
      this.sums.push({ mailers, cost, orders: count, revenue, firstOrders, firstRevenue });
    }
  }

  /** Everything on or before a day, for days asked in non-decreasing order (a walk forward, no search per day). */
  walker(): (day: string) => Point {
    let next = 0;
    return (day) => {
      while (next < this.days.length && this.days[next] <= day) next += 1;
      return next === 0 ? ZERO_POINT : this.sums[next - 1];
    };
  }
}

/**
 * One row per calendar day from `firstSendDate` to `today`, ascending; the row for day D
 * summarises D − windowDays + 1 … D, and its cumulative fields everything up to D. No first
 * send date (nothing mailed): no rows.
 */
export function rollingSeries(
  orders: readonly RollingDay[],
  sends: readonly DailySends[],
  options: { firstSendDate: string | null; today: string; windowDays: number },
): RollingStatsRow[] {
  const { firstSendDate, today, windowDays } = options;
  if (firstSendDate === null || firstSendDate > today) return [];
  const prefix = new PrefixSums(orders, sends);
  // Both the day and the day windowDays before it only move forward.
  const upToDay = prefix.walker();
  const upToBefore = prefix.walker();
  const rows: RollingStatsRow[] = [];
  // The day windowDays before row i is row i − windowDays's day once there is one (a response
  // holds a row per day of the campaign's life: half the date arithmetic).
  const days: string[] = [];
  for (let day = firstSendDate; day <= today; day = addDays(day, 1)) {
    days.push(day);
    const before = days.length > windowDays ? days[days.length - 1 - windowDays] : addDays(day, -windowDays);
    const cumulative = upToDay(day);
    const window = subtractPoints(cumulative, upToBefore(before));
    rows.push({
      date: day,
      windowDays,
      mailersSent: window.mailers,
      orders: window.orders,
      revenue: moneyToNumber(window.revenue),
      cost: moneyToNumber(window.cost),
      profit: moneyToNumber(window.revenue - window.cost),
      roas: moneyRatio(window.revenue, window.cost),
      cpa: moneyPer(window.cost, window.orders),
      conversionRate: countRatio(window.orders, window.mailers),
      aov: moneyPer(window.revenue, window.orders),
      firstPurchaseOrders: window.firstOrders,
      firstPurchaseRevenue: moneyToNumber(window.firstRevenue),
      firstPurchaseRoas: moneyRatio(window.firstRevenue, window.cost),
      ltv: moneyPer(cumulative.revenue, cumulative.firstOrders),
      cumulativeOrders: cumulative.orders,
      cumulativeRevenue: moneyToNumber(cumulative.revenue),
      cumulativeCost: moneyToNumber(cumulative.cost),
      cumulativeProfit: moneyToNumber(cumulative.revenue - cumulative.cost),
      cumulativeRoas: moneyRatio(cumulative.revenue, cumulative.cost),
    });
  }
  return rows;
}

/** The earliest send date among the sends, or null. */
export function firstSendDateOf(sends: DailySends[]): string | null {
  let first: string | null = null;
  for (const s of sends) if (s.mailers > 0 && (first === null || s.day < first)) first = s.day;
  return first;
}
