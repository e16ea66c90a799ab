import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Basis, ComputedMetric, Grade } from './experiments/performance';
import { LocalDateScalar } from '../graphql/scalars';
import type { ExperimentGroup, ExperimentMetric, ExperimentStat } from './experiments/experiment.results';

type Concept = ComputedMetric['concept'];

export enum StatsSourceEnum {
  AGGREGATES = 'AGGREGATES',
  RAW = 'RAW',
}
registerEnumType(StatsSourceEnum, {
  name: 'StatsSource',
  description: 'AGGREGATES: the daily buckets (dashboards). RAW: the attributions themselves (the reference).',
  valuesConfig: {
    AGGREGATES: { description: 'From the daily aggregate buckets: fast, refreshed by the aggregation job (default).' },
    RAW: { description: 'Computed from the attributions themselves: always current, slower; the same formulas.' },
  },
});

@ObjectType("Stats", { description: "Treatment side only. Money in currency units, exact to the cent; a ratio with a zero denominator is null." })
export class StatsObject {
  @Field(() => Int, { description: 'Mailed recipients (holdout excluded), by send date within the range.' }) mailersSent: number;
  @Field(() => Int, { description: 'Attributed orders of mailed recipients (gross: includes what would have happened anyway).' }) campaignOrders: number;
  @Field(() => Float, { description: 'Revenue of those orders, in the account currency (gross).' }) campaignRevenue: number;
  @Field(() => Float, { description: 'Mailing cost of the mailed recipients, in the account currency.' }) totalCost: number;
  @Field(() => Float, { nullable: true, description: 'Gross ROAS: campaignRevenue / totalCost (a ratio); null when totalCost is 0. Not incremental: see ComputedMetric for that.' })
  roas: number | null;
  @Field(() => Float, { nullable: true, description: 'Orders per mailer, campaignOrders / mailersSent (a fraction); null without mailers.' }) conversionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Cost per order, totalCost / campaignOrders, in the account currency; null without orders.' }) cpa: number | null;
  @Field(() => Float, { nullable: true, description: 'Average order value, campaignRevenue / campaignOrders, in the account currency; null without orders.' }) aov: number | null;
  @Field(() => Int, { description: "Orders that were the customer's first purchase (orderCount 1)." }) firstPurchaseOrders: number;
  @Field(() => Float, { description: 'Revenue of first-purchase orders, in the account currency.' }) firstPurchaseRevenue: number;
  @Field(() => Float, { nullable: true, description: 'firstPurchaseRevenue / totalCost (a ratio); null when totalCost is 0.' }) firstPurchaseRoas: number | null;
  @Field(() => Int, { description: 'Orders of returning customers (orderCount > 1).' }) repeatOrders: number;
  @Field(() => Float, { description: 'Revenue of repeat orders, in the account currency.' }) repeatRevenue: number;
  @Field(() => Float, { nullable: true, description: 'repeatOrders / firstPurchaseOrders (a ratio); null without first purchases.' }) repeatRate: number | null;
  @Field(() => Int, { description: 'Orders that are subscriptions.' }) subscriptionOrders: number;
  @Field(() => Float, { description: 'Revenue of subscription orders, in the account currency.' }) subscriptionRevenue: number;
  @Field(() => Int, { description: 'Subscription orders that were a first purchase (new subscribers).' }) subscribers: number;
  @Field(() => Int, { description: "Orders that used the campaign's discount code." }) discountMatchedOrders: number;
  @Field(() => Float, { nullable: true, description: 'New customers per mailer, firstPurchaseOrders / mailersSent (a fraction); null without mailers.' })
  customerConversionRate: number | null;
}

@ObjectType('RollingStatsRow', { description: 'The window of windowDays days ending on date; cumulative fields cover everything up to date.' })
export class RollingStatsRowObject {
  @Field(() => LocalDateScalar, { description: "The window's last day (inclusive), in the organisation's timezone." }) date: string;
  @Field(() => Int, { description: 'Length of the window in days (30 for the monthly series, 7 for lastDelta7Stats).' }) windowDays: number;
  @Field(() => Int, { description: 'Recipients mailed in the window (by send date).' }) mailersSent: number;
  @Field(() => Int, { description: 'Attributed orders in the window (by local order day).' }) orders: number;
  @Field(() => Float, { description: 'Revenue of those orders, in the account currency.' }) revenue: number;
  @Field(() => Float, { description: 'Mailing cost of the recipients mailed in the window, in the account currency.' }) cost: number;
  @Field(() => Float, { description: 'revenue − cost in the window, in the account currency (may be negative).' }) profit: number;
  @Field(() => Float, { nullable: true, description: 'revenue / cost in the window (gross); null when cost is 0.' }) roas: number | null;
  @Field(() => Float, { nullable: true, description: 'cost / orders in the window, in the account currency; null without orders.' }) cpa: number | null;
  @Field(() => Float, { nullable: true, description: 'orders / mailersSent in the window (a fraction); null without mailers.' }) conversionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'revenue / orders in the window, in the account currency; null without orders.' }) aov: number | null;
  @Field(() => Int, { description: 'First-purchase orders (orderCount 1) in the window.' }) firstPurchaseOrders: number;
  @Field(() => Float, { description: 'Their revenue, in the account currency.' }) firstPurchaseRevenue: number;
  @Field(() => Float, { nullable: true, description: 'firstPurchaseRevenue / cost in the window; null when cost is 0.' }) firstPurchaseRoas: number | null;
  @Field(() => Float, { nullable: true, description: 'cumulativeRevenue / cumulative first-purchase orders up to date, in the account currency; null before the first one.' })
  ltv: number | null;
  @Field(() => Int, { description: 'Orders from the start up to and including date.' }) cumulativeOrders: number;
  @Field(() => Float, { description: 'Revenue from the start up to and including date, in the account currency.' }) cumulativeRevenue: number;
  @Field(() => Float, { description: 'Cost from the start up to and including date, in the account currency.' }) cumulativeCost: number;
  @Field(() => Float, { description: 'cumulativeRevenue − cumulativeCost, in the account currency.' }) cumulativeProfit: number;
  @Field(() => Float, { nullable: true, description: 'cumulativeRevenue / cumulativeCost; null while cumulativeCost is 0.' }) cumulativeRoas: number | null;
}

