import erfc from '@stdlib/math-base-special-erfc';

/**
 * The statistics of holdout experiments (spec §5), pure functions with no IO. The
 * distribution functions rest on stdlib's erfc (accurate to double precision):
 *   Φ(z) = ½·erfc(−z/√2), two-sided p = erfc(|z|/√2), and for one degree of freedom the
 *   chi-square tail P(X > χ²) = erfc(√(χ²/2)) — each without cancellation in the tails.
 */

/** Φ⁻¹(0.975), the two-sided 95% normal quantile (spec §5: not 1.96). */
export const Z_975 = 1.959963984540054;

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

export interface ZTest {
  z: number | null;
  winProbability: number;
  pValue: number;
  significant: boolean;
}

/**
 * Unpooled two-proportion z-test of treatment p_t (n_t) against control p_c (n_c). With a
 * zero standard error (both rates 0 or 1), the spec's limits: win 0.5 when equal else 1 or 0,
 * p-value 1 when equal else 0.
 */
export function twoProportionZTest(pT: number, nT: number, pC: number, nC: number): ZTest {
  const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
  if (se === 0 || !Number.isFinite(se)) {
    const winProbability = pT === pC ? 0.5 : pT > pC ? 1 : 0;
    const pValue = pT === pC ? 1 : 0;
    return { z: null, winProbability, pValue, significant: pValue < 0.05 };
  }
  const z = (pT - pC) / se;
  const pValue = erfc(Math.abs(z) / Math.SQRT2);
  return { z, winProbability: normalCdf(z), pValue, significant: pValue < 0.05 };
}

/** Relative uplift (p_t − p_c) / p_c with its 95% delta-method interval; null when p_c = 0. */
export function relativeUplift(pT: number, nT: number, pC: number, nC: number): { uplift: number; low: number; high: number } | null {
  if (pC === 0) return null;
  const uplift = (pT - pC) / pC;
  const vT = (pT * (1 - pT)) / nT;
  const vC = (pC * (1 - pC)) / nC;
  const variance = vT / (pC * pC) + (pT * pT * vC) / (pC * pC * pC * pC);
  const half = Z_975 * Math.sqrt(variance);
  return { uplift, low: uplift - half, high: uplift + half };
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
