import { normalCdf, Z_975 } from '../src/reporting/experiments/experiment.statistics';

/**
 * The first edition of spec §5 (the server before issue 13), kept only so that the calibration
 * benchmark can print its figures beside the second edition's in the same run: the unpooled
 * z-test and the delta-method interval of the relative uplift, as they were in
 * src/reporting/experiment.statistics.ts.
 */

/** Unpooled two-proportion z-test; with a zero standard error p is 1 when equal, else 0. */
export function firstEditionSignificant(pT: number, nT: number, pC: number, nC: number): boolean {
  const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
  if (se === 0 || !Number.isFinite(se)) return pT !== pC;
  return 2 * normalCdf(-Math.abs((pT - pC) / se)) < 0.05;
}

/** Relative uplift (p_t − p_c) / p_c ± z₉₇₅·(delta-method standard error); null when p_c = 0. */
export function firstEditionInterval(pT: number, nT: number, pC: number, nC: number): { low: number; high: number } | null {
  if (pC === 0) return null;
  const uplift = (pT - pC) / pC;
  const variance = (pT * (1 - pT)) / nT / (pC * pC) + (pT * pT * ((pC * (1 - pC)) / nC)) / (pC * pC * pC * pC);
  const half = Z_975 * Math.sqrt(variance);
  return { low: uplift - half, high: uplift + half };
}
