/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** TEST: mailed recipients; CONTROL: holdout recipients. */
export type ExperimentGroup =
  /** The held-out recipients (not mailed). */
  | 'CONTROL'
  /** The mailed recipients. */
  | 'TEST';

/** FIRST_ORDER: orders with orderCount 1; ALL_ORDERS: every order. */
export type ExperimentMetric =
  /** Converters are recipients with any attributed order. */
  | 'ALL_ORDERS'
  /** Converters are recipients whose first purchase (orderCount 1) is attributed. */
  | 'FIRST_ORDER';

/** One figure of an experiment (spec §5). Group rows (TEST and CONTROL): RECIPIENTS … REVENUE_PER_RECIPIENT; COST on TEST; the rest compare the groups (group null). */
export type ExperimentStat =
  /** CONVERTERS / RECIPIENTS (a fraction). */
  | 'CONVERSION_RATE'
  /** Recipients of the group with at least one qualifying order. */
  | 'CONVERTERS'
  /** The TEST group's cost. */
  | 'COST'
  /** FIRST_ORDER only: cost per customer the mailing added, cost / ((p_t − p_c)·n_t); null when no customer was added. */
  | 'INCREMENTAL_CUSTOMER_ACQUISITION_COST'
  /** (revenue per TEST recipient − revenue per CONTROL recipient) × TEST recipients: the revenue the mailing caused. */
  | 'INCREMENTAL_REVENUE'
  /** INCREMENTAL_REVENUE / cost; null without cost. */
  | 'INCREMENTAL_ROAS'
  /** Relative uplift of the conversion rate, p_t / p_c − 1; null when the control converted nobody. */
  | 'METRIC_UPLIFT'
  /** The smallest relative uplift these group sizes detect with 80% power at two-sided α = 0.05, the control's rate as the baseline; null when that rate is 0 or 1. */
  | 'MINIMUM_DETECTABLE_UPLIFT'
  /** The group's qualifying orders. */
  | 'ORDERS'
  /** Two-sided p-value (Campbell 2007): the N−1 chi-square test when the smallest expected count is at least 1, else the Fisher–Irwin exact test. */
  | 'P_VALUE'
  /** Recipients of the group. */
  | 'RECIPIENTS'
  /** Revenue of the group's qualifying orders. */
  | 'REVENUE'
  /** REVENUE / RECIPIENTS. */
  | 'REVENUE_PER_RECIPIENT'
  /** 1 when SRM_P_VALUE < 0.001 (the split is not what was planned: distrust the experiment), else 0. */
  | 'SAMPLE_RATIO_MISMATCH'
  /** 1 when P_VALUE < 0.05, else 0. */
  | 'SIGNIFICANT'
  /** Sample ratio mismatch: p-value of the observed split against the planned holdoutPercent (null without it). */
  | 'SRM_P_VALUE'
  /** Upper end of the 95% interval of METRIC_UPLIFT; null (no upper bound) when the control converted nobody. */
  | 'UPLIFT_CI_HIGH'
  /** Lower end of the 95% interval of METRIC_UPLIFT (Miettinen–Nurminen score interval for the ratio, minus 1); never below −1, and −1 when TEST converted nobody. */
  | 'UPLIFT_CI_LOW'
  /** Φ of the signed N−1 statistic: how likely the mailing beats the holdout; 0.5 when nobody or everybody converted. */
  | 'WIN_PROBABILITY';

/** Which CSV export of a campaign a signed link downloads. */
export type ExportKind =
  /** orders.csv: one row per active attributed order (order_id, order_date in UTC, local_day, recipient, side, revenue, flags). */
  | 'ORDERS'
  /** recipients.csv: the mailing list after holdout assignment (external_id, is_holdout, send_date, cost). */
  | 'RECIPIENTS';

/** The funnel of a language test or of a non-language test. */
export type FunnelType =
  /** The funnel of a language test (its contacts go to the Brevo language list). */
  | 'LANGUAGE'
  /** The funnel of a non-language test (its contacts go to the Brevo non-language list). */
  | 'NON_LANGUAGE';

/** How a ComputedMetric was computed. Quote a metric with its basis: only INCREMENTAL is the lift caused by the mailing. */
export type MetricBasis =
  /** First-purchase orders only (orderCount 1) over the whole campaign cost; no control group. */
  | 'FIRST_PURCHASE'
  /** Every attributed order of the mailed recipients; no control group, so it includes what would have happened anyway. */
  | 'GROSS'
  /** Holdout experiment: the mailed group over the held-out control group (what the mailing caused). */
  | 'INCREMENTAL';

/** What a ComputedMetric measures; its basis says how. */
export type MetricConcept =
  /** Mailing cost per customer acquired, in the account currency: incremental CAC for an experiment, gross CPA otherwise. */
  | 'acquisition_cost'
  /** For an experiment the relative uplift of the first-order conversion rate (a fraction, 0.1 = +10 %); otherwise orders per mailer (a fraction). */
  | 'conversion_rate'
  /** Revenue per unit of mailing cost (a ratio, currency cancels out): incremental ROAS for an experiment, first-purchase ROAS otherwise. */
  | 'return_on_spend'
  /** In the account currency: incremental revenue (all orders) for an experiment, gross attributed revenue otherwise. */
  | 'revenue';

/** The verdict on a ComputedMetric (spec §5 thresholds). */
export type MetricGrade =
  /** Return on spend and acquisition cost: isHighPerforming (effective ROAS > 3 and CAC < 40). */
  | 'HIGH'
  /** Under 100 mailers, or for an experiment a group under 100 recipients or a non-significant test: draw no conclusion. */
  | 'INSUFFICIENT_DATA'
  /** Return on spend and acquisition cost: isLowPerforming (effective ROAS < 1 and CAC > 100). */
  | 'LOW'
  /** Neither high nor low, or a concept that is not graded. */
  | 'NEUTRAL';

export type CampaignDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type CampaignDetailQuery = { campaign: { id: string, name: string, externalId: string, holdoutEnabled: boolean, holdoutPercent: number | null, stats: { firstSendDate: string | null, lastRefreshed: string, statsText: string | null, isExperiment: boolean, effectiveRoas: number | null, effectiveCac: number | null, isLowPerforming: boolean, isHighPerforming: boolean, stats: { mailersSent: number, totalCost: number, campaignOrders: number, campaignRevenue: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, repeatOrders: number, repeatRevenue: number, repeatRate: number | null, subscriptionOrders: number, subscriptionRevenue: number, subscribers: number }, rollingMonthlyStats: Array<{ date: string, revenue: number, roas: number | null, cumulativeRoas: number | null }>, computedMetrics: Array<{ concept: MetricConcept, value: number | null, basis: MetricBasis, grade: MetricGrade }>, experimentResults: Array<{ metric: ExperimentMetric, stat: ExperimentStat, group: ExperimentGroup | null, value: number | null }>, conversionRateIntervals: Array<{ metric: ExperimentMetric, group: ExperimentGroup, conversionRate: number | null, low: number | null, high: number | null }> } } | null };

export type CampaignTableQueryVariables = Exact<{ [key: string]: never; }>;


export type CampaignTableQuery = { campaigns: Array<{ id: string, name: string, holdoutEnabled: boolean, stats: { isExperiment: boolean, effectiveRoas: number | null, effectiveCac: number | null, isLowPerforming: boolean, isHighPerforming: boolean, stats: { mailersSent: number, totalCost: number, campaignOrders: number, campaignRevenue: number, roas: number | null, cpa: number | null }, computedMetrics: Array<{ concept: MetricConcept, grade: MetricGrade }> } }> };

export type ExportLinkMutationVariables = Exact<{
  campaignId: string | number;
  kind: ExportKind;
}>;


export type ExportLinkMutation = { createExportLink: { url: string, expiresAt: string } };

export type FunnelsQueryVariables = Exact<{
  fromDate?: string | null | undefined;
  toDate?: string | null | undefined;
  bySource: boolean;
}>;


export type FunnelsQuery = { funnelConversionReport: { fromDate: string | null, toDate: string | null, rows: Array<{ funnelType: FunnelType, source: string | null, entries: number, purchased: number, conversion: number | null }> }, brevoOutboxSummary: { pending: number, due: number, success: number, failed: number, oldestPendingAgeSeconds: number | null } };

export type HoldoutPlanQueryVariables = Exact<{
  recipients: number;
  baselineConversionRate: number;
  minimumDetectableUplift: number;
  power?: number | null | undefined;
}>;


export type HoldoutPlanQuery = { holdoutPlan: { feasible: boolean, holdoutPercent: number | null, holdoutRecipients: number | null, minimumDetectableUpliftAtHalf: number } };

export type KpiStatsFragment = { mailersSent: number, totalCost: number, campaignOrders: number, campaignRevenue: number, roas: number | null, cpa: number | null, firstPurchaseRoas: number | null };

export type RollingPointFragment = { date: string, revenue: number, roas: number | null, cumulativeRoas: number | null };

export type OverviewQueryVariables = Exact<{
  fromDate?: string | null | undefined;
  toDate?: string | null | undefined;
  previousFromDate?: string | null | undefined;
  previousToDate?: string | null | undefined;
  withPrevious: boolean;
}>;


