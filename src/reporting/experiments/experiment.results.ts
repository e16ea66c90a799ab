import { moneyToNumber, type Money } from '../money';
import { minimumDetectableUplift, sampleRatioMismatch, scoreRatioInterval, significanceTest, wilsonInterval } from './experiment.statistics';

/**
 * `experimentResults` (spec §5): the fixed row set per metric, rows with a null value
 * included, so `experimentResult(metric, stat, group)` is one lookup. Pure.
 */

export type ExperimentMetric = 'FIRST_ORDER' | 'ALL_ORDERS';
export type ExperimentGroup = 'TEST' | 'CONTROL';
export type ExperimentStat =
  | 'WIN_PROBABILITY'
  | 'P_VALUE'
  | 'SIGNIFICANT'
  | 'INCREMENTAL_REVENUE'
  | 'INCREMENTAL_ROAS'
  | 'INCREMENTAL_CUSTOMER_ACQUISITION_COST'
  | 'METRIC_UPLIFT'
  | 'UPLIFT_CI_LOW'
  | 'UPLIFT_CI_HIGH'
  | 'MINIMUM_DETECTABLE_UPLIFT'
  | 'RECIPIENTS'
  | 'ORDERS'
  | 'CONVERTERS'
  | 'REVENUE'
  | 'CONVERSION_RATE'
  | 'COST'
  | 'REVENUE_PER_RECIPIENT'
  | 'SRM_P_VALUE'
  | 'SAMPLE_RATIO_MISMATCH';

export interface ExperimentRow {
  metric: ExperimentMetric;
  stat: ExperimentStat;
  group: ExperimentGroup | null;
  value: number | null;
}

/** One group's totals for one metric (qualifying orders, their revenue, converters). */
export interface GroupTotals {
  recipients: number;
  orders: number;
  converters: number;
  revenue: Money;
}

export interface ExperimentInput {
  /** The planned holdout share in percent; null: no sample-ratio test. */
  holdoutPercent: number | null;
  /** The TEST group's cost (mailed recipients). */
  cost: Money;
  /** All non-holdout recipients, mailed or not (the observed split of the SRM test). */
  treatmentRecipients: number;
  holdoutRecipients: number;
  groups: Record<ExperimentMetric, { test: GroupTotals; control: GroupTotals }>;
}

export const EXPERIMENT_METRICS: ExperimentMetric[] = ['FIRST_ORDER', 'ALL_ORDERS'];
const GROUP_STATS: ExperimentStat[] = ['RECIPIENTS', 'ORDERS', 'CONVERTERS', 'REVENUE', 'CONVERSION_RATE', 'REVENUE_PER_RECIPIENT'];

const perRecipient = (amount: number, n: number) => (n === 0 ? null : amount / n);
const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

function groupRows(metric: ExperimentMetric, group: ExperimentGroup, t: GroupTotals): ExperimentRow[] {
  const revenue = moneyToNumber(t.revenue);
  const values: Record<string, number | null> = {
    RECIPIENTS: t.recipients,
    ORDERS: t.orders,
    CONVERTERS: t.converters,
    REVENUE: revenue,
    CONVERSION_RATE: perRecipient(t.converters, t.recipients),
    REVENUE_PER_RECIPIENT: perRecipient(revenue, t.recipients),
  };
  return GROUP_STATS.map((stat) => ({ metric, stat, group, value: values[stat] }));
}

