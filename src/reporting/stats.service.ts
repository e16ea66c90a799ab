import type { DataSource } from 'typeorm';
import { dbOf } from '../db/db';
import { isLocalDate } from '../dates';
import { notFound, ProblemList } from '../errors';
import { isUuid } from '../organizations/organization.service';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { parseMoney } from './money';
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
import { StatsRepository, type DailyOrdersRow, type RecipientGroupRow } from './stats.repository';
import { describeStats } from './stats-text';

export type StatsSource = 'AGGREGATES' | 'RAW';

export interface StatsOptions {
  range: DayRange;
  source: StatsSource;
}

export interface StatsResponseData {
  stats: Stats;
  rollingMonthlyStats: RollingStatsRow[];
  lastRollingMonthStats: RollingStatsRow | null;
  lastDelta7Stats: RollingStatsRow | null;
  firstSendDate: string | null;
  lastRefreshed: Date;
  statsText: string;
}

/** One scope's inputs: its treatment-side daily orders and its sends. */
interface Series {
  orders: DailyOrders[];
  sends: DailySends[];
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
  if (range.to !== null && !isLocalDate(range.to)) problems.add(fields.to, 'must be a date written YYYY-MM-DD');
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
    const [orderRows, recipientRows] = await Promise.all([
      source === 'RAW' ? repository.dailyOrdersFromRaw(orgId, timezone, campaignIds) : repository.dailyOrdersFromBuckets(orgId, campaignIds),
      repository.recipientGroups(orgId, campaignIds),
    ]);
    const key = (campaignId: string) => (campaignIds === null ? '' : campaignId);
    const byScope = new Map<string, Series>((campaignIds ?? ['']).map((id) => [id, { orders: [], sends: [] }]));
    for (const row of orderRows) byScope.get(key(row.campaign_id))?.orders.push(toDailyOrders(row));
    for (const row of recipientRows) {
      const send = toSend(row);
      if (send) byScope.get(key(row.campaign_id))?.sends.push(send);
    }
    return byScope;
  }

  private respond(series: Series, today: string, options: StatsOptions): StatsResponseData {
    const stats = computeStats(totalsInRange(series.orders, series.sends, options.range));
    const firstSendDate = firstSendDateOf(series.sends);
    const monthly = rollingSeries(series.orders, series.sends, { firstSendDate, today, windowDays: ROLLING_WINDOW_DAYS });
    const weekly = rollingSeries(series.orders, series.sends, { firstSendDate, today, windowDays: DELTA_WINDOW_DAYS });
    return {
      stats,
      rollingMonthlyStats: monthly,
      lastRollingMonthStats: monthly.at(-1) ?? null,
      lastDelta7Stats: weekly.at(-1) ?? null,
      firstSendDate,
      lastRefreshed: new Date(),
      statsText: describeStats(stats, options.range),
    };
  }

  /** Stats of each campaign of `campaignIds` (all the organisation's), in 3 statements. */
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
