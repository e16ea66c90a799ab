/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One attributed order of recordAttributions, upserted by (campaignId, orderId). */
export type AttributionInput = {
  /** Id of one of the caller's campaigns. */
  campaignId: string | number;
  /** Whether the order used the campaign's discount code (default false). */
  discountMatched?: boolean | null | undefined;
  /** Whether the order is a subscription (default false). */
  isSubscription?: boolean | null | undefined;
  /** The customer's n-th order; 1 = first purchase. */
  orderCount: number;
  /** When the order was placed; at most 24 hours ahead. Its local date in the organisation's timezone is the order day of the stats. */
  orderDate: string;
  /** The caller's order id, unique within the campaign; at most once per batch. */
  orderId: string;
  /** externalId of the recipient the order is attributed to; it must be mailed or holdout. */
  recipientExternalId: string;
  /** Order revenue, in the organisation's currency units: ≥ 0, at most 2 decimals. */
  revenue: number;
};

/** A campaign to create or update, matched by externalId. */
export type CampaignInput = {
  /** The caller's own key for the campaign, unique within the organisation. */
  externalId: string;
  /** Whether the campaign keeps a holdout group (default false). */
  holdoutEnabled?: boolean | null | undefined;
  /** Planned holdout share in percent, strictly between 0 and 100; needs holdoutEnabled. Null: the server assigns no new recipient to the holdout. */
  holdoutPercent?: number | null | undefined;
  /** Display name. */
  name: string;
};

/** A certificate purchase to record against the funnel entries of (email, testId). */
export type CertificatePurchaseInput = {
  /** Trimmed and lower-cased, then matched against the entries. */
  email: string;
  /** Omitted: every funnel type of (email, testId). */
  funnelType?: FunnelType | null | undefined;
  /** Default now; at most 24 hours ahead. */
  purchasedAt?: string | null | undefined;
  /** The test id of the entries to mark, matched exactly as stored. */
  testId: string;
};

/** A new organisation. */
export type CreateOrganizationInput = {
  /** Display name, 1 to 200 characters after trimming. */
  name: string;
  /** Whether the aggregation and sync jobs process the organisation (default true). */
  reportingEnabled?: boolean | null | undefined;
  /** IANA time zone (e.g. "Europe/Berlin"; default UTC); days, "today" and report dates are local to it. */
  timezone?: string | null | undefined;
};

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

/** An e-mail entering a funnel of a test. */
export type FunnelEntryInput = {
  /** Trimmed and lower-cased, then validated. */
  email: string;
  /** Default now; at most 24 hours ahead. */
  enteredAt?: string | null | undefined;
  /** The funnel entered. */
  funnelType: FunnelType;
  /** Where the entry came from (e.g. a sign-up form or mailing); optional, reported by the by-source conversion report. */
  source?: string | null | undefined;
  /** 1 to 200 characters, stored as given. */
  testId: string;
  /** The caller's user id for the person; optional. */
  userId?: string | null | undefined;
};

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

/** The state of one Brevo outbox job. */
export type OutboxStatus =
  /** Given up: a fatal error (a 4xx other than 408 and 429) or transient errors beyond the retry limit; retryOutboxJob makes it pending again. */
  | 'FAILED'
  /** Not delivered yet: waiting for its first attempt or for a retry at nextAttemptAt. */
  | 'PENDING'
  /** Delivered to Brevo (processedAt is set). */
  | 'SUCCESS';

/** One recipient of importRecipients, upserted by externalId within the campaign. */
export type RecipientInput = {
  /** Mailing cost of this recipient, in the organisation's currency units: ≥ 0, at most 4 decimals. Replaces the stored value. */
  cost: number;
  /** The caller's own key for the recipient, unique within the campaign. */
  externalId: string;
  /** Omitted: a new recipient is assigned by the server; an existing one keeps its group. */
  isHoldout?: boolean | null | undefined;
  /** The organisation's local date the piece was mailed, not in the future; null for a holdout recipient or not mailed yet. Replaces the stored value. */
  sendDate?: string | null | undefined;
};

/** AGGREGATES: the daily buckets (dashboards). RAW: the attributions themselves (the reference). */
export type StatsSource =
  /** From the daily aggregate buckets: fast, refreshed by the aggregation job (default). */
  | 'AGGREGATES'
  /** Computed from the attributions themselves: always current, slower; the same formulas. */
  | 'RAW';