function comparisonRows(metric: ExperimentMetric, input: ExperimentInput): ExperimentRow[] {
  const { test, control } = input.groups[metric];
  const cost = moneyToNumber(input.cost);
  // A group with no recipients makes every comparative stat null (spec §5).
  const comparable = test.recipients > 0 && control.recipients > 0;
  const pT = test.recipients > 0 ? test.converters / test.recipients : 0;
  const pC = control.recipients > 0 ? control.converters / control.recipients : 0;
  const table = { xT: test.converters, nT: test.recipients, xC: control.converters, nC: control.recipients };
  const significance = comparable ? significanceTest(table) : null;
  const interval = comparable ? scoreRatioInterval(table) : null;
  const incrementalRevenue = comparable
    ? (moneyToNumber(test.revenue) / test.recipients - moneyToNumber(control.revenue) / control.recipients) * test.recipients
    : null;
  const srm = input.holdoutPercent === null ? null : sampleRatioMismatch(input.treatmentRecipients, input.holdoutRecipients, input.holdoutPercent);
  const rows: ExperimentRow[] = [
    { metric, stat: 'WIN_PROBABILITY', group: null, value: significance?.winProbability ?? null },
    { metric, stat: 'P_VALUE', group: null, value: significance?.pValue ?? null },
    { metric, stat: 'SIGNIFICANT', group: null, value: flag(significance?.significant ?? null) },
    { metric, stat: 'METRIC_UPLIFT', group: null, value: comparable && pC > 0 ? pT / pC - 1 : null },
    { metric, stat: 'UPLIFT_CI_LOW', group: null, value: interval === null ? null : interval.low - 1 },
    { metric, stat: 'UPLIFT_CI_HIGH', group: null, value: interval === null || interval.high === null ? null : interval.high - 1 },
    { metric, stat: 'MINIMUM_DETECTABLE_UPLIFT', group: null, value: comparable ? minimumDetectableUplift(pC, test.recipients, control.recipients) : null },
    { metric, stat: 'INCREMENTAL_REVENUE', group: null, value: incrementalRevenue },
    { metric, stat: 'INCREMENTAL_ROAS', group: null, value: incrementalRevenue === null || cost === 0 ? null : incrementalRevenue / cost },
    { metric, stat: 'SRM_P_VALUE', group: null, value: srm?.pValue ?? null },
    { metric, stat: 'SAMPLE_RATIO_MISMATCH', group: null, value: flag(srm?.mismatch ?? null) },
  ];
  if (metric === 'FIRST_ORDER') {
    const incrementalCustomers = comparable ? (pT - pC) * test.recipients : null;
    rows.push({
      metric,
      stat: 'INCREMENTAL_CUSTOMER_ACQUISITION_COST',
      group: null,
      value: incrementalCustomers === null || incrementalCustomers <= 0 ? null : cost / incrementalCustomers,
    });
  }
  return rows;
}

/** The fixed rows of every metric: groups' figures, TEST's cost, then the comparisons. */
export function experimentResults(input: ExperimentInput): ExperimentRow[] {
  return EXPERIMENT_METRICS.flatMap((metric) => [
    ...groupRows(metric, 'TEST', input.groups[metric].test),
    ...groupRows(metric, 'CONTROL', input.groups[metric].control),
    { metric, stat: 'COST' as const, group: 'TEST' as const, value: moneyToNumber(input.cost) },
    ...comparisonRows(metric, input),
  ]);
}

/** `experimentResult(metric, stat, group)`: without a group, the row whose group is null. */
export function findExperimentResult(rows: ExperimentRow[], metric: ExperimentMetric, stat: ExperimentStat, group: ExperimentGroup | null): number | null {
  return rows.find((r) => r.metric === metric && r.stat === stat && r.group === group)?.value ?? null;
}

/** One group's conversion rate with its 95% Wilson interval; all three null without recipients. */
export interface ConversionRateInterval {
  metric: ExperimentMetric;
  group: ExperimentGroup;
  recipients: number;
  converters: number;
  conversionRate: number | null;
  low: number | null;
  high: number | null;
}

/**
 * `conversionRateIntervals`: each group's CONVERSION_RATE with a 95% interval of its own, derived
 * from the fixed rows (RECIPIENTS, CONVERTERS), so a cached response and a fresh one agree and
 * the row set of spec §5 stays as it is. Empty when the rows are (not an experiment).
 */
export function conversionRateIntervals(rows: ExperimentRow[]): ConversionRateInterval[] {
  if (rows.length === 0) return [];
  return EXPERIMENT_METRICS.flatMap((metric) =>
    (['TEST', 'CONTROL'] as const).map((group) => {
      const recipients = findExperimentResult(rows, metric, 'RECIPIENTS', group) ?? 0;
      const converters = findExperimentResult(rows, metric, 'CONVERTERS', group) ?? 0;
      const interval = recipients > 0 ? wilsonInterval(converters, recipients) : null;
      return { metric, group, recipients, converters, conversionRate: recipients > 0 ? converters / recipients : null, low: interval?.low ?? null, high: interval?.high ?? null };
    }),
  );
}