export enum ExperimentMetricEnum {
  FIRST_ORDER = 'FIRST_ORDER',
  ALL_ORDERS = 'ALL_ORDERS',
}
registerEnumType(ExperimentMetricEnum, {
  name: 'ExperimentMetric',
  description: 'FIRST_ORDER: orders with orderCount 1; ALL_ORDERS: every order.',
  valuesConfig: {
    FIRST_ORDER: { description: 'Converters are recipients whose first purchase (orderCount 1) is attributed.' },
    ALL_ORDERS: { description: 'Converters are recipients with any attributed order.' },
  },
});

export enum ExperimentGroupEnum {
  TEST = 'TEST',
  CONTROL = 'CONTROL',
}
registerEnumType(ExperimentGroupEnum, {
  name: 'ExperimentGroup',
  description: 'TEST: mailed recipients; CONTROL: holdout recipients.',
  valuesConfig: { TEST: { description: 'The mailed recipients.' }, CONTROL: { description: 'The held-out recipients (not mailed).' } },
});

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
  @Field(() => ExperimentMetricEnum, { description: 'Which orders make a converter: FIRST_ORDER or ALL_ORDERS.' }) metric: ExperimentMetric;
  @Field(() => ExperimentStatEnum, { description: 'Which figure this row holds.' }) stat: ExperimentStat;
  @Field(() => ExperimentGroupEnum, { nullable: true, description: 'TEST or CONTROL for a group figure; null for a comparison of the two.' }) group: ExperimentGroup | null;
  @Field(() => Float, { nullable: true, description: 'The figure (money in the account currency, rates as fractions); null when it cannot be computed.' }) value: number | null;
}

@ObjectType('ConversionRateInterval', {
  description:
    "One group's conversion rate (converters / recipients, the CONVERSION_RATE row) with its own 95 % interval: the Wilson score interval, which stays within [0, 1] and keeps its coverage with few converters. Read the uplift's interval (UPLIFT_CI_LOW/HIGH), not the overlap of these two, to judge the difference.",
})
export class ConversionRateIntervalObject {
  @Field(() => ExperimentMetricEnum, { description: 'Which orders make a converter: FIRST_ORDER or ALL_ORDERS.' }) metric: ExperimentMetric;
  @Field(() => ExperimentGroupEnum, { description: 'TEST (mailed) or CONTROL (held out).' }) group: ExperimentGroup;
  @Field(() => Int, { description: 'Recipients of the group (the RECIPIENTS row).' }) recipients: number;
  @Field(() => Int, { description: 'Recipients of the group with at least one qualifying order (the CONVERTERS row).' }) converters: number;
  @Field(() => Float, { nullable: true, description: 'converters / recipients (a fraction); null when the group has no recipients.' }) conversionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower bound of the 95 % Wilson interval (0 when nobody converted); null without recipients.' }) low: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper bound of the 95 % Wilson interval (1 when everybody converted); null without recipients.' }) high: number | null;
}

/**
 * The ComputedMetric enums. Their GraphQL values are exactly the strings these fields returned
 * as String before (the concepts are lower snake case, as in the spec and the MCP payloads), so
 * the wire is unchanged; typed clients now get the closed sets.
 */
export enum MetricConceptEnum {
  return_on_spend = 'return_on_spend',
  acquisition_cost = 'acquisition_cost',
  conversion_rate = 'conversion_rate',
  revenue = 'revenue',
}
registerEnumType(MetricConceptEnum, {
  name: 'MetricConcept',
  description: 'What a ComputedMetric measures; its basis says how.',
  valuesConfig: {
    return_on_spend: { description: 'Revenue per unit of mailing cost (a ratio, currency cancels out): incremental ROAS for an experiment, first-purchase ROAS otherwise.' },
    acquisition_cost: { description: 'Mailing cost per customer acquired, in the account currency: incremental CAC for an experiment, gross CPA otherwise.' },
    conversion_rate: { description: 'For an experiment the relative uplift of the first-order conversion rate (a fraction, 0.1 = +10 %); otherwise orders per mailer (a fraction).' },
    revenue: { description: 'In the account currency: incremental revenue (all orders) for an experiment, gross attributed revenue otherwise.' },
  },
});

