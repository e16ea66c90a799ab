import binomial from '@stdlib/random-base-binomial';
import { scoreRatioInterval, significanceTest } from '../src/reporting/experiments/experiment.statistics';
import type { Benchmark } from './bench-kit';
import { firstEditionInterval, firstEditionSignificant } from './calibration-first-edition';

/**
 * `npm run bench -- calibration`: how often the experiment verdicts are right, by simulation
 * through the server's own pure functions (issue 13). Per cell of the grid, RUNS A/A experiments
 * (no true difference) and RUNS A/B experiments (true ratio 1.3, uplift 0.3), converters drawn
 * from exact binomials (stdlib's inversion / BTRD sampler over a seeded Mersenne Twister, one
 * seed per cell so a cell's figures do not depend on the others). Both editions of spec §5 see
 * the same tables.
 */
const RUNS = Number(process.env.BENCH_CALIBRATION_RUNS ?? 20_000);
const SIZES: Array<[mailed: number, heldOut: number]> = [
  [200, 20],
  [500, 50],
  [1_000, 100],
  [5_000, 500],
  [20_000, 2_000],
  [100_000, 10_000],
  [2_000, 2_000],
];
const RATES = [0.005, 0.01, 0.02, 0.05, 0.1, 0.15];
const TRUE_RATIO = 1.3;

const TARGETS = { fprCell: 0.06, fprMean: 0.05, coverageCell: 0.915, coverageMean: 0.945 };

/** One edition's verdicts on one table. */
interface Verdict {
  significant: boolean;
  /** The uplift interval, or null when the edition gives none; high null = unbounded. */
  interval: { low: number; high: number | null } | null;
  /** Whether the second edition's N−1 test decided (always true for the first edition). */
  nMinusOne: boolean;
}

function secondEdition(xT: number, nT: number, xC: number, nC: number): Verdict {
  const table = { xT, nT, xC, nC };
  const test = significanceTest(table);
  const { low, high } = scoreRatioInterval(table);
  return { significant: test.significant, interval: { low: low - 1, high: high === null ? null : high - 1 }, nMinusOne: test.usesNMinusOne };
}

function firstEdition(xT: number, nT: number, xC: number, nC: number): Verdict {
  return { significant: firstEditionSignificant(xT / nT, nT, xC / nC, nC), interval: firstEditionInterval(xT / nT, nT, xC / nC, nC), nMinusOne: true };
}

const covers = (v: Verdict, uplift: number) => v.interval !== null && v.interval.low <= uplift && (v.interval.high === null || uplift <= v.interval.high);
const excludesZero = (v: Verdict) => v.interval !== null && (v.interval.low > 0 || (v.interval.high !== null && v.interval.high < 0));

interface Tally {
  falsePositives: number;
  coveredAA: number;
  coveredAB: number;
  /** Test and interval disagree, over the experiments the N−1 test decided / over all. */
  disagreeNMinusOne: number;
  decidedByNMinusOne: number;
  disagreeAll: number;
}

const emptyTally = (): Tally => ({ falsePositives: 0, coveredAA: 0, coveredAB: 0, disagreeNMinusOne: 0, decidedByNMinusOne: 0, disagreeAll: 0 });

function count(tally: Tally, verdict: Verdict, uplift: number): void {
  const disagree = verdict.significant !== excludesZero(verdict);
  tally.disagreeAll += disagree ? 1 : 0;
  if (verdict.nMinusOne) {
    tally.decidedByNMinusOne++;
    tally.disagreeNMinusOne += disagree ? 1 : 0;
  }
  if (uplift === 0) {
    tally.falsePositives += verdict.significant ? 1 : 0;
    tally.coveredAA += covers(verdict, 0) ? 1 : 0;
  } else tally.coveredAB += covers(verdict, uplift) ? 1 : 0;
}

interface Cell {
  label: string;
  second: Tally;
  first: Tally;
}

function simulate(mailed: number, heldOut: number, rate: number, seed: number): Cell {
  const draw = binomial.factory({ seed });
  const cell: Cell = { label: `${mailed}/${heldOut} @ ${(rate * 100).toFixed(1)}%`, second: emptyTally(), first: emptyTally() };
  for (const [ratio, uplift] of [[1, 0], [TRUE_RATIO, TRUE_RATIO - 1]] as const) {
    for (let i = 0; i < RUNS; i++) {
      const xT = draw(mailed, rate * ratio);
      const xC = draw(heldOut, rate);
      count(cell.second, secondEdition(xT, mailed, xC, heldOut), uplift);
      count(cell.first, firstEdition(xT, mailed, xC, heldOut), uplift);
    }
  }
  return cell;
}

