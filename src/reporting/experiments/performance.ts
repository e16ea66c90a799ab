import { findExperimentResult, type ExperimentRow } from './experiment.results';
import type { Stats } from '../stats.formulas';

/**
 * The StatsResponse helpers of spec §4 and §11: effective ROAS and CAC, the performance
 * flags and computedMetrics. They always cover the whole campaign (never the date range).
 * Pure.
 */

export interface Performance {
  isExperiment: boolean;
  effectiveRoas: number | null;
  effectiveCac: number | null;
  isLowPerforming: boolean;
  isHighPerforming: boolean;
  computedMetrics: ComputedMetric[];
}

export type Basis = 'INCREMENTAL' | 'FIRST_PURCHASE' | 'GROSS';
export type Grade = 'HIGH' | 'LOW' | 'NEUTRAL' | 'INSUFFICIENT_DATA';

export interface ComputedMetric {
  concept: 'return_on_spend' | 'acquisition_cost' | 'conversion_rate' | 'revenue';
  value: number | null;
  basis: Basis;
  grade: Grade;
}

/** Below this many mailers (or recipients per experiment group) nothing is graded. */
export const MIN_SAMPLE = 100;

export function performanceOf(whole: Stats, experiment: ExperimentRow[] | null): Performance {
  const isExperiment = experiment !== null;
  const first = (stat: Parameters<typeof findExperimentResult>[2], group: 'TEST' | 'CONTROL' | null = null) =>
    experiment ? findExperimentResult(experiment, 'FIRST_ORDER', stat, group) : null;
  const effectiveRoas = isExperiment ? first('INCREMENTAL_ROAS') : whole.firstPurchaseRoas;
  const effectiveCac = isExperiment ? first('INCREMENTAL_CUSTOMER_ACQUISITION_COST') : whole.cpa;
  // A null CAC with cost > 0 (no orders, or no incremental customers) is infinitely expensive;
  // a null ROAS (no cost) makes both flags false.
  const cacForFlags = effectiveCac ?? (whole.totalCost > 0 ? Number.POSITIVE_INFINITY : null);
  const isLowPerforming = effectiveRoas !== null && cacForFlags !== null && effectiveRoas < 1.0 && cacForFlags > 100;
  const isHighPerforming = effectiveRoas !== null && cacForFlags !== null && effectiveRoas > 3.0 && cacForFlags < 40;

  const insufficient =
    whole.mailersSent < MIN_SAMPLE ||
    (isExperiment && ((first('RECIPIENTS', 'TEST') ?? 0) < MIN_SAMPLE || (first('RECIPIENTS', 'CONTROL') ?? 0) < MIN_SAMPLE || first('SIGNIFICANT') !== 1));
  const flagGrade: Grade = insufficient ? 'INSUFFICIENT_DATA' : isHighPerforming ? 'HIGH' : isLowPerforming ? 'LOW' : 'NEUTRAL';
  const plainGrade: Grade = insufficient ? 'INSUFFICIENT_DATA' : 'NEUTRAL';
  const computedMetrics: ComputedMetric[] = isExperiment
    ? [
        { concept: 'return_on_spend', value: effectiveRoas, basis: 'INCREMENTAL', grade: flagGrade },
        { concept: 'acquisition_cost', value: effectiveCac, basis: 'INCREMENTAL', grade: flagGrade },
        { concept: 'conversion_rate', value: first('METRIC_UPLIFT'), basis: 'INCREMENTAL', grade: plainGrade },
        { concept: 'revenue', value: findExperimentResult(experiment!, 'ALL_ORDERS', 'INCREMENTAL_REVENUE', null), basis: 'INCREMENTAL', grade: plainGrade },
      ]
    : [
        { concept: 'return_on_spend', value: whole.firstPurchaseRoas, basis: 'FIRST_PURCHASE', grade: flagGrade },
        { concept: 'acquisition_cost', value: whole.cpa, basis: 'GROSS', grade: flagGrade },
        { concept: 'conversion_rate', value: whole.conversionRate, basis: 'GROSS', grade: plainGrade },
        { concept: 'revenue', value: whole.campaignRevenue, basis: 'GROSS', grade: plainGrade },
      ];
  return { isExperiment, effectiveRoas, effectiveCac, isLowPerforming, isHighPerforming, computedMetrics };
}