export enum MetricBasisEnum {
  INCREMENTAL = 'INCREMENTAL',
  FIRST_PURCHASE = 'FIRST_PURCHASE',
  GROSS = 'GROSS',
}
registerEnumType(MetricBasisEnum, {
  name: 'MetricBasis',
  description: 'How a ComputedMetric was computed. Quote a metric with its basis: only INCREMENTAL is the lift caused by the mailing.',
  valuesConfig: {
    INCREMENTAL: { description: 'Holdout experiment: the mailed group over the held-out control group (what the mailing caused).' },
    FIRST_PURCHASE: { description: 'First-purchase orders only (orderCount 1) over the whole campaign cost; no control group.' },
    GROSS: { description: 'Every attributed order of the mailed recipients; no control group, so it includes what would have happened anyway.' },
  },
});

export enum MetricGradeEnum {
  HIGH = 'HIGH',
  LOW = 'LOW',
  NEUTRAL = 'NEUTRAL',
  INSUFFICIENT_DATA = 'INSUFFICIENT_DATA',
}
registerEnumType(MetricGradeEnum, {
  name: 'MetricGrade',
  description: 'The verdict on a ComputedMetric (spec §5 thresholds).',
  valuesConfig: {
    HIGH: { description: 'Return on spend and acquisition cost: isHighPerforming (effective ROAS > 3 and CAC < 40).' },
    LOW: { description: 'Return on spend and acquisition cost: isLowPerforming (effective ROAS < 1 and CAC > 100).' },
    NEUTRAL: { description: 'Neither high nor low, or a concept that is not graded.' },
    INSUFFICIENT_DATA: { description: 'Under 100 mailers, or for an experiment a group under 100 recipients or a non-significant test: draw no conclusion.' },
  },
});

@ObjectType('ComputedMetric', { description: 'One number per concept, tagged with its basis (INCREMENTAL, FIRST_PURCHASE or GROSS) and graded.' })
export class ComputedMetricObject {
  @Field(() => MetricConceptEnum, { description: 'What the number measures.' }) concept: Concept;
  @Field(() => Float, { nullable: true, description: 'The number (unit per concept); null when a denominator is zero or the experiment cannot compute it.' })
  value: number | null;
  @Field(() => MetricBasisEnum, { description: 'How it was computed: INCREMENTAL, FIRST_PURCHASE or GROSS.' }) basis: Basis;
  @Field(() => MetricGradeEnum, { description: 'The verdict on it; INSUFFICIENT_DATA means draw no conclusion.' }) grade: Grade;
}

@ObjectType('StatsResponse', { description: "The reporting numbers of one campaign or of the organisation: the stats block, rolling series, experiment analysis and verdict helpers; money in the organisation's currency units, rates as fractions." })
export class StatsResponseObject {
  @Field(() => StatsObject, { description: 'Filtered by the optional date range; everything else covers the whole campaign.' }) stats: StatsObject;
  @Field(() => [RollingStatsRowObject], { description: 'One row per day from the first send date to today, 30-day windows.' }) rollingMonthlyStats: RollingStatsRowObject[];
  @Field(() => RollingStatsRowObject, { nullable: true, description: "Today's 30-day window; null before the first send date." }) lastRollingMonthStats: RollingStatsRowObject | null;
  @Field(() => RollingStatsRowObject, { nullable: true, description: "Today's 7-day window." }) lastDelta7Stats: RollingStatsRowObject | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The earliest send date of a mailed recipient; null before anything was mailed.' }) firstSendDate: string | null;
  @Field(() => Date, { description: 'When these numbers were computed (a cached response can be up to the sync interval old).' }) lastRefreshed: Date;
  @Field(() => String, { nullable: true, description: 'A plain-English summary of the stats block.' }) statsText: string | null;
  @Field(() => [ExperimentResultRowObject], { description: 'The holdout analysis of an experiment (empty otherwise).' }) experimentResults: ExperimentResultRowObject[];
  @Field({ description: 'holdoutEnabled and at least one holdout recipient.' }) isExperiment: boolean;
  @Field(() => Float, { nullable: true, description: 'First-order incremental ROAS for an experiment, first-purchase ROAS otherwise.' }) effectiveRoas: number | null;
  @Field(() => Float, { nullable: true, description: 'First-order incremental CAC for an experiment, CPA otherwise.' }) effectiveCac: number | null;
  @Field({ description: 'effectiveRoas < 1 and effectiveCac > 100 (a null CAC with cost counts as infinite; a null ROAS makes it false).' }) isLowPerforming: boolean;
  @Field({ description: 'effectiveRoas > 3 and effectiveCac < 40 (false when effectiveRoas is null or CAC is null with cost).' }) isHighPerforming: boolean;
  @Field(() => [ComputedMetricObject], { description: 'One graded number per concept, over the whole campaign; read these first, with their basis.' }) computedMetrics: ComputedMetricObject[];
}
