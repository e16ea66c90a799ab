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

function addPoints(a: Point, b: Point): Point {
  return {
    mailers: a.mailers + b.mailers,
    cost: a.cost + b.cost,
    orders: a.orders + b.orders,
    revenue: a.revenue + b.revenue,
    firstOrders: a.firstOrders + b.firstOrders,
    firstRevenue: a.firstRevenue + b.firstRevenue,
  };
}

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

/** Running sums by day: `upTo(day)` is everything on or before `day`. */
class PrefixSums {
  private readonly days: string[] = [];
  private readonly sums: Point[] = [];

  constructor(orders: DailyOrders[], sends: DailySends[]) {
    const byDay = new Map<string, Point>();
    const at = (day: string) => byDay.get(day) ?? ZERO_POINT;
    for (const s of sends) byDay.set(s.day, addPoints(at(s.day), { ...ZERO_POINT, mailers: s.mailers, cost: s.cost }));
    for (const o of orders) {
      byDay.set(o.day, addPoints(at(o.day), { ...ZERO_POINT, orders: o.orders, revenue: o.revenue, firstOrders: o.firstOrders, firstRevenue: o.firstRevenue }));
    }
    let running = ZERO_POINT;
    for (const day of [...byDay.keys()].sort()) {
      running = addPoints(running, byDay.get(day)!);
      this.days.push(day);
      this.sums.push(running);
    }
  }

  upTo(day: string): Point {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? ZERO_POINT : this.sums[lo - 1];
  }
}

/**
 * One row per calendar day from `firstSendDate` to `today`, ascending; the row for day D
 * summarises D − windowDays + 1 … D, and its cumulative fields everything up to D. No first
 * send date (nothing mailed): no rows.
 */
export function rollingSeries(
  orders: DailyOrders[],
  sends: DailySends[],
  options: { firstSendDate: string | null; today: string; windowDays: number },
): RollingStatsRow[] {
  const { firstSendDate, today, windowDays } = options;
  if (firstSendDate === null || firstSendDate > today) return [];
  const prefix = new PrefixSums(orders, sends);
  const rows: RollingStatsRow[] = [];
  // The day windowDays before row i is row i − windowDays's day once there is one (a response
  // holds a row per day of the campaign's life: half the date arithmetic).
  const days: string[] = [];
  for (let day = firstSendDate; day <= today; day = addDays(day, 1)) {
    days.push(day);
    const before = days.length > windowDays ? days[days.length - 1 - windowDays] : addDays(day, -windowDays);
    const cumulative = prefix.upTo(day);
    const window = subtractPoints(cumulative, prefix.upTo(before));
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
