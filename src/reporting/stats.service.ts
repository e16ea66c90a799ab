import type { DataSource } from 'typeorm';
import { dbOf } from '../db/db';
import { addDays, dateBoundsProblem, isLocalDate } from '../dates';
import { notFound, ProblemList } from '../errors';
import { isUuid } from '../organizations/organization.service';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { experimentResults, type ExperimentRow, type GroupTotals } from './experiments/experiment.results';
import { parseMoney, ZERO, type Money } from './money';
import { performanceOf, type Performance } from './experiments/performance';
import {
  computeStats,
  firstSendDateOf,
  rollingSeries,
  totalsInRange,
  type DailyOrders,
  type DailySends,
  type RollingDay,
  type DayRange,
  type RollingStatsRow,
  type Stats,
  type StatsTotals,
} from './stats.formulas';
import { StatsRepository, type ExperimentTotalsRow, type OrderSumsRow, type OrderTotalsRow, type RecipientGroupRow, type RollingDayRow } from './stats.repository';
import { describeStats } from './stats-text';

export type StatsSource = 'AGGREGATES' | 'RAW';

export interface StatsOptions {
  range: DayRange;
  source: StatsSource;
}

/** The stats block and what derives from the whole-campaign totals (no daily series needed). */
export interface StatsSummary extends Performance {
  stats: Stats;
  experimentResults: ExperimentRow[];
}

/** The stats block in words (from the same totals; a part of its own, as a campaign table shows no text). */
export interface StatsText {
  statsText: string;
}

/** Today's rows: the last 30 days' buckets and the totals suffice. */
export interface StatsLatest {
  lastRollingMonthStats: RollingStatsRow | null;
  lastDelta7Stats: RollingStatsRow | null;
  firstSendDate: string | null;
}

/** The rolling series: a row per day of the campaign's life, so every day's bucket. */
export interface StatsRolling {
  rollingMonthlyStats: RollingStatsRow[];
}

export interface StatsResponseData extends StatsSummary, StatsText, StatsLatest, StatsRolling {
  lastRefreshed: Date;
}

/**
 * The parts of a StatsResponse, each computed only when asked for (a campaign list showing the
 * stats block reads no daily series); a whole response is every part.
 */
export type StatsPart = 'summary' | 'text' | 'latest' | 'rolling';
export const EVERY_PART: ReadonlySet<StatsPart> = new Set<StatsPart>(['summary', 'text', 'latest', 'rolling']);

export function isEveryPart(parts: ReadonlySet<StatsPart>): boolean {
  return [...EVERY_PART].every((part) => parts.has(part));
}

/** The parts asked for (at least), and when they were computed. */
export type PartialStatsResponse = Partial<StatsResponseData> & { lastRefreshed: Date };

/** Recipients of a scope by group: mailed (the TEST group), all treatment, holdout. */
interface RecipientCounts {
  mailed: number;
  mailedCost: Money;
  treatment: number;
  holdout: number;
}

type OrderSums = Omit<DailyOrders, 'day'>;

/** The treatment side's order sums over the whole history and within the range. */
interface OrderTotals {
  whole: OrderSums;
  inRange: OrderSums;
}

/** One scope's inputs, each read only when a part asked for needs it. */
interface Series {
  /** Every day (rolling), the days after `windowStart` (latest alone), or none. */
  orders: RollingDay[];
  sends: DailySends[];
  recipients: RecipientCounts;
  totals: OrderTotals;
  /** The campaign's settings and per-side totals (null for the organisation or without the summary). */
  experiment: ExperimentTotalsRow[] | null;
}

function sideTotals(rows: ExperimentTotalsRow[], isHoldout: boolean, recipients: number): Record<'FIRST_ORDER' | 'ALL_ORDERS', GroupTotals> {
  const row = rows.find((r) => r.is_holdout === isHoldout);
  return {
    FIRST_ORDER: { recipients, orders: Number(row?.first_orders ?? 0), converters: Number(row?.converters_first ?? 0), revenue: parseMoney(row?.first_revenue) },
    ALL_ORDERS: { recipients, orders: Number(row?.orders ?? 0), converters: Number(row?.converters_all ?? 0), revenue: parseMoney(row?.revenue) },
  };
}

