import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../graphql/scalars';
import type { ExperimentGroup, ExperimentMetric, ExperimentStat } from './experiments/experiment.results';

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

export enum ExperimentMetricEnum {
  FIRST_ORDER = 'FIRST_ORDER',
  ALL_ORDERS = 'ALL_ORDERS',
}
registerEnumType(ExperimentMetricEnum, { name: 'ExperimentMetric', description: 'FIRST_ORDER: orders with orderCount 1; ALL_ORDERS: every order.' });

export enum ExperimentGroupEnum {
  TEST = 'TEST',
  CONTROL = 'CONTROL',
}
registerEnumType(ExperimentGroupEnum, { name: 'ExperimentGroup', description: 'TEST: mailed recipients; CONTROL: holdout recipients.' });

export enum ExperimentStatEnum {
  WIN_PROBABILITY = 'WIN_PROBABILITY',
  P_VALUE = 'P_VALUE',
  SIGNIFICANT = 'SIGNIFICANT',
  INCREMENTAL_REVENUE = 'INCREMENTAL_REVENUE',
  INCREMENTAL_ROAS = 'INCREMENTAL_ROAS',
  INCREMENTAL_CUSTOMER_ACQUISITION_COST = 'INCREMENTAL_CUSTOMER_ACQUISITION_COST',
  METRIC_UPLIFT = 'METRIC_UPLIFT',
  UPLIFT_CI_LOW = 'UPLIFT_CI_LOW',
  UPLIFT_CI_HIGH = 'UPLIFT_CI_HIGH',
  MINIMUM_DETECTABLE_UPLIFT = 'MINIMUM_DETECTABLE_UPLIFT',
  RECIPIENTS = 'RECIPIENTS',
  ORDERS = 'ORDERS',
  CONVERTERS = 'CONVERTERS',
  REVENUE = 'REVENUE',
  CONVERSION_RATE = 'CONVERSION_RATE',
  COST = 'COST',
  REVENUE_PER_RECIPIENT = 'REVENUE_PER_RECIPIENT',
  SRM_P_VALUE = 'SRM_P_VALUE',
  SAMPLE_RATIO_MISMATCH = 'SAMPLE_RATIO_MISMATCH',
}
registerEnumType(ExperimentStatEnum, {
  name: 'ExperimentStat',
  description: 'One figure of an experiment (spec §5). Group rows (TEST and CONTROL): RECIPIENTS … REVENUE_PER_RECIPIENT; COST on TEST; the rest compare the groups (group null).',
  valuesConfig: {
    WIN_PROBABILITY: { description: 'Φ of the signed N−1 statistic: how likely the mailing beats the holdout; 0.5 when nobody or everybody converted.' },
    P_VALUE: { description: 'Two-sided p-value (Campbell 2007): the N−1 chi-square test when the smallest expected count is at least 1, else the Fisher–Irwin exact test.' },
    SIGNIFICANT: { description: '1 when P_VALUE < 0.05, else 0.' },
    INCREMENTAL_REVENUE: { description: '(revenue per TEST recipient − revenue per CONTROL recipient) × TEST recipients: the revenue the mailing caused.' },
    INCREMENTAL_ROAS: { description: 'INCREMENTAL_REVENUE / cost; null without cost.' },
    INCREMENTAL_CUSTOMER_ACQUISITION_COST: { description: 'FIRST_ORDER only: cost per customer the mailing added, cost / ((p_t − p_c)·n_t); null when no customer was added.' },
    METRIC_UPLIFT: { description: 'Relative uplift of the conversion rate, p_t / p_c − 1; null when the control converted nobody.' },
    UPLIFT_CI_LOW: { description: 'Lower end of the 95% interval of METRIC_UPLIFT (Miettinen–Nurminen score interval for the ratio, minus 1); never below −1, and −1 when TEST converted nobody.' },
    UPLIFT_CI_HIGH: { description: 'Upper end of the 95% interval of METRIC_UPLIFT; null (no upper bound) when the control converted nobody.' },
    MINIMUM_DETECTABLE_UPLIFT: { description: "The smallest relative uplift these group sizes detect with 80% power at two-sided α = 0.05, the control's rate as the baseline; null when that rate is 0 or 1." },
    RECIPIENTS: { description: 'Recipients of the group.' },
    ORDERS: { description: "The group's qualifying orders." },
    CONVERTERS: { description: 'Recipients of the group with at least one qualifying order.' },
    REVENUE: { description: "Revenue of the group's qualifying orders." },
    CONVERSION_RATE: { description: 'CONVERTERS / RECIPIENTS (a fraction).' },
    COST: { description: "The TEST group's cost." },
    REVENUE_PER_RECIPIENT: { description: 'REVENUE / RECIPIENTS.' },
    SRM_P_VALUE: { description: 'Sample ratio mismatch: p-value of the observed split against the planned holdoutPercent (null without it).' },
    SAMPLE_RATIO_MISMATCH: { description: '1 when SRM_P_VALUE < 0.001 (the split is not what was planned: distrust the experiment), else 0.' },
  },
});

@ObjectType('ExperimentResultRow', { description: 'SIGNIFICANT and SAMPLE_RATIO_MISMATCH are 1 or 0; CONVERSION_RATE is converters / recipients.' })
export class ExperimentResultRowObject {
  @Field(() => ExperimentMetricEnum) metric: ExperimentMetric;
  @Field(() => ExperimentStatEnum) stat: ExperimentStat;
  @Field(() => ExperimentGroupEnum, { nullable: true }) group: ExperimentGroup | null;
  @Field(() => Float, { nullable: true }) value: number | null;
}

@ObjectType('ComputedMetric', { description: 'One number per concept, tagged with its basis (INCREMENTAL, FIRST_PURCHASE or GROSS) and graded.' })
export class ComputedMetricObject {
  @Field() concept: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field() basis: string;
  @Field() grade: string;
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
  @Field(() => [ExperimentResultRowObject], { description: 'The holdout analysis of an experiment (empty otherwise).' }) experimentResults: ExperimentResultRowObject[];
  @Field({ description: 'holdoutEnabled and at least one holdout recipient.' }) isExperiment: boolean;
  @Field(() => Float, { nullable: true, description: 'First-order incremental ROAS for an experiment, first-purchase ROAS otherwise.' }) effectiveRoas: number | null;
  @Field(() => Float, { nullable: true, description: 'First-order incremental CAC for an experiment, CPA otherwise.' }) effectiveCac: number | null;
  @Field() isLowPerforming: boolean;
  @Field() isHighPerforming: boolean;
  @Field(() => [ComputedMetricObject]) computedMetrics: ComputedMetricObject[];
}