export type UpsertCampaignMutationVariables = Exact<{
  input: CampaignInput;
}>;


export type UpsertCampaignMutation = { upsertCampaign: { id: string, externalId: string, name: string, holdoutEnabled: boolean, holdoutPercent: number | null } };

export type CampaignsQueryVariables = Exact<{ [key: string]: never; }>;


export type CampaignsQuery = { campaigns: Array<{ id: string, externalId: string, name: string, holdoutEnabled: boolean, holdoutPercent: number | null }> };

export type CampaignByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type CampaignByIdQuery = { campaign: { id: string, externalId: string, name: string, holdoutEnabled: boolean, holdoutPercent: number | null } | null };

export type RecipientsQueryVariables = Exact<{
  campaignId: string | number;
  isHoldout?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RecipientsQuery = { recipients: { endCursor: string | null, hasNextPage: boolean, nodes: Array<{ id: string, externalId: string, isHoldout: boolean, sendDate: string | null, cost: number }> } };

export type ImportRecipientsMutationVariables = Exact<{
  campaignId: string | number;
  recipients: Array<RecipientInput> | RecipientInput;
}>;


export type ImportRecipientsMutation = { importRecipients: { created: number, updated: number, unchanged: number } };

export type RecordAttributionsMutationVariables = Exact<{
  attributions: Array<AttributionInput> | AttributionInput;
}>;


export type RecordAttributionsMutation = { recordAttributions: { created: number, updated: number, unchanged: number } };

export type WithdrawAttributionsMutationVariables = Exact<{
  campaignId: string | number;
  orderIds: Array<string> | string;
}>;


export type WithdrawAttributionsMutation = { withdrawAttributions: { created: number, updated: number, unchanged: number } };

export type FunnelEntryFieldsFragment = { id: string, email: string, funnelType: FunnelType, testId: string, userId: string | null, source: string | null, enteredAt: string, certificatePurchased: boolean, certificatePurchasedAt: string | null };

export type EnterFunnelMutationVariables = Exact<{
  input: FunnelEntryInput;
}>;


export type EnterFunnelMutation = { enterFunnel: { created: boolean, entry: { id: string, email: string, funnelType: FunnelType, testId: string, userId: string | null, source: string | null, enteredAt: string, certificatePurchased: boolean, certificatePurchasedAt: string | null } } };

export type RecordCertificatePurchaseMutationVariables = Exact<{
  input: CertificatePurchaseInput;
}>;


export type RecordCertificatePurchaseMutation = { recordCertificatePurchase: Array<{ id: string, email: string, funnelType: FunnelType, testId: string, userId: string | null, source: string | null, enteredAt: string, certificatePurchased: boolean, certificatePurchasedAt: string | null }> };

export type FunnelConversionReportQueryVariables = Exact<{
  fromDate?: string | null | undefined;
  toDate?: string | null | undefined;
  bySource?: boolean | null | undefined;
}>;


export type FunnelConversionReportQuery = { funnelConversionReport: { fromDate: string | null, toDate: string | null, rows: Array<{ funnelType: FunnelType, source: string | null, entries: number, purchased: number, conversion: number | null }> } };

export type FunnelDuplicatesQueryVariables = Exact<{ [key: string]: never; }>;


export type FunnelDuplicatesQuery = { funnelDuplicates: Array<{ email: string, funnelType: FunnelType, testId: string, count: number, minId: string, maxId: string, firstEnteredAt: string, lastEnteredAt: string, emails: Array<string>, testIds: Array<string> }> };

export type ScheduledJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScheduledJobsQuery = { scheduledJobs: Array<{ name: string, interval: string | null, nextRunAt: string | null, lastRunAt: string | null, lastFinishedAt: string | null, failCount: number, failReason: string | null, lockedAt: string | null }> };

export type RunJobMutationVariables = Exact<{
  name: string;
}>;


export type RunJobMutation = { runJob: boolean };

export type CreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type CreateOrganizationMutation = { createOrganization: { apiKey: string, organization: { id: string, name: string, timezone: string, reportingEnabled: boolean, createdAt: string } } };

export type CreateApiKeyMutationVariables = Exact<{
  organizationId: string | number;
  label?: string | null | undefined;
  expiresAt?: string | null | undefined;
}>;


export type CreateApiKeyMutation = { createApiKey: { id: string, apiKey: string } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: boolean };

export type MyOrganizationQueryVariables = Exact<{ [key: string]: never; }>;


export type MyOrganizationQuery = { organization: { id: string, name: string, timezone: string, reportingEnabled: boolean, createdAt: string } };

export type OutboxJobFieldsFragment = { id: string, funnelEntryId: string, operation: string, status: OutboxStatus, retryCount: number, nextAttemptAt: string | null, lastError: string | null, payload: Record<string, unknown>, createdAt: string, processedAt: string | null };

export type BrevoOutboxQueryVariables = Exact<{
  status?: OutboxStatus | null | undefined;
  funnelEntryId?: string | number | null | undefined;
  first?: number | null | undefined;
}>;


export type BrevoOutboxQuery = { brevoOutbox: Array<{ id: string, funnelEntryId: string, operation: string, status: OutboxStatus, retryCount: number, nextAttemptAt: string | null, lastError: string | null, payload: Record<string, unknown>, createdAt: string, processedAt: string | null }> };

export type BrevoOutboxSummaryQueryVariables = Exact<{ [key: string]: never; }>;


export type BrevoOutboxSummaryQuery = { brevoOutboxSummary: { pending: number, due: number, success: number, failed: number, oldestPendingAgeSeconds: number | null } };

export type RetryOutboxJobMutationVariables = Exact<{
  id: string | number;
}>;


export type RetryOutboxJobMutation = { retryOutboxJob: { id: string, funnelEntryId: string, operation: string, status: OutboxStatus, retryCount: number, nextAttemptAt: string | null, lastError: string | null, payload: Record<string, unknown>, createdAt: string, processedAt: string | null } };

export type RollingRowFieldsFragment = { date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null };

export type StatsResponseFieldsFragment = { firstSendDate: string | null, lastRefreshed: string, statsText: string | null, isExperiment: boolean, effectiveRoas: number | null, effectiveCac: number | null, isLowPerforming: boolean, isHighPerforming: boolean, firstOrderRoas: number | null, testConverters: number | null, stats: { mailersSent: number, campaignOrders: number, campaignRevenue: number, totalCost: number, roas: number | null, conversionRate: number | null, cpa: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, repeatOrders: number, repeatRevenue: number, repeatRate: number | null, subscriptionOrders: number, subscriptionRevenue: number, subscribers: number, discountMatchedOrders: number, customerConversionRate: number | null }, rollingMonthlyStats: Array<{ date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null }>, lastRollingMonthStats: { date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null } | null, lastDelta7Stats: { date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null } | null, experimentResults: Array<{ metric: ExperimentMetric, stat: ExperimentStat, group: ExperimentGroup | null, value: number | null }>, conversionRateIntervals: Array<{ metric: ExperimentMetric, group: ExperimentGroup, recipients: number, converters: number, conversionRate: number | null, low: number | null, high: number | null }>, computedMetrics: Array<{ concept: MetricConcept, value: number | null, basis: MetricBasis, grade: MetricGrade }> };

export type CampaignStatsQueryVariables = Exact<{
  campaignId: string | number;
  fromDate?: string | null | undefined;
  toDate?: string | null | undefined;
  source?: StatsSource | null | undefined;
  fresh?: boolean | null | undefined;
}>;


export type CampaignStatsQuery = { campaignStats: { firstSendDate: string | null, lastRefreshed: string, statsText: string | null, isExperiment: boolean, effectiveRoas: number | null, effectiveCac: number | null, isLowPerforming: boolean, isHighPerforming: boolean, firstOrderRoas: number | null, testConverters: number | null, stats: { mailersSent: number, campaignOrders: number, campaignRevenue: number, totalCost: number, roas: number | null, conversionRate: number | null, cpa: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, repeatOrders: number, repeatRevenue: number, repeatRate: number | null, subscriptionOrders: number, subscriptionRevenue: number, subscribers: number, discountMatchedOrders: number, customerConversionRate: number | null }, rollingMonthlyStats: Array<{ date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null }>, lastRollingMonthStats: { date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null } | null, lastDelta7Stats: { date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null } | null, experimentResults: Array<{ metric: ExperimentMetric, stat: ExperimentStat, group: ExperimentGroup | null, value: number | null }>, conversionRateIntervals: Array<{ metric: ExperimentMetric, group: ExperimentGroup, recipients: number, converters: number, conversionRate: number | null, low: number | null, high: number | null }>, computedMetrics: Array<{ concept: MetricConcept, value: number | null, basis: MetricBasis, grade: MetricGrade }> } };

export type ResetReportingCacheMutationVariables = Exact<{ [key: string]: never; }>;


export type ResetReportingCacheMutation = { resetReportingCache: boolean };

export type OrgStatsQueryVariables = Exact<{
  fromDate?: string | null | undefined;
  toDate?: string | null | undefined;
  source?: StatsSource | null | undefined;
}>;


export type OrgStatsQuery = { orgStats: { firstSendDate: string | null, lastRefreshed: string, statsText: string | null, isExperiment: boolean, effectiveRoas: number | null, effectiveCac: number | null, isLowPerforming: boolean, isHighPerforming: boolean, firstOrderRoas: number | null, testConverters: number | null, stats: { mailersSent: number, campaignOrders: number, campaignRevenue: number, totalCost: number, roas: number | null, conversionRate: number | null, cpa: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, repeatOrders: number, repeatRevenue: number, repeatRate: number | null, subscriptionOrders: number, subscriptionRevenue: number, subscribers: number, discountMatchedOrders: number, customerConversionRate: number | null }, rollingMonthlyStats: Array<{ date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null }>, lastRollingMonthStats: { date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null } | null, lastDelta7Stats: { date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null } | null, experimentResults: Array<{ metric: ExperimentMetric, stat: ExperimentStat, group: ExperimentGroup | null, value: number | null }>, conversionRateIntervals: Array<{ metric: ExperimentMetric, group: ExperimentGroup, recipients: number, converters: number, conversionRate: number | null, low: number | null, high: number | null }>, computedMetrics: Array<{ concept: MetricConcept, value: number | null, basis: MetricBasis, grade: MetricGrade }> } };

export type RollingStatsQueryVariables = Exact<{
  campaignId?: string | number | null | undefined;
  windowDays?: number | null | undefined;
}>;


export type RollingStatsQuery = { rollingStats: Array<{ date: string, windowDays: number, mailersSent: number, orders: number, revenue: number, cost: number, profit: number, roas: number | null, cpa: number | null, conversionRate: number | null, aov: number | null, firstPurchaseOrders: number, firstPurchaseRevenue: number, firstPurchaseRoas: number | null, ltv: number | null, cumulativeOrders: number, cumulativeRevenue: number, cumulativeCost: number, cumulativeProfit: number, cumulativeRoas: number | null }> };

export type CampaignsWithStatsQueryVariables = Exact<{
  fromDate?: string | null | undefined;
  toDate?: string | null | undefined;
}>;


export type CampaignsWithStatsQuery = { campaigns: Array<{ id: string, stats: { stats: { campaignOrders: number, roas: number | null }, lastRollingMonthStats: { date: string, orders: number } | null } }> };

export const FunnelEntryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FunnelEntryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FunnelEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"funnelType"}},{"kind":"Field","name":{"kind":"Name","value":"testId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"enteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"certificatePurchased"}},{"kind":"Field","name":{"kind":"Name","value":"certificatePurchasedAt"}}]}}]} as unknown as DocumentNode<FunnelEntryFieldsFragment, unknown>;
export const OutboxJobFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboxJobFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboxJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"funnelEntryId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"retryCount"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}}]}}]} as unknown as DocumentNode<OutboxJobFieldsFragment, unknown>;
export const RollingRowFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RollingRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RollingStatsRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"windowDays"}},{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"profit"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"ltv"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeOrders"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeCost"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeProfit"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRoas"}}]}}]} as unknown as DocumentNode<RollingRowFieldsFragment, unknown>;
export const StatsResponseFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatsResponseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatsResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"campaignOrders"}},{"kind":"Field","name":{"kind":"Name","value":"campaignRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"totalCost"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"repeatOrders"}},{"kind":"Field","name":{"kind":"Name","value":"repeatRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"repeatRate"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionOrders"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"subscribers"}},{"kind":"Field","name":{"kind":"Name","value":"discountMatchedOrders"}},{"kind":"Field","name":{"kind":"Name","value":"customerConversionRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollingMonthlyStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRollingMonthStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastDelta7Stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSendDate"}},{"kind":"Field","name":{"kind":"Name","value":"lastRefreshed"}},{"kind":"Field","name":{"kind":"Name","value":"statsText"}},{"kind":"Field","name":{"kind":"Name","value":"experimentResults"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"stat"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversionRateIntervals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"converters"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}},{"kind":"Field","name":{"kind":"Name","value":"isExperiment"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveRoas"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveCac"}},{"kind":"Field","name":{"kind":"Name","value":"isLowPerforming"}},{"kind":"Field","name":{"kind":"Name","value":"isHighPerforming"}},{"kind":"Field","name":{"kind":"Name","value":"computedMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concept"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"firstOrderRoas"},"name":{"kind":"Name","value":"experimentResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"FIRST_ORDER"}},{"kind":"Argument","name":{"kind":"Name","value":"stat"},"value":{"kind":"EnumValue","value":"INCREMENTAL_ROAS"}}]},{"kind":"Field","alias":{"kind":"Name","value":"testConverters"},"name":{"kind":"Name","value":"experimentResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"ALL_ORDERS"}},{"kind":"Argument","name":{"kind":"Name","value":"stat"},"value":{"kind":"EnumValue","value":"CONVERTERS"}},{"kind":"Argument","name":{"kind":"Name","value":"group"},"value":{"kind":"EnumValue","value":"TEST"}}]}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RollingRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RollingStatsRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"windowDays"}},{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"profit"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"ltv"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeOrders"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeCost"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeProfit"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRoas"}}]}}]} as unknown as DocumentNode<StatsResponseFieldsFragment, unknown>;
export const UpsertCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"holdoutEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"holdoutPercent"}}]}}]}}]} as unknown as DocumentNode<UpsertCampaignMutation, UpsertCampaignMutationVariables>;
export const CampaignsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"holdoutEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"holdoutPercent"}}]}}]}}]} as unknown as DocumentNode<CampaignsQuery, CampaignsQueryVariables>;
export const CampaignByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"holdoutEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"holdoutPercent"}}]}}]}}]} as unknown as DocumentNode<CampaignByIdQuery, CampaignByIdQueryVariables>;
export const RecipientsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Recipients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"isHoldout"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"isHoldout"},"value":{"kind":"Variable","name":{"kind":"Name","value":"isHoldout"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"isHoldout"}},{"kind":"Field","name":{"kind":"Name","value":"sendDate"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]} as unknown as DocumentNode<RecipientsQuery, RecipientsQueryVariables>;
export const ImportRecipientsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportRecipients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recipients"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecipientInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importRecipients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"recipients"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recipients"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}}]}}]}}]} as unknown as DocumentNode<ImportRecipientsMutation, ImportRecipientsMutationVariables>;
export const RecordAttributionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordAttributions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"attributions"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributionInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordAttributions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"attributions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"attributions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}}]}}]}}]} as unknown as DocumentNode<RecordAttributionsMutation, RecordAttributionsMutationVariables>;
export const WithdrawAttributionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawAttributions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawAttributions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}}]}}]}}]} as unknown as DocumentNode<WithdrawAttributionsMutation, WithdrawAttributionsMutationVariables>;
export const EnterFunnelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnterFunnel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FunnelEntryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterFunnel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"entry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FunnelEntryFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FunnelEntryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FunnelEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"funnelType"}},{"kind":"Field","name":{"kind":"Name","value":"testId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"enteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"certificatePurchased"}},{"kind":"Field","name":{"kind":"Name","value":"certificatePurchasedAt"}}]}}]} as unknown as DocumentNode<EnterFunnelMutation, EnterFunnelMutationVariables>;
export const RecordCertificatePurchaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCertificatePurchase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CertificatePurchaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCertificatePurchase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FunnelEntryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FunnelEntryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FunnelEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"funnelType"}},{"kind":"Field","name":{"kind":"Name","value":"testId"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"enteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"certificatePurchased"}},{"kind":"Field","name":{"kind":"Name","value":"certificatePurchasedAt"}}]}}]} as unknown as DocumentNode<RecordCertificatePurchaseMutation, RecordCertificatePurchaseMutationVariables>;
export const FunnelConversionReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FunnelConversionReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bySource"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"funnelConversionReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fromDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"toDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"bySource"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bySource"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromDate"}},{"kind":"Field","name":{"kind":"Name","value":"toDate"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"funnelType"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"entries"}},{"kind":"Field","name":{"kind":"Name","value":"purchased"}},{"kind":"Field","name":{"kind":"Name","value":"conversion"}}]}}]}}]}}]} as unknown as DocumentNode<FunnelConversionReportQuery, FunnelConversionReportQueryVariables>;
export const FunnelDuplicatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FunnelDuplicates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"funnelDuplicates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"funnelType"}},{"kind":"Field","name":{"kind":"Name","value":"testId"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"minId"}},{"kind":"Field","name":{"kind":"Name","value":"maxId"}},{"kind":"Field","name":{"kind":"Name","value":"firstEnteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastEnteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"emails"}},{"kind":"Field","name":{"kind":"Name","value":"testIds"}}]}}]}}]} as unknown as DocumentNode<FunnelDuplicatesQuery, FunnelDuplicatesQueryVariables>;
export const ScheduledJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduledJobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledJobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"failCount"}},{"kind":"Field","name":{"kind":"Name","value":"failReason"}},{"kind":"Field","name":{"kind":"Name","value":"lockedAt"}}]}}]}}]} as unknown as DocumentNode<ScheduledJobsQuery, ScheduledJobsQueryVariables>;
export const RunJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}]}}]} as unknown as DocumentNode<RunJobMutation, RunJobMutationVariables>;
export const CreateOrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOrganization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateOrganizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createOrganization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"reportingEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreateOrganizationMutation, CreateOrganizationMutationVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"label"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresAt"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"Variable","name":{"kind":"Name","value":"label"}}},{"kind":"Argument","name":{"kind":"Name","value":"expiresAt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresAt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const MyOrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyOrganization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"reportingEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<MyOrganizationQuery, MyOrganizationQueryVariables>;
export const BrevoOutboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BrevoOutbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OutboxStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"funnelEntryId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brevoOutbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"funnelEntryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"funnelEntryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboxJobFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboxJobFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboxJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"funnelEntryId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"retryCount"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}}]}}]} as unknown as DocumentNode<BrevoOutboxQuery, BrevoOutboxQueryVariables>;
export const BrevoOutboxSummaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BrevoOutboxSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brevoOutboxSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"oldestPendingAgeSeconds"}}]}}]}}]} as unknown as DocumentNode<BrevoOutboxSummaryQuery, BrevoOutboxSummaryQueryVariables>;
export const RetryOutboxJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryOutboxJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryOutboxJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboxJobFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboxJobFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboxJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"funnelEntryId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"retryCount"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}}]}}]} as unknown as DocumentNode<RetryOutboxJobMutation, RetryOutboxJobMutationVariables>;
export const CampaignStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsSource"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fresh"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fromDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"toDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}},{"kind":"Argument","name":{"kind":"Name","value":"fresh"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fresh"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatsResponseFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RollingRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RollingStatsRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"windowDays"}},{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"profit"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"ltv"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeOrders"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeCost"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeProfit"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRoas"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatsResponseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatsResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"campaignOrders"}},{"kind":"Field","name":{"kind":"Name","value":"campaignRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"totalCost"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"repeatOrders"}},{"kind":"Field","name":{"kind":"Name","value":"repeatRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"repeatRate"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionOrders"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"subscribers"}},{"kind":"Field","name":{"kind":"Name","value":"discountMatchedOrders"}},{"kind":"Field","name":{"kind":"Name","value":"customerConversionRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollingMonthlyStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRollingMonthStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastDelta7Stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSendDate"}},{"kind":"Field","name":{"kind":"Name","value":"lastRefreshed"}},{"kind":"Field","name":{"kind":"Name","value":"statsText"}},{"kind":"Field","name":{"kind":"Name","value":"experimentResults"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"stat"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversionRateIntervals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"converters"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}},{"kind":"Field","name":{"kind":"Name","value":"isExperiment"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveRoas"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveCac"}},{"kind":"Field","name":{"kind":"Name","value":"isLowPerforming"}},{"kind":"Field","name":{"kind":"Name","value":"isHighPerforming"}},{"kind":"Field","name":{"kind":"Name","value":"computedMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concept"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"firstOrderRoas"},"name":{"kind":"Name","value":"experimentResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"FIRST_ORDER"}},{"kind":"Argument","name":{"kind":"Name","value":"stat"},"value":{"kind":"EnumValue","value":"INCREMENTAL_ROAS"}}]},{"kind":"Field","alias":{"kind":"Name","value":"testConverters"},"name":{"kind":"Name","value":"experimentResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"ALL_ORDERS"}},{"kind":"Argument","name":{"kind":"Name","value":"stat"},"value":{"kind":"EnumValue","value":"CONVERTERS"}},{"kind":"Argument","name":{"kind":"Name","value":"group"},"value":{"kind":"EnumValue","value":"TEST"}}]}]}}]} as unknown as DocumentNode<CampaignStatsQuery, CampaignStatsQueryVariables>;
export const ResetReportingCacheDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetReportingCache"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetReportingCache"}}]}}]} as unknown as DocumentNode<ResetReportingCacheMutation, ResetReportingCacheMutationVariables>;
export const OrgStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrgStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsSource"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fromDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"toDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatsResponseFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RollingRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RollingStatsRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"windowDays"}},{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"profit"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"ltv"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeOrders"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeCost"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeProfit"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRoas"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatsResponseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatsResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"campaignOrders"}},{"kind":"Field","name":{"kind":"Name","value":"campaignRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"totalCost"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"repeatOrders"}},{"kind":"Field","name":{"kind":"Name","value":"repeatRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"repeatRate"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionOrders"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"subscribers"}},{"kind":"Field","name":{"kind":"Name","value":"discountMatchedOrders"}},{"kind":"Field","name":{"kind":"Name","value":"customerConversionRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollingMonthlyStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRollingMonthStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastDelta7Stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstSendDate"}},{"kind":"Field","name":{"kind":"Name","value":"lastRefreshed"}},{"kind":"Field","name":{"kind":"Name","value":"statsText"}},{"kind":"Field","name":{"kind":"Name","value":"experimentResults"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"stat"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversionRateIntervals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"converters"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}},{"kind":"Field","name":{"kind":"Name","value":"isExperiment"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveRoas"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveCac"}},{"kind":"Field","name":{"kind":"Name","value":"isLowPerforming"}},{"kind":"Field","name":{"kind":"Name","value":"isHighPerforming"}},{"kind":"Field","name":{"kind":"Name","value":"computedMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concept"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"firstOrderRoas"},"name":{"kind":"Name","value":"experimentResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"FIRST_ORDER"}},{"kind":"Argument","name":{"kind":"Name","value":"stat"},"value":{"kind":"EnumValue","value":"INCREMENTAL_ROAS"}}]},{"kind":"Field","alias":{"kind":"Name","value":"testConverters"},"name":{"kind":"Name","value":"experimentResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"EnumValue","value":"ALL_ORDERS"}},{"kind":"Argument","name":{"kind":"Name","value":"stat"},"value":{"kind":"EnumValue","value":"CONVERTERS"}},{"kind":"Argument","name":{"kind":"Name","value":"group"},"value":{"kind":"EnumValue","value":"TEST"}}]}]}}]} as unknown as DocumentNode<OrgStatsQuery, OrgStatsQueryVariables>;
export const RollingStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RollingStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"windowDays"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollingStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"windowDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"windowDays"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RollingRowFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RollingRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RollingStatsRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"windowDays"}},{"kind":"Field","name":{"kind":"Name","value":"mailersSent"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"profit"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"cpa"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"aov"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseOrders"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"firstPurchaseRoas"}},{"kind":"Field","name":{"kind":"Name","value":"ltv"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeOrders"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeCost"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeProfit"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRoas"}}]}}]} as unknown as DocumentNode<RollingStatsQuery, RollingStatsQueryVariables>;
export const CampaignsWithStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignsWithStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fromDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"toDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toDate"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignOrders"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRollingMonthStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CampaignsWithStatsQuery, CampaignsWithStatsQueryVariables>;