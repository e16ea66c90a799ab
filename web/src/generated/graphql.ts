/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** TEST: mailed recipients; CONTROL: holdout recipients. */
export type ExperimentGroup =
  | 'CONTROL'
  | 'TEST';

/** FIRST_ORDER: orders with orderCount 1; ALL_ORDERS: every order. */
export type ExperimentMetric =
  | 'ALL_ORDERS'
  | 'FIRST_ORDER';

export type ExperimentStat =
  | 'CONVERSION_RATE'
  | 'CONVERTERS'
  | 'COST'
  | 'INCREMENTAL_CUSTOMER_ACQUISITION_COST'
  | 'INCREMENTAL_REVENUE'
  | 'INCREMENTAL_ROAS'
  | 'METRIC_UPLIFT'
  | 'ORDERS'
  | 'P_VALUE'
  | 'RECIPIENTS'
  | 'REVENUE'
  | 'REVENUE_PER_RECIPIENT'
  | 'SAMPLE_RATIO_MISMATCH'
  | 'SIGNIFICANT'
  | 'SRM_P_VALUE'
  | 'UPLIFT_CI_HIGH'
  | 'UPLIFT_CI_LOW'
  | 'WIN_PROBABILITY';

/** The funnel of a language test or of a non-language test. */
export type FunnelType =
  | 'LANGUAGE'
  | 'NON_LANGUAGE';

export type CampaignDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type CampaignDetailQuery = { campaign: { id: string, name: string, externalId: string, holdoutEnabled: boolean, holdoutPercent: number | null, stats: { firstSendDate: string | null, lastRefreshed: string, statsText: string | null, isExperiment: boolean, effectiveRoas: number | null, effectiveCac: number | null, isLowPerforming: boolean, isHighPerforming: boolean, stats: { mailersSent: number, totalCost: number, campaignOrders: number, campaignRevenue: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, repeatOrders: number, repeatRevenue: number, repeatRate: number | null, subscriptionOrders: number, subscriptionRevenue: number, subscribers: number }, rollingMonthlyStats: Array<{ date: string, revenue: number, roas: number | null, cumulativeRoas: number | null }>, computedMetrics: Array<{ concept: string, value: number | null, basis: string, grade: string }>, experimentResults: Array<{ metric: ExperimentMetric, stat: ExperimentStat, group: ExperimentGroup | null, value: number | null }> } } | null };

export type CampaignTableQueryVariables = Exact<{ [key: string]: never; }>;


export type CampaignTableQuery = { campaigns: Array<{ id: string, name: string, holdoutEnabled: boolean, stats: { isExperiment: boolean, effectiveRoas: number | null, effectiveCac: number | null, isLowPerforming: boolean, isHighPerforming: boolean, stats: { mailersSent: number, totalCost: number, campaignOrders: number, campaignRevenue: number, roas: number | null, cpa: number | null }, computedMetrics: Array<{ concept: string, grade: string }> } }> };

export type FunnelsQueryVariables = Exact<{
  fromDate?: string | null | undefined;
  toDate?: string | null | undefined;
  bySource: boolean;
}>;


export type FunnelsQuery = { funnelConversionReport: { fromDate: string | null, toDate: string | null, rows: Array<{ funnelType: FunnelType, source: string | null, entries: number, purchased: number, conversion: number | null }> }, brevoOutboxSummary: { pending: number, due: number, success: number, failed: number, oldestPendingAgeSeconds: number | null } };

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