/** Experiment rows when the campaign is an experiment (holdout enabled, a holdout recipient). */
function experimentOf(series: Series): ExperimentRow[] | null {
  const rows = series.experiment;
  if (!rows || !rows[0]?.holdout_enabled || series.recipients.holdout === 0) return null;
  const test = sideTotals(rows, false, series.recipients.mailed);
  const control = sideTotals(rows, true, series.recipients.holdout);
  return experimentResults({
    holdoutPercent: rows[0].holdout_percent,
    cost: series.recipients.mailedCost,
    treatmentRecipients: series.recipients.treatment,
    holdoutRecipients: series.recipients.holdout,
    groups: {
      FIRST_ORDER: { test: test.FIRST_ORDER, control: control.FIRST_ORDER },
      ALL_ORDERS: { test: test.ALL_ORDERS, control: control.ALL_ORDERS },
    },
  });
}

export const ROLLING_WINDOW_DAYS = 30;
export const DELTA_WINDOW_DAYS = 7;

function toSums(row: OrderSumsRow): OrderSums {
  return {
    orders: Number(row.orders),
    revenue: parseMoney(row.revenue),
    firstOrders: Number(row.first_orders),
    firstRevenue: parseMoney(row.first_revenue),
    subscriptionOrders: Number(row.subscription_orders),
    subscriptionRevenue: parseMoney(row.subscription_revenue),
    subscribers: Number(row.subscribers),
    discountMatchedOrders: Number(row.discount_matched_orders),
  };
}

function toRollingDay(row: RollingDayRow): RollingDay {
  return { day: row.day, orders: Number(row.orders), revenue: parseMoney(row.revenue), firstOrders: Number(row.first_orders), firstRevenue: parseMoney(row.first_revenue) };
}

function toTotals(row: OrderTotalsRow | undefined): OrderTotals {
  if (!row) return { whole: EMPTY_SUMS, inRange: EMPTY_SUMS };
  const whole = toSums(row);
  // No in-range columns: the range is unbounded, the whole history.
  if (row.in_range_orders === undefined) return { whole, inRange: whole };
  const inRange: OrderSumsRow = {
    orders: row.in_range_orders,
    revenue: row.in_range_revenue!,
    first_orders: row.in_range_first_orders!,
    first_revenue: row.in_range_first_revenue!,
    subscription_orders: row.in_range_subscription_orders!,
    subscription_revenue: row.in_range_subscription_revenue!,
    subscribers: row.in_range_subscribers!,
    discount_matched_orders: row.in_range_discount_matched_orders!,
  };
  return { whole, inRange: toSums(inRange) };
}

const EMPTY_SUMS: OrderSums = toSums({
  orders: '0',
  revenue: '0',
  first_orders: '0',
  first_revenue: '0',
  subscription_orders: '0',
  subscription_revenue: '0',
  subscribers: '0',
  discount_matched_orders: '0',
});

/** Order sums plus the sends within `range`: the totals the stats block is computed from. */
function withSends(sums: OrderSums, sends: DailySends[], range: DayRange): StatsTotals {
  const { mailersSent, totalCost } = totalsInRange([], sends, range);
  return { ...sums, mailersSent, totalCost };
}

/**
 * The days after `windowStart` plus one row on `windowStart` carrying everything up to it
 * (the whole totals less those days): the same running sums from `windowStart` on as the full
 * daily series, so today's 30- and 7-day rows and their cumulative fields come out identical.
 */
function withCarry(windowStart: string, recent: RollingDay[], whole: OrderSums): RollingDay[] {
  const carry: RollingDay = { day: windowStart, orders: whole.orders, revenue: whole.revenue, firstOrders: whole.firstOrders, firstRevenue: whole.firstRevenue };
  for (const day of recent) {
    carry.orders -= day.orders;
    carry.revenue -= day.revenue;
    carry.firstOrders -= day.firstOrders;
    carry.firstRevenue -= day.firstRevenue;
  }
  return [carry, ...recent];
}

