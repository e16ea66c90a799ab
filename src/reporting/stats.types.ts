import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../graphql/scalars';

export enum StatsSourceEnum {
  AGGREGATES = 'AGGREGATES',
  RAW = 'RAW',
}
registerEnumType(StatsSourceEnum, {
  name: 'StatsSource',
  description: 'AGGREGATES: the daily buckets (dashboards). RAW: the attributions themselves (the reference).',
});

@ObjectType("Stats", { description: "Treatment side only. Money in currency units, exact to the cent; a ratio with a zero denominator is null." })
export class StatsObject {
  @Field(() => Int) mailersSent: number;
  @Field(() => Int) campaignOrders: number;
  @Field(() => Float) campaignRevenue: number;
  @Field(() => Float) totalCost: number;
  @Field(() => Float, { nullable: true }) roas: number | null;
  @Field(() => Float, { nullable: true, description: 'Orders per mailer (a fraction).' }) conversionRate: number | null;
  @Field(() => Float, { nullable: true }) cpa: number | null;
  @Field(() => Float, { nullable: true }) aov: number | null;
  @Field(() => Int) firstPurchaseOrders: number;
  @Field(() => Float) firstPurchaseRevenue: number;
  @Field(() => Float, { nullable: true }) firstPurchaseRoas: number | null;
  @Field(() => Int) repeatOrders: number;
  @Field(() => Float) repeatRevenue: number;
  @Field(() => Float, { nullable: true }) repeatRate: number | null;
  @Field(() => Int) subscriptionOrders: number;
  @Field(() => Float) subscriptionRevenue: number;
  @Field(() => Int) subscribers: number;
  @Field(() => Int) discountMatchedOrders: number;
  @Field(() => Float, { nullable: true }) customerConversionRate: number | null;
}

@ObjectType('RollingStatsRow', { description: 'The window of windowDays days ending on date; cumulative fields cover everything up to date.' })
export class RollingStatsRowObject {
  @Field(() => LocalDateScalar) date: string;
  @Field(() => Int) windowDays: number;
  @Field(() => Int) mailersSent: number;
  @Field(() => Int) orders: number;
  @Field(() => Float) revenue: number;
  @Field(() => Float) cost: number;
  @Field(() => Float) profit: number;
  @Field(() => Float, { nullable: true }) roas: number | null;
  @Field(() => Float, { nullable: true }) cpa: number | null;
  @Field(() => Float, { nullable: true }) conversionRate: number | null;
  @Field(() => Float, { nullable: true }) aov: number | null;
  @Field(() => Int) firstPurchaseOrders: number;
  @Field(() => Float) firstPurchaseRevenue: number;
  @Field(() => Float, { nullable: true }) firstPurchaseRoas: number | null;
  @Field(() => Float, { nullable: true }) ltv: number | null;
  @Field(() => Int) cumulativeOrders: number;
  @Field(() => Float) cumulativeRevenue: number;
  @Field(() => Float) cumulativeCost: number;
  @Field(() => Float) cumulativeProfit: number;
  @Field(() => Float, { nullable: true }) cumulativeRoas: number | null;
}

@ObjectType('StatsResponse')
export class StatsResponseObject {
  @Field(() => StatsObject, { description: 'Filtered by the optional date range; everything else covers the whole campaign.' }) stats: StatsObject;
  @Field(() => [RollingStatsRowObject], { description: 'One row per day from the first send date to today, 30-day windows.' }) rollingMonthlyStats: RollingStatsRowObject[];
  @Field(() => RollingStatsRowObject, { nullable: true }) lastRollingMonthStats: RollingStatsRowObject | null;
  @Field(() => RollingStatsRowObject, { nullable: true, description: "Today's 7-day window." }) lastDelta7Stats: RollingStatsRowObject | null;
  @Field(() => LocalDateScalar, { nullable: true }) firstSendDate: string | null;
  @Field(() => Date) lastRefreshed: Date;
  @Field(() => String, { nullable: true, description: 'A plain-English summary of the stats block.' }) statsText: string | null;
}
