import assert from 'node:assert/strict';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import stdNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { normalCdf, relativeUplift, sampleRatioMismatch, twoProportionZTest, Z_975 } from '../../src/reporting/experiment.statistics';

/** Relative closeness, with an absolute floor for values near 0. */
function close(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  assert.ok(actual !== null && actual !== undefined, `expected ${expected}, got ${actual}`);
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) / scale <= tolerance || Math.abs(actual - expected) < 1e-15, `${actual} vs ${expected}`);
}

describe('experiment statistics', () => {
  it('Φ agrees with an independent implementation, tails included', () => {
    for (const z of [-37, -12, -8.5, -5, -3, -1.959963984540054, -1, -0.1, 0, 0.25, 1, 1.96, 3.7, 6, 8]) close(normalCdf(z), stdNormalCdf(z, 0, 1), 1e-12);
    close(normalCdf(1), 0.8413447460685429, 1e-15);
    // The spec pins 1.959963984540054; stdlib's quantile lands one ulp away.
    close(Z_975, normalQuantile(0.975, 0, 1), 1e-15);
  });

  it('z-test: win probability Φ(z) and two-sided p-value without cancellation', () => {
    const table: Array<[number, number, number, number]> = [
      [0.04, 10_000, 0.025, 2_000],
      [0.1, 500, 0.12, 400],
      [0.5, 100, 0.5, 100],
      [0.3333, 3, 0.25, 4],
      [0.0101, 1_000_000, 0.01, 1_000_000],
    ];
    for (const [pT, nT, pC, nC] of table) {
      const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
      const z = (pT - pC) / se;
      const result = twoProportionZTest(pT, nT, pC, nC);
      close(result.z, z, 1e-12);
      close(result.winProbability, stdNormalCdf(z, 0, 1));
      close(result.pValue, 2 * (1 - stdNormalCdf(Math.abs(z), 0, 1)), 1e-9);
      assert.equal(result.significant, result.pValue < 0.05);
    }
    // Far in the tail, 2·(1 − Φ(|z|)) rounds to 0 while erfc keeps the digits.
    const extreme = twoProportionZTest(0.5, 100_000, 0.48, 100_000);
    assert.equal(2 * (1 - stdNormalCdf(Math.abs(extreme.z!), 0, 1)), 0);
    assert.ok(extreme.pValue > 0 && extreme.pValue < 1e-15, String(extreme.pValue));
    close(extreme.pValue, 2 * stdNormalCdf(-Math.abs(extreme.z!), 0, 1), 1e-9);
  });

  it('z-test edge cases: zero standard error', () => {
    assert.deepEqual(twoProportionZTest(0, 100, 0, 50), { z: null, winProbability: 0.5, pValue: 1, significant: false });
    assert.deepEqual(twoProportionZTest(1, 100, 1, 50), { z: null, winProbability: 0.5, pValue: 1, significant: false });
    assert.deepEqual(twoProportionZTest(1, 100, 0, 50), { z: null, winProbability: 1, pValue: 0, significant: true });
    assert.deepEqual(twoProportionZTest(0, 100, 1, 50), { z: null, winProbability: 0, pValue: 0, significant: true });
  });

  it('relative uplift with its delta-method 95% interval, including negative lift', () => {
    for (const [pT, nT, pC, nC] of [[0.04, 10_000, 0.025, 2_000], [0.02, 5_000, 0.03, 5_000], [1, 50, 0.5, 50]] as const) {
      const vT = (pT * (1 - pT)) / nT;
      const vC = (pC * (1 - pC)) / nC;
      const uplift = (pT - pC) / pC;
      const half = 1.959963984540054 * Math.sqrt(vT / pC ** 2 + (pT ** 2 * vC) / pC ** 4);
      const result = relativeUplift(pT, nT, pC, nC)!;
      close(result.uplift, uplift, 1e-14);
      close(result.low, uplift - half, 1e-12);
      close(result.high, uplift + half, 1e-12);
    }
    assert.ok(relativeUplift(0.02, 5_000, 0.03, 5_000)!.uplift < 0);
    assert.equal(relativeUplift(0.1, 100, 0, 100), null, 'no control conversions: no relative uplift');
  });

  it('sample ratio mismatch: Pearson chi-square, 1 df, against an independent chi-square CDF', () => {
    for (const [treatment, holdout, h] of [[8_000, 2_000, 20], [8_100, 1_900, 20], [7_700, 2_300, 20], [900, 100, 10], [50, 50, 50]] as const) {
      const result = sampleRatioMismatch(treatment, holdout, h)!;
      const total = treatment + holdout;
      const eH = (total * h) / 100;
      const eT = total - eH;
      const chi = (treatment - eT) ** 2 / eT + (holdout - eH) ** 2 / eH;
      close(result.chiSquare, chi, 1e-12);
      if (chi > 0) close(result.pValue, 1 - chisquareCdf(chi, 1), 1e-9);
      else assert.equal(result.pValue, 1);
      assert.equal(result.mismatch, result.pValue < 0.001);
    }
    assert.equal(sampleRatioMismatch(7_700, 2_300, 20)!.mismatch, true);
    assert.equal(sampleRatioMismatch(8_000, 2_000, 20)!.mismatch, false);
    assert.equal(sampleRatioMismatch(0, 0, 20), null);
  });
});