const f3 = (x: number) => x.toFixed(3);
const fprOf = (t: Tally) => t.falsePositives / RUNS;
/** Coverage over all of a cell's experiments, A/A (true uplift 0) and A/B (0.3) together. */
const coverageOf = (t: Tally) => (t.coveredAA + t.coveredAB) / (2 * RUNS);
/** The stricter reading: the worse of A/A and A/B. */
const strictCoverageOf = (t: Tally) => Math.min(t.coveredAA, t.coveredAB) / RUNS;
const disagreementOf = (t: Tally) => (t.decidedByNMinusOne === 0 ? 0 : t.disagreeNMinusOne / t.decidedByNMinusOne);

const calibration: Benchmark = {
  name: 'experiment calibration (spec §5 second edition against the first)',
  async run() {
    const started = Date.now();
    const cells = SIZES.flatMap(([mailed, heldOut], s) => RATES.map((rate, r) => simulate(mailed, heldOut, rate, 13_000 + s * 100 + r)));
    const lines = [
      `${RUNS} A/A + ${RUNS} A/B (true ratio ${TRUE_RATIO}) experiments per cell, exact binomial draws, seeds 13000 + 100·size + rate.`,
      'FPR: A/A called significant. cov A/A, cov A/B: the 95% uplift interval contains the true uplift (0, 0.3); the targets apply to both together',
      '(a null interval, the first edition with a control without converters, covers nothing). disagree: SIGNIFICANT ≠ "interval excludes 0"',
      '(second edition: among the experiments the N−1 test decided; "all": every experiment, the Fisher–Irwin ones included).',
      '',
      `${'cell'.padEnd(24)}| ${'second edition'.padEnd(46)}| first edition`,
      `${''.padEnd(24)}| ${'FPR    cov A/A cov A/B disagree (all)'.padEnd(46)}| FPR    cov A/A cov A/B disagree`,
    ];
    for (const { label, second, first } of cells) {
      lines.push(
        `${label.padEnd(24)}| ${[f3(fprOf(second)), f3(second.coveredAA / RUNS), f3(second.coveredAB / RUNS), f3(disagreementOf(second)), `(${f3(second.disagreeAll / (2 * RUNS))})`].join('   ').padEnd(46)}` +
          `| ${[f3(fprOf(first)), f3(first.coveredAA / RUNS), f3(first.coveredAB / RUNS), f3(first.disagreeAll / (2 * RUNS))].join('   ')}`,
      );
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const worst = (edition: 'second' | 'first') => {
      const byFpr = cells.reduce((a, b) => (fprOf(b[edition]) > fprOf(a[edition]) ? b : a));
      const byCoverage = cells.reduce((a, b) => (coverageOf(b[edition]) < coverageOf(a[edition]) ? b : a));
      const byStrictCoverage = cells.reduce((a, b) => (strictCoverageOf(b[edition]) < strictCoverageOf(a[edition]) ? b : a));
      return { byFpr, byCoverage, byStrictCoverage };
    };
    lines.push('');
    for (const edition of ['second', 'first'] as const) {
      const { byFpr, byCoverage, byStrictCoverage } = worst(edition);
      const fprMean = mean(cells.map((c) => fprOf(c[edition])));
      const coverageMean = mean(cells.map((c) => coverageOf(c[edition])));
      const disagreeMax = Math.max(...cells.map((c) => (edition === 'second' ? disagreementOf(c.second) : c.first.disagreeAll / (2 * RUNS))));
      lines.push(
        `${edition} edition: worst FPR ${f3(fprOf(byFpr[edition]))} (${byFpr.label}), worst coverage ${f3(coverageOf(byCoverage[edition]))} (${byCoverage.label}), ` +
          `worst of A/A or A/B alone ${(strictCoverageOf(byStrictCoverage[edition])).toFixed(4)} (${byStrictCoverage.label}); ` +
          `mean FPR ${f3(fprMean)}, mean coverage ${f3(coverageMean)}, largest disagreement ${f3(disagreeMax)}`,
      );
      const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');
      lines.push(
        `  targets: FPR ≤ ${TARGETS.fprCell} every cell ${pass(fprOf(byFpr[edition]) <= TARGETS.fprCell)}, ≤ ${TARGETS.fprMean} mean ${pass(fprMean <= TARGETS.fprMean)}; ` +
          `coverage ≥ ${TARGETS.coverageCell} every cell ${pass(coverageOf(byCoverage[edition]) >= TARGETS.coverageCell)}, ≥ ${TARGETS.coverageMean} mean ${pass(coverageMean >= TARGETS.coverageMean)}; ` +
          `disagreement 0${edition === 'second' ? ' where the N−1 test decides' : ''} ${pass(disagreeMax === 0)}`,
      );
    }
    lines.push(`(${cells.length} cells, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return { title: `Calibration of the experiment verdicts over ${SIZES.length} sizes × ${RATES.length} control rates`, lines };
  },
};

export default calibration;