/** Mailed recipients only (treatment side with a send date); null for any other group. */
function toSend(row: RecipientGroupRow): DailySends | null {
  if (row.is_holdout || row.send_date === null) return null;
  return { day: row.send_date, mailers: Number(row.recipients), cost: parseMoney(row.cost) };
}

/** Validates a stats date range (spec §4: from inclusive, to exclusive). */
export function checkRange(range: DayRange, fields = { from: 'fromDate', to: 'toDate' }): void {
  const problems = new ProblemList();
  if (range.from !== null && !isLocalDate(range.from)) problems.add(fields.from, 'must be a date written YYYY-MM-DD');
  else if (range.from !== null) problems.check(fields.from, dateBoundsProblem(range.from));
  if (range.to !== null && !isLocalDate(range.to)) problems.add(fields.to, 'must be a date written YYYY-MM-DD');
  else if (range.to !== null) problems.check(fields.to, dateBoundsProblem(range.to));
  if (problems.isEmpty && range.from !== null && range.to !== null && range.from >= range.to) problems.add(fields.to, `must be after ${fields.from} (the range excludes ${fields.to})`);
  problems.throwIfAny();
}

export function checkWindowDays(windowDays: number): void {
  const problems = new ProblemList();
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365) problems.add('windowDays', 'must be a whole number from 1 to 365');
  problems.throwIfAny();
}

/** Which reads the parts need (the clock and the recipients always). */
function readsFor(parts: ReadonlySet<StatsPart>, scope: 'campaigns' | 'organization') {
  /** Every day for the rolling series; the window's days alone when only today's rows are asked for. */
  const days = parts.has('rolling') ? ('all' as const) : parts.has('latest') ? ('window' as const) : null;
  const needsTotals = parts.has('summary') || parts.has('text') || parts.has('latest');
  return {
    days,
    // PostgreSQL sums the totals (the kept per-campaign totals for whole campaigns, a campaign's
    // with its experiment totals in the same statement): the days carry only what a rolling
    // series reads, and a campaign's stats block costs the same whatever its days.
    totals: needsTotals,
    experiment: parts.has('summary') && scope === 'campaigns',
  };
}

/** The 30-day window ending today starts after this day (its running sums are carried on it). */
const windowStartOf = (today: string) => addDays(today, -ROLLING_WINDOW_DAYS);

/** The stats block of the range. */
const statsOf = (series: Series, range: DayRange): Stats => computeStats(withSends(series.totals.inRange, series.sends, range));

function summaryOf(series: Series, range: DayRange, stats: Stats): StatsSummary {
  const whole = range.from === null && range.to === null ? stats : computeStats(withSends(series.totals.whole, series.sends, { from: null, to: null }));
  const experiment = experimentOf(series);
  return { stats, experimentResults: experiment ?? [], ...performanceOf(whole, experiment) };
}

/** Today's 30- and 7-day rows, each computed alone (a row depends on its day only). */
function latestOf(orders: RollingDay[], sends: DailySends[], today: string): StatsLatest {
  const firstSendDate = firstSendDateOf(sends);
  const from = firstSendDate !== null && firstSendDate < today ? today : firstSendDate;
  const lastRow = (windowDays: number) => rollingSeries(orders, sends, { firstSendDate: from, today, windowDays }).at(-1) ?? null;
  return { firstSendDate, lastRollingMonthStats: lastRow(ROLLING_WINDOW_DAYS), lastDelta7Stats: lastRow(DELTA_WINDOW_DAYS) };
}