export type OverviewQuery = { current: { lastRefreshed: string, stats: { mailersSent: number, totalCost: number, campaignOrders: number, campaignRevenue: number, roas: number | null, cpa: number | null, firstPurchaseRoas: number | null }, rollingMonthlyStats: Array<{ date: string, revenue: number, roas: number | null, cumulativeRoas: number | null }> }, previous?: { stats: { mailersSent: number, totalCost: number, campaignOrders: number, campaignRevenue: number, roas: number | null, cpa: number | null, firstPurchaseRoas: number | null } } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { organization: { id: string, name: string, timezone: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const KpiStatsFragmentDoc = new TypedDocumentString(`
    fragment KpiStats on Stats {
  mailersSent
  totalCost
  campaignOrders
  campaignRevenue
  roas
  cpa
  firstPurchaseRoas
}
    `, {"fragmentName":"KpiStats"}) as unknown as TypedDocumentString<KpiStatsFragment, unknown>;
export const RollingPointFragmentDoc = new TypedDocumentString(`
    fragment RollingPoint on RollingStatsRow {
  date
  revenue
  roas
  cumulativeRoas
}
    `, {"fragmentName":"RollingPoint"}) as unknown as TypedDocumentString<RollingPointFragment, unknown>;
export const CampaignDetailDocument = new TypedDocumentString(`
    query CampaignDetail($id: ID!) {
  campaign(id: $id) {
    id
    name
    externalId
    holdoutEnabled
    holdoutPercent
    stats {
      stats {
        mailersSent
        totalCost
        campaignOrders
        campaignRevenue
        roas
        cpa
        conversionRate
        aov
        firstPurchaseOrders
        firstPurchaseRevenue
        firstPurchaseRoas
        repeatOrders
        repeatRevenue
        repeatRate
        subscriptionOrders
        subscriptionRevenue
        subscribers
      }
      rollingMonthlyStats {
        ...RollingPoint
      }
      firstSendDate
      lastRefreshed
      statsText
      isExperiment
      effectiveRoas
      effectiveCac
      isLowPerforming
      isHighPerforming
      computedMetrics {
        concept
        value
        basis
        grade
      }
      experimentResults {
        metric
        stat
        group
        value
      }
      conversionRateIntervals {
        metric
        group
        conversionRate
        low
        high
      }
    }
  }
}
    fragment RollingPoint on RollingStatsRow {
  date
  revenue
  roas
  cumulativeRoas
}`) as unknown as TypedDocumentString<CampaignDetailQuery, CampaignDetailQueryVariables>;
export const CampaignTableDocument = new TypedDocumentString(`
    query CampaignTable {
  campaigns {
    id
    name
    holdoutEnabled
    stats {
      stats {
        mailersSent
        totalCost
        campaignOrders
        campaignRevenue
        roas
        cpa
      }
      isExperiment
      effectiveRoas
      effectiveCac
      isLowPerforming
      isHighPerforming
      computedMetrics {
        concept
        grade
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CampaignTableQuery, CampaignTableQueryVariables>;
export const ExportLinkDocument = new TypedDocumentString(`
    mutation ExportLink($campaignId: ID!, $kind: ExportKind!) {
  createExportLink(campaignId: $campaignId, kind: $kind) {
    url
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ExportLinkMutation, ExportLinkMutationVariables>;
export const FunnelsDocument = new TypedDocumentString(`
    query Funnels($fromDate: Date, $toDate: Date, $bySource: Boolean!) {
  funnelConversionReport(
    fromDate: $fromDate
    toDate: $toDate
    bySource: $bySource
  ) {
    fromDate
    toDate
    rows {
      funnelType
      source
      entries
      purchased
      conversion
    }
  }
  brevoOutboxSummary {
    pending
    due
    success
    failed
    oldestPendingAgeSeconds
  }
}
    `) as unknown as TypedDocumentString<FunnelsQuery, FunnelsQueryVariables>;
export const HoldoutPlanDocument = new TypedDocumentString(`
    query HoldoutPlan($recipients: Int!, $baselineConversionRate: Float!, $minimumDetectableUplift: Float!, $power: Float) {
  holdoutPlan(
    recipients: $recipients
    baselineConversionRate: $baselineConversionRate
    minimumDetectableUplift: $minimumDetectableUplift
    power: $power
  ) {
    feasible
    holdoutPercent
    holdoutRecipients
    minimumDetectableUpliftAtHalf
  }
}
    `) as unknown as TypedDocumentString<HoldoutPlanQuery, HoldoutPlanQueryVariables>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($fromDate: Date, $toDate: Date, $previousFromDate: Date, $previousToDate: Date, $withPrevious: Boolean!) {
  current: orgStats(fromDate: $fromDate, toDate: $toDate) {
    stats {
      ...KpiStats
    }
    rollingMonthlyStats {
      ...RollingPoint
    }
    lastRefreshed
  }
  previous: orgStats(fromDate: $previousFromDate, toDate: $previousToDate) @include(if: $withPrevious) {
    stats {
      ...KpiStats
    }
  }
}
    fragment KpiStats on Stats {
  mailersSent
  totalCost
  campaignOrders
  campaignRevenue
  roas
  cpa
  firstPurchaseRoas
}
fragment RollingPoint on RollingStatsRow {
  date
  revenue
  roas
  cumulativeRoas
}`) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  organization {
    id
    name
    timezone
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;