import erfc from '@stdlib/math-base-special-erfc';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * The statistics of holdout experiments, second edition of spec §5: pure functions with no IO.
 * Distribution functions rest on stdlib's erfc (accurate to double precision):
 *   Φ(z) = ½·erfc(−z/√2), two-sided p = erfc(|z|/√2), and for one degree of freedom the
 *   chi-square tail P(X > χ²) = erfc(√(χ²/2)) — each without cancellation in the tails.
 * Notation: x converters of n recipients, t = TEST (mailed), c = CONTROL (holdout).
 */

/** Φ⁻¹(0.975), the two-sided 95% normal quantile (spec §5: not 1.96). */
export const Z_975 = 1.959963984540054;
/** Φ⁻¹(0.8), the quantile of 80% power (spec §5). */
export const Z_80 = 0.8416212335729143;
/** Two tables' probabilities within this factor count as equal in the exact test (spec §5). */
const FISHER_RELATIVE_TOLERANCE = 1e-7;
/** The interval's bounds are solved to this width in log θ, i.e. ≈ 1e-12 relative (spec: ≤ 1e-10). */
const ROOT_LOG_WIDTH = 1e-12;

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Converters and recipients of both groups; both n ≥ 1, 0 ≤ x ≤ n, all integers. */
export interface ConversionTable {
  xT: number;
  nT: number;
  xC: number;
  nC: number;
}

/**
 * The N−1 two-proportion statistic (Campbell 2007): the pooled z times √((N−1)/N), which is
 * also the Miettinen–Nurminen score statistic at ratio 1. 0 when p̄ is 0 or 1.
 */
export function nMinusOneStatistic({ xT, nT, xC, nC }: ConversionTable): number {
  const n = nT + nC;
  const pooled = (xT + xC) / n;
  if (pooled === 0 || pooled === 1) return 0;
  return ((xT / nT - xC / nC) / Math.sqrt(pooled * (1 - pooled) * (1 / nT + 1 / nC))) * Math.sqrt((n - 1) / n);
}

/** The smallest expected cell count of the 2×2 table under no difference (Campbell's rule). */
export function smallestExpectedCount({ xT, nT, xC, nC }: ConversionTable): number {
  const n = nT + nC;
  const m = xT + xC;
  return (Math.min(m, n - m) * Math.min(nT, nC)) / n;
}

/**
 * Two-sided Fisher–Irwin exact test: the summed hypergeometric probability of every table with
 * the observed margins that is at most the observed table's probability × (1 + 10⁻⁷).
 *
 * Log-probabilities are taken relative to the observed table and walked with the exact ratio of
 * neighbouring tables, P(k+1)/P(k) = (n_t−k)(m−k) / ((k+1)(n_c−m+k+1)), rather than as sums of
 * log-gamma values: at 10⁵ recipients those are ≈ 10⁶ each and their differences would keep only
 * ≈ 10⁻¹⁰ absolute, while each ratio here is exact to one rounding.
 */
export function fisherExactTwoSided({ xT, nT, xC, nC }: ConversionTable): number {
  const m = xT + xC;
  const low = Math.max(0, m - nC);
  const high = Math.min(m, nT);
  const logRelative = new Float64Array(high - low + 1);
  for (let k = xT; k < high; k++) {
    logRelative[k + 1 - low] = logRelative[k - low] + Math.log(((nT - k) * (m - k)) / ((k + 1) * (nC - m + k + 1)));
  }
  for (let k = xT; k > low; k--) {
    logRelative[k - 1 - low] = logRelative[k - low] + Math.log((k * (nC - m + k)) / ((nT - k + 1) * (m - k + 1)));
  }
  const threshold = Math.log1p(FISHER_RELATIVE_TOLERANCE);
  // Scaled by the most probable table so that no exponential overflows.
  let peak = 0;
  for (const value of logRelative) peak = Math.max(peak, value);
  let all = 0;
  let asExtreme = 0;
  for (const value of logRelative) {
    const weight = Math.exp(value - peak);
    all += weight;
    if (value <= threshold) asExtreme += weight;
  }
  return Math.min(1, asExtreme / all);
}

export interface SignificanceTest {
  /** The signed N−1 statistic. */
  z: number;
  /** Φ(z): 0.5 when p̄ is 0 or 1. */
  winProbability: number;
  pValue: number;
  /** Whether the p-value came from the N−1 test (else the exact test). */
  usesNMinusOne: boolean;
  significant: boolean;
}

/**
 * Campbell (2007): the N−1 chi-square test when the smallest expected count is at least 1, the
 * two-sided Fisher–Irwin test below; significant when p < 0.05.
 */
export function significanceTest(table: ConversionTable): SignificanceTest {
  const z = nMinusOneStatistic(table);
  const usesNMinusOne = smallestExpectedCount(table) >= 1;
  const pValue = usesNMinusOne ? erfc(Math.abs(z) / Math.SQRT2) : fisherExactTwoSided(table);
  return { z, winProbability: normalCdf(z), pValue, usesNMinusOne, significant: pValue < 0.05 };
}

/**
 * The Miettinen–Nurminen score statistic z(θ) for H₀: p_t / p_c = θ (θ > 0), with the restricted
 * maximum-likelihood estimates p̃_c, p̃_t = θ·p̃_c and the variance factor N/(N−1). Decreasing in θ.
 */
export function scoreStatistic({ xT, nT, xC, nC }: ConversionTable, theta: number): number {
  const n = nT + nC;
  const a = n * theta;
  const b = -(nT * theta + xT + nC + xC * theta);
  const c = xT + xC;
  // The smaller root (−b − √D)/(2a) in the form 2c/(−b + √D): b < 0, so nothing cancels.
  const pC = Math.min((2 * c) / (-b + Math.sqrt(Math.max(0, b * b - 4 * a * c))), 1, 1 / theta);
  const pT = theta * pC;
  const variance = ((pT * (1 - pT)) / nT + (theta * theta * pC * (1 - pC)) / nC) * (n / (n - 1));
  return (xT / nT - (theta * xC) / nC) / Math.sqrt(variance);
}

/**
 * The θ where a decreasing f crosses `target`, by bisection on log θ between a point known to be
 * at or above the target (`above`) and one known to be below it (`below`): a bracketing method
 * cannot miss the root, and about 45 halvings reach ROOT_LOG_WIDTH.
 */
function solveDecreasing(f: (theta: number) => number, target: number, above: number, below: number): number {
  let lo = Math.log(above);
  let hi = Math.log(below);
  while (Math.abs(hi - lo) > ROOT_LOG_WIDTH) {
    const mid = (lo + hi) / 2;
    if (f(Math.exp(mid)) >= target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Steps away from `start` (×e, ×e², ×e⁴, … up to ×e²⁵⁶, where b² of the restricted estimate
 * still fits a double) until f is on the far side of `target`.
 */
function bracketEnd(f: (theta: number) => number, target: number, start: number, direction: 1 | -1): number {
  for (let step = 1; step <= 256; step *= 2) {
    const theta = start * Math.exp(direction * step);
    if (direction === 1 ? f(theta) < target : f(theta) >= target) return theta;
  }
  throw new Error(`score interval: no bracket from θ = ${start}`);
}

export interface RatioInterval {
  /** θ_L ≥ 0 (0 when the test group has no converters). */
  low: number;
  /** θ_U, or null (no upper bound) when the control group has no converters. */
  high: number | null;
}

/** A 95% interval for one group's conversion rate x / n (fractions in [0, 1]). */
export interface ProportionInterval {
  low: number;
  high: number;
}

/**
 * The 95% Wilson (1927) score interval for one proportion x / n (n ≥ 1): every p whose score
 * statistic (x/n − p) / √(p(1−p)/n) lies within ±z₉₇₅ — the one-sample member of the score
 * family the uplift interval belongs to. Unlike the Wald interval it never leaves [0, 1] and
 * keeps its coverage at a handful of converters: x = 0 gives low = 0, x = n gives high = 1.
 * Closed form: (x + z²/2 ± z·√(x(n−x)/n + z²/4)) / (n + z²).
 */
export function wilsonInterval(x: number, n: number): ProportionInterval {
  const z2 = Z_975 * Z_975;
  const centre = x + z2 / 2;
  const half = Z_975 * Math.sqrt((x * (n - x)) / n + z2 / 4);
  // (centre − half)(centre + half) = x²(n + z²)/n, so the lower bound is x² / (n·(centre + half)):
  // the same value without the cancellation of centre − half when x is small against n.
  return { low: (x * x) / (n * (centre + half)), high: x === n ? 1 : (centre + half) / (n + z2) };
}

/**
 * The 95% Miettinen–Nurminen score interval for θ = p_t / p_c: every θ with |z(θ)| ≤ z₉₇₅.
 * Each bound is bracketed by θ = 1 where possible, so the interval excludes 1 exactly when
 * |z(1)| (the N−1 statistic) exceeds z₉₇₅: the interval and the N−1 test agree by construction.
 */
export function scoreRatioInterval(table: ConversionTable): RatioInterval {
  const { xT, nT, xC, nC } = table;
  const f = (theta: number) => scoreStatistic(table, theta);
  const estimate = xC === 0 ? Number.POSITIVE_INFINITY : xT / nT / (xC / nC);
  const atOne = nMinusOneStatistic(table);

  let low = 0;
  if (xT > 0) {
    // z(θ̂) = 0 < z₉₇₅ and z → +∞ as θ → 0.
    if (atOne >= Z_975) low = solveDecreasing(f, Z_975, 1, estimate === Number.POSITIVE_INFINITY ? bracketEnd(f, Z_975, 1, 1) : estimate);
    else {
      const below = Math.min(estimate, 1);
      low = solveDecreasing(f, Z_975, bracketEnd(f, Z_975, below, -1), below);
    }
  }

  let high: number | null = null;
  if (xC > 0) {
    // z(θ̂) = 0 > −z₉₇₅ and z → −∞ as θ → ∞.
    if (atOne < -Z_975) high = solveDecreasing(f, -Z_975, xT === 0 ? bracketEnd(f, -Z_975, 1, -1) : estimate, 1);
    else {
      const above = Math.max(estimate, 1);
      high = solveDecreasing(f, -Z_975, above, bracketEnd(f, -Z_975, above, 1));
    }
  }
  return { low, high };
}

/**
 * The smallest relative uplift detectable with 80% power at two-sided α = 0.05, p_c the
 * baseline of both groups: (z₉₇₅ + z₈₀)·√(p_c(1−p_c)(1/n_t + 1/n_c)) / p_c; null when p_c is 0 or 1.
 */
export function minimumDetectableUplift(pC: number, nT: number, nC: number): number | null {
  if (pC <= 0 || pC >= 1) return null;
  return ((Z_975 + Z_80) * Math.sqrt(pC * (1 - pC) * (1 / nT + 1 / nC))) / pC;
}

export interface HoldoutPlanInput {
  recipients: number;
  baselineConversionRate: number;
  minimumDetectableUplift: number;
  power: number;
}

export interface HoldoutPlan {
  feasible: boolean;
  /** 100·h, null when infeasible. */
  holdoutPercent: number | null;
  /** ⌈N·h⌉, null when infeasible. */
  holdoutRecipients: number | null;
  /** The uplift detectable at a 50/50 split: the best any split can do. */
  minimumDetectableUpliftAtHalf: number;
}

/** What is wrong with a holdout plan's arguments: [argument, message] pairs (empty when fine). */
export function holdoutPlanProblems(input: HoldoutPlanInput): Array<[keyof HoldoutPlanInput, string]> {
  const problems: Array<[keyof HoldoutPlanInput, string]> = [];
  const { recipients, baselineConversionRate: p, minimumDetectableUplift: u, power } = input;
  if (!Number.isSafeInteger(recipients) || recipients < 2) problems.push(['recipients', 'must be a whole number of at least 2']);
  if (!Number.isFinite(p) || p <= 0 || p >= 1) problems.push(['baselineConversionRate', 'must be a fraction strictly between 0 and 1']);
  if (!Number.isFinite(u) || u <= 0) problems.push(['minimumDetectableUplift', 'must be a finite relative uplift greater than 0']);
  if (!Number.isFinite(power) || power < 0.5 || power >= 1) problems.push(['power', 'must be at least 0.5 and less than 1']);
  return problems;
}

/**
 * The smallest holdout share h (0 < h ≤ ½) whose minimum detectable uplift is at most u (spec §5):
 * K = (u·p / ((z₉₇₅ + z_β)·√(p(1−p))))², q = 4 / (N·K); feasible when q ≤ 1, with
 * h = q / (2·(1 + √(1 − q))), the stable form of (1 − √(1 − q)) / 2. Valid input only
 * (see holdoutPlanProblems).
 */
export function holdoutPlan({ recipients: n, baselineConversionRate: p, minimumDetectableUplift: u, power }: HoldoutPlanInput): HoldoutPlan {
  const zSum = Z_975 + normalQuantile(power, 0, 1);
  const minimumDetectableUpliftAtHalf = (zSum * Math.sqrt((p * (1 - p) * 4) / n)) / p;
  const k = ((u * p) / (zSum * Math.sqrt(p * (1 - p)))) ** 2;
  const q = 4 / (n * k);
  if (!(q <= 1)) return { feasible: false, holdoutPercent: null, holdoutRecipients: null, minimumDetectableUpliftAtHalf };
  const h = q / (2 * (1 + Math.sqrt(1 - q)));
  return { feasible: true, holdoutPercent: 100 * h, holdoutRecipients: Math.ceil(n * h), minimumDetectableUpliftAtHalf };
}

/**
 * Sample ratio mismatch: Pearson chi-square (1 df, no continuity correction) of the observed
 * treatment/holdout split against the planned (100 − h) : h; mismatch when p < 0.001.
 */
export function sampleRatioMismatch(treatment: number, holdout: number, holdoutPercent: number): { chiSquare: number; pValue: number; mismatch: boolean } | null {
  const total = treatment + holdout;
  if (total === 0 || !(holdoutPercent > 0 && holdoutPercent < 100)) return null;
  const expectedHoldout = (total * holdoutPercent) / 100;
  const expectedTreatment = total - expectedHoldout;
  const chiSquare = (treatment - expectedTreatment) ** 2 / expectedTreatment + (holdout - expectedHoldout) ** 2 / expectedHoldout;
  const pValue = erfc(Math.sqrt(chiSquare / 2));
  return { chiSquare, pValue, mismatch: pValue < 0.001 };
}