/** The parts asked for of one scope. */
function respond(series: Series, today: string, range: DayRange, parts: ReadonlySet<StatsPart>, days: 'all' | 'window' | null): PartialStatsResponse {
  const response: PartialStatsResponse = { lastRefreshed: new Date() };
  if (parts.has('summary') || parts.has('text')) {
    const stats = statsOf(series, range);
    if (parts.has('summary')) Object.assign(response, summaryOf(series, range, stats));
    if (parts.has('text')) response.statsText = describeStats(stats, range);
  }
  if (parts.has('latest')) {
    const orders = days === 'all' ? series.orders : withCarry(windowStartOf(today), series.orders, series.totals.whole);
    Object.assign(response, latestOf(orders, series.sends, today));
  }
  if (parts.has('rolling')) {
    response.rollingMonthlyStats = rollingSeries(series.orders, series.sends, { firstSendDate: firstSendDateOf(series.sends), today, windowDays: ROLLING_WINDOW_DAYS });
  }
  return response;
}

/**
 * Stats generation (spec §4, §6): the aggregate path reads the daily buckets, the raw path the
 * attributions; both feed the same pure formulas. A response is read in parts (the stats block
 * from per-campaign totals summed by PostgreSQL, today's rows from the last 30 days' buckets,
 * the rolling series from every day's), each only when asked for; a batch of campaigns costs
 * a fixed number of statements, whatever its size. The reads of one response are separate
 * statements (not one snapshot), as they always were.
 */
export class StatsService {
  constructor(private readonly dataSource: DataSource) {}

  private async clock(orgId: string): Promise<{ timezone: string; today: string }> {
    const clock = await new StatsRepository(dbOf(this.dataSource)).organizationClock(orgId);
    if (!clock) throw notFound('Organization', orgId);
    return clock;
  }

  /** Series per campaign (or of the whole organisation when `campaignIds` is null, keyed ''), with what `parts` need. */
  private async series(orgId: string, clock: { timezone: string; today: string }, campaignIds: string[] | null, options: StatsOptions, parts: ReadonlySet<StatsPart>): Promise<Map<string, Series>> {
    const repository = new StatsRepository(dbOf(this.dataSource));
    const raw = options.source === 'RAW';
    const { timezone } = clock;
    const reads = readsFor(parts, campaignIds === null ? 'organization' : 'campaigns');
    const after = reads.days === 'window' ? windowStartOf(clock.today) : null;
    const totalsAndExperiment = async (): Promise<{ totals: OrderTotalsRow[]; experiment: ExperimentTotalsRow[] | null }> => {
      const experiment = () => (!reads.experiment || campaignIds === null ? null : raw ? repository.experimentTotalsFromRaw(orgId, campaignIds) : repository.experimentTotalsFromBuckets(orgId, campaignIds));
      if (!reads.totals) return { totals: [], experiment: await experiment() };
      if (campaignIds === null) {
        return { totals: raw ? await repository.orderTotalsFromRaw(orgId, timezone, null, options.range) : await repository.orderTotalsFromBuckets(orgId, null, options.range), experiment: null };
      }
      if (!raw) return repository.campaignTotalsFromBuckets(orgId, campaignIds, options.range);
      const [totals, experimentRows] = await Promise.all([repository.orderTotalsFromRaw(orgId, timezone, campaignIds, options.range), experiment()]);
      return { totals, experiment: experimentRows };
    };
    const [orderRows, { totals: totalRows, experiment: experimentRows }, recipientRows] = await Promise.all([
      reads.days === null ? [] : raw ? repository.rollingDaysFromRaw(orgId, timezone, campaignIds, after) : repository.rollingDaysFromBuckets(orgId, campaignIds, after),
      totalsAndExperiment(),
      raw ? repository.recipientGroups(orgId, campaignIds) : repository.recipientGroupsFromSummary(orgId, campaignIds),
    ]);
    // Rows of the only campaign asked for may carry no id (rollingDaysFromBuckets).
    const only = campaignIds === null ? '' : campaignIds.length === 1 ? campaignIds[0] : null;
    const key = (campaignId: string | null) => only ?? campaignId!;
    const totals = new Map(totalRows.map((row) => [key(row.campaign_id), row]));
    const byScope = new Map<string, Series>(
      (campaignIds ?? ['']).map((id) => [
        id,
        { orders: [], sends: [], recipients: { mailed: 0, mailedCost: ZERO, treatment: 0, holdout: 0 }, totals: toTotals(totals.get(id)), experiment: experimentRows === null ? null : [] },
      ]),
    );
    const onlyOrders = only === null ? null : byScope.get(only)!.orders;
    for (const row of orderRows) (onlyOrders ?? byScope.get(key(row.campaign_id))?.orders)?.push(toRollingDay(row));
    for (const row of recipientRows) {
      const scope = byScope.get(key(row.campaign_id));
      if (!scope) continue;
      const count = Number(row.recipients);
      if (row.is_holdout) scope.recipients.holdout += count;
      else scope.recipients.treatment += count;
      const send = toSend(row);
      if (send) {
        scope.sends.push(send);
        scope.recipients.mailed += send.mailers;
        scope.recipients.mailedCost += send.cost;
      }
    }
    for (const row of experimentRows ?? []) byScope.get(row.campaign_id)?.experiment?.push(row);
    return byScope;
  }

