import type { DataSource } from 'typeorm';
import { dbOf } from '../db/db';
import { dateBoundsProblem, isLocalDate } from '../dates';
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
  type DayRange,
  type RollingStatsRow,
  type Stats,
} from './stats.formulas';
import { StatsRepository, type DailyOrdersRow, type ExperimentTotalsRow, type RecipientGroupRow } from './stats.repository';
import { describeStats } from './stats-text';

export type StatsSource = 'AGGREGATES' | 'RAW';

export interface StatsOptions {
  range: DayRange;
  source: StatsSource;
}

export interface StatsResponseData extends Performance {
  stats: Stats;
  experimentResults: ExperimentRow[];
  rollingMonthlyStats: RollingStatsRow[];
  lastRollingMonthStats: RollingStatsRow | null;
  lastDelta7Stats: RollingStatsRow | null;
  firstSendDate: string | null;
  lastRefreshed: Date;
  statsText: string;
}

/** Recipients of a scope by group: mailed (the TEST group), all treatment, holdout. */
interface RecipientCounts {
  mailed: number;
  mailedCost: Money;
  treatment: number;
  holdout: number;
}

/** One scope's inputs: treatment-side daily orders, sends, recipient counts, experiment totals. */
interface Series {
  orders: DailyOrders[];
  sends: DailySends[];
  recipients: RecipientCounts;
  /** The campaign's settings and per-side totals (null for the organisation). */
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

function toDailyOrders(row: DailyOrdersRow): DailyOrders {
  return {
    day: row.day,
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

/**
 * Stats generation (spec §4, §6): the aggregate path reads the daily buckets, the raw path the
 * attributions; both feed the same pure formulas. A batch of campaigns costs a fixed number of
 * statements, whatever its size.
 */
export class StatsService {
  constructor(private readonly dataSource: DataSource) {}

  private async clock(orgId: string): Promise<{ timezone: string; today: string }> {
    const clock = await new StatsRepository(dbOf(this.dataSource)).organizationClock(orgId);
    if (!clock) throw notFound('Organization', orgId);
    return clock;
  }

  /** Series per campaign (or of the whole organisation when `campaignIds` is null, keyed ''). */
  private async series(orgId: string, timezone: string, campaignIds: string[] | null, source: StatsSource): Promise<Map<string, Series>> {
    const repository = new StatsRepository(dbOf(this.dataSource));
    const [orderRows, recipientRows, experimentRows] = await Promise.all([
      source === 'RAW' ? repository.dailyOrdersFromRaw(orgId, timezone, campaignIds) : repository.dailyOrdersFromBuckets(orgId, campaignIds),
      source === 'RAW' ? repository.recipientGroups(orgId, campaignIds) : repository.recipientGroupsFromSummary(orgId, campaignIds),
      campaignIds === null ? Promise.resolve(null) : source === 'RAW' ? repository.experimentTotalsFromRaw(orgId, campaignIds) : repository.experimentTotalsFromBuckets(orgId, campaignIds),
    ]);
    const key = (campaignId: string) => (campaignIds === null ? '' : campaignId);
    const byScope = new Map<string, Series>(
      (campaignIds ?? ['']).map((id) => [
        id,
        { orders: [], sends: [], recipients: { mailed: 0, mailedCost: ZERO, treatment: 0, holdout: 0 }, experiment: experimentRows === null ? null : [] },
      ]),
    );
    for (const row of orderRows) byScope.get(key(row.campaign_id))?.orders.push(toDailyOrders(row));
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

  private respond(series: Series, today: string, options: StatsOptions): StatsResponseData {
    const stats = computeStats(totalsInRange(series.orders, series.sends, options.range));
    const whole = options.range.from === null && options.range.to === null ? stats : computeStats(totalsInRange(series.orders, series.sends));
    const experiment = experimentOf(series);
    const firstSendDate = firstSendDateOf(series.sends);
    const monthly = rollingSeries(series.orders, series.sends, { firstSendDate, today, windowDays: ROLLING_WINDOW_DAYS });
    // Only the weekly series' last row is served: computed alone (a row depends on its day only).
    const weekly = rollingSeries(series.orders, series.sends, { firstSendDate: firstSendDate !== null && firstSendDate < today ? today : firstSendDate, today, windowDays: DELTA_WINDOW_DAYS });
    return {
      stats,
      rollingMonthlyStats: monthly,
      lastRollingMonthStats: monthly.at(-1) ?? null,
      lastDelta7Stats: weekly.at(-1) ?? null,
      firstSendDate,
      lastRefreshed: new Date(),
      statsText: describeStats(stats, options.range),
      experimentResults: experiment ?? [],
      ...performanceOf(whole, experiment),
    };
  }

  /** Stats of each campaign of `campaignIds` (all the organisation's), in 4 statements. */
  async forCampaigns(orgId: string, campaignIds: string[], options: StatsOptions): Promise<Map<string, StatsResponseData>> {
    checkRange(options.range);
    const { timezone, today } = await this.clock(orgId);
    const series = await this.series(orgId, timezone, campaignIds, options.source);
    return new Map(campaignIds.map((id) => [id, this.respond(series.get(id)!, today, options)]));
  }

  async campaignStats(orgId: string, campaignId: string, options: StatsOptions): Promise<StatsResponseData> {
    checkRange(options.range);
    const campaign = isUuid(campaignId) ? await new CampaignRepository(dbOf(this.dataSource)).findById(orgId, campaignId) : null;
    if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
    return (await this.forCampaigns(orgId, [campaignId], options)).get(campaignId)!;
  }

  /** The same numbers over all of the organisation's campaigns. */
  async orgStats(orgId: string, options: StatsOptions): Promise<StatsResponseData> {
    checkRange(options.range);
    const { timezone, today } = await this.clock(orgId);
    const series = await this.series(orgId, timezone, null, options.source);
    return this.respond(series.get('')!, today, options);
  }

  /** The rolling series of a campaign (or of the organisation) with any window of 1–365 days. */
  async rollingStats(orgId: string, campaignId: string | null, windowDays: number): Promise<RollingStatsRow[]> {
    checkWindowDays(windowDays);
    if (campaignId !== null) {
      const campaign = isUuid(campaignId) ? await new CampaignRepository(dbOf(this.dataSource)).findById(orgId, campaignId) : null;
      if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
    }
    const { timezone, today } = await this.clock(orgId);
    const series = (await this.series(orgId, timezone, campaignId === null ? null : [campaignId], 'AGGREGATES')).get(campaignId ?? '')!;
    return rollingSeries(series.orders, series.sends, { firstSendDate: firstSendDateOf(series.sends), today, windowDays });
  }
}