  /** The parts asked for of each campaign of `campaignIds`, in at most 4 statements (from the buckets) whatever their number. */
  async forCampaignsParts(orgId: string, campaignIds: string[], options: StatsOptions, parts: ReadonlySet<StatsPart>): Promise<Map<string, PartialStatsResponse>> {
    checkRange(options.range);
    const clock = await this.clock(orgId);
    const series = await this.series(orgId, clock, campaignIds, options, parts);
    const days = readsFor(parts, 'campaigns').days;
    return new Map(campaignIds.map((id) => [id, respond(series.get(id)!, clock.today, options.range, parts, days)]));
  }

  /** Whole responses (every part) of each campaign of `campaignIds` (all the organisation's). */
  async forCampaigns(orgId: string, campaignIds: string[], options: StatsOptions): Promise<Map<string, StatsResponseData>> {
    return (await this.forCampaignsParts(orgId, campaignIds, options, EVERY_PART)) as Map<string, StatsResponseData>;
  }

  async campaignStats(orgId: string, campaignId: string, options: StatsOptions): Promise<StatsResponseData> {
    return (await this.campaignStatsParts(orgId, campaignId, options, EVERY_PART)) as StatsResponseData;
  }

  async campaignStatsParts(orgId: string, campaignId: string, options: StatsOptions, parts: ReadonlySet<StatsPart>): Promise<PartialStatsResponse> {
    checkRange(options.range);
    const campaign = isUuid(campaignId) ? await new CampaignRepository(dbOf(this.dataSource)).findById(orgId, campaignId) : null;
    if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
    return (await this.forCampaignsParts(orgId, [campaignId], options, parts)).get(campaignId)!;
  }

  /** The same numbers over all of the organisation's campaigns. */
  async orgStats(orgId: string, options: StatsOptions): Promise<StatsResponseData> {
    return (await this.orgStatsParts(orgId, options, EVERY_PART)) as StatsResponseData;
  }

  async orgStatsParts(orgId: string, options: StatsOptions, parts: ReadonlySet<StatsPart>): Promise<PartialStatsResponse> {
    checkRange(options.range);
    const clock = await this.clock(orgId);
    const series = await this.series(orgId, clock, null, options, parts);
    return respond(series.get('')!, clock.today, options.range, parts, readsFor(parts, 'organization').days);
  }

  /** The rolling series of a campaign (or of the organisation) with any window of 1–365 days. */
  async rollingStats(orgId: string, campaignId: string | null, windowDays: number): Promise<RollingStatsRow[]> {
    checkWindowDays(windowDays);
    if (campaignId !== null) {
      const campaign = isUuid(campaignId) ? await new CampaignRepository(dbOf(this.dataSource)).findById(orgId, campaignId) : null;
      if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
    }
    const clock = await this.clock(orgId);
    const options: StatsOptions = { range: { from: null, to: null }, source: 'AGGREGATES' };
    const series = (await this.series(orgId, clock, campaignId === null ? null : [campaignId], options, new Set<StatsPart>(['rolling']))).get(campaignId ?? '')!;
    return rollingSeries(series.orders, series.sends, { firstSendDate: firstSendDateOf(series.sends), today: clock.today, windowDays });
  }
}
