import assert from 'node:assert/strict';
import stdNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import fc from 'fast-check';
import {
  fisherExactTwoSided,
  holdoutPlan,
  holdoutPlanProblems,
  minimumDetectableUplift,
  normalCdf,
  sampleRatioMismatch,
  scoreRatioInterval,
  scoreStatistic,
  significanceTest,
  smallestExpectedCount,
  wilsonInterval,
  Z_80,
  Z_975,
} from '../../src/reporting/experiments/experiment.statistics';

/** Relative closeness at 1e-9 (spec §5 references), with an absolute floor only for exact zeros. */
function close(actual: number | null | undefined, expected: number | null, what: string, tolerance = 1e-9): void {
  if (expected === null) {
    assert.equal(actual, null, `${what}: expected null, got ${actual}`);
    return;
  }
  assert.ok(typeof actual === 'number', `${what}: expected ${expected}, got ${actual}`);
  const ok = expected === 0 ? Math.abs(actual) < 1e-15 : Math.abs(actual - expected) / Math.abs(expected) <= tolerance;
  assert.ok(ok, `${what}: ${actual} vs ${expected} (relative ${Math.abs(actual - expected) / Math.abs(expected)})`);
}

interface Reference {
  xT: number;
  nT: number;
  xC: number;
  nC: number;
  /** Campbell's rule picks the exact test (smallest expected count < 1). */
  exact: boolean;
  z: number;
  p: number;
  win: number;
  /** The spec's interval minus 1, solved in mpmath at 50 digits. */
  low: number;
  high: number | null;
  /** statsmodels' interval minus 1 (null where it has none or gives nan). */
  smLow: number | null;
  smHigh: number | null;
  mdu: number | null;
  why: string;
}

/*
 * Produced by `/usr/bin/python3 test/reference/experiment_reference.py` (scipy 1.10.1,
 * statsmodels 0.13.5, mpmath 1.2.1): z and p from statsmodels' test_proportions_2indep(method=
 * 'score') or scipy's fisher_exact by Campbell's rule, win from scipy.stats.norm.cdf, the
 * interval from the spec's formula in mpmath with statsmodels' confint_proportions_2indep(
 * method='score', compare='ratio', correction=True) beside it, mdu in mpmath.
 */
const CASES: Reference[] = [
  { xT: 45, nT: 5000, xC: 0, nC: 500, exact: false, z: 2.129858440190817, p: 0.03318330217420157, win: 0.9834083489128992, low: 0.1795144179301479, high: null, smLow: 0.17951441793013934, smHigh: null, mdu: null, why: 'issue: zero-converter control' },
  { xT: 0, nT: 5000, xC: 5, nC: 500, exact: true, z: -7.073640980732257, p: 6.096974129521174e-06, win: 7.546022183376785e-13, low: -1.0, high: -0.9231903104142093, smLow: -1.0, smHigh: -0.9231903104141862, mdu: 1.307473137827784, why: 'zero-converter test group' },
  { xT: 0, nT: 200, xC: 0, nC: 20, exact: true, z: 0.0, p: 1.0, win: 0.5, low: -1.0, high: null, smLow: null, smHigh: null, mdu: null, why: 'no converters at all' },
  { xT: 200, nT: 200, xC: 20, nC: 20, exact: true, z: 0.0, p: 1.0, win: 0.5, low: -0.018929749158436145, high: 0.19294998642755878, smLow: 5.10702591327572e-15, smHigh: 0.19294998642755012, mdu: null, why: 'everyone converted' },
  { xT: 20, nT: 20, xC: 15, nC: 20, exact: false, z: 2.3603873774083293, p: 0.01825586058745929, win: 0.9908720697062704, low: 0.08415991684419633, high: 0.8923732031917978, smLow: 0.14285714285718654, smHigh: 0.8923732031917948, mdu: 0.5114971402445012, why: 'all of the test group converted' },
  { xT: 18, nT: 20, xC: 20, nC: 20, exact: false, z: -1.4327007988227571, p: 0.15194336112283957, win: 0.07597168056141979, low: -0.30419818247945946, high: 0.08714799382868814, smLow: -0.04999994565837085, smHigh: 0.08714799382866278, mdu: null, why: 'all of the control converted' },
  { xT: 30, nT: 1000, xC: 8, nC: 100, exact: false, z: -2.6092446031653656, p: 0.009074235379300506, win: 0.004537117689650253, low: -0.8175781142422236, high: -0.20874402223072727, smLow: -0.8175781142422237, smHigh: -0.2087440222307272, mdu: 0.9964352896175244, why: 'control better' },
  { xT: 15, nT: 200, xC: 1, nC: 20, exact: false, z: 0.4095594835774594, p: 0.6821291234095721, win: 0.658935438295214, low: -0.7084029756162612, high: 7.8377705216024935, smLow: -0.7084029756162609, smHigh: 7.837770521602502, mdu: 2.8639272550808266, why: '20-recipient holdout' },
  { xT: 2, nT: 200, xC: 0, nC: 20, exact: true, z: 0.4482381411623297, p: 1.0, win: 0.6730093305553889, low: -0.944751836778483, high: null, smLow: -0.9447518367784808, smHigh: null, mdu: null, why: '20-recipient holdout, no control converter' },
  { xT: 40, nT: 200, xC: 2, nC: 20, exact: false, z: 1.0824738328088541, p: 0.2790420365429549, win: 0.8604789817285226, low: -0.3644477588647647, high: 6.360873817903701, smLow: -0.3644477588647652, smHigh: 6.360873817903705, mdu: 1.971089918928814, why: '20-recipient holdout' },
  { xT: 60, nT: 200, xC: 6, nC: 20, exact: false, z: 0.0, p: 1.0, win: 0.5, low: -0.4513761075789164, high: 1.1212909194628393, smLow: -0.451376107578916, smHigh: 1.121290919462841, mdu: 1.0036298616728512, why: '20-recipient holdout, equal rates' },
  { xT: 5, nT: 200, xC: 3, nC: 20, exact: true, z: -2.840855488345083, p: 0.02695300268315108, win: 0.002249634787100893, low: -0.9515265362290968, high: -0.3853508249451656, smLow: -0.9515265362290973, smHigh: -0.3853508249451668, mdu: 1.564044175805828, why: '20-recipient holdout, control better' },
  { xT: 9, nT: 200, xC: 1, nC: 20, exact: true, z: -0.10212037714663733, p: 1.0, win: 0.4593305634722171, low: -0.8333347467913381, high: 4.460654752191598, smLow: -0.8333347467913386, smHigh: 4.460654752191589, mdu: 2.8639272550808266, why: 'expected count 0.909: exact test' },
  { xT: 10, nT: 200, xC: 1, nC: 20, exact: false, z: 0.0, p: 1.0, win: 0.5, low: -0.8126699830750714, high: 5.02353384143597, smLow: -0.812669983075071, smHigh: 5.023533841435966, mdu: 2.8639272550808266, why: 'expected count 1: N-1 test' },
  { xT: 199, nT: 200, xC: 10, nC: 20, exact: false, z: 9.662461275199853, p: 4.352782025535748e-22, win: 1.0, low: 0.4189287213976852, high: 2.3289845728839254, smLow: 0.4189287213976862, smHigh: 2.3289845728839245, mdu: 0.6570299729762713, why: 'N - m = 11: N-1 test' },
  { xT: 200, nT: 200, xC: 10, nC: 20, exact: true, z: 10.212037714663728, p: 3.106523596738406e-12, win: 1.0, low: 0.42635907494621883, high: 2.3454408707640164, smLow: 0.42635907494621716, smHigh: 2.345440870764018, mdu: 0.6570299729762713, why: 'N - m = 10: exact test' },
  { xT: 1000, nT: 100000, xC: 900, nC: 100000, exact: false, z: 2.3051270859389748, p: 0.021159456934898305, win: 0.9894202715325509, low: 0.01588965180242909, high: 0.21526035217111306, smLow: 0.01588965180244628, smHigh: 0.21526035217109163, mdu: 0.13147234450839163, why: '100,000-recipient groups' },
  { xT: 520, nT: 100000, xC: 500, nC: 100000, exact: false, z: 0.6278257275679163, p: 0.5301181102816861, win: 0.734940944859157, low: -0.07978766686715932, high: 0.17538178616188113, smLow: -0.07978766686716976, smHigh: 0.17538178616191247, mdu: 0.17674428234799952, why: '100,000-recipient groups, small lift' },
  { xT: 1, nT: 100000, xC: 0, nC: 100000, exact: true, z: 1.0, p: 1.0, win: 0.8413447460685429, low: -0.7396814644735179, high: null, smLow: -0.739681464460261, smHigh: null, mdu: null, why: '100,000-recipient groups, one converter: exact test' },
  { xT: 2, nT: 100000, xC: 0, nC: 100000, exact: false, z: 1.4142170979379374, p: 0.15729816927505547, win: 0.9213509153624723, low: -0.4793602123108346, high: null, smLow: -0.479360212313265, smHigh: null, mdu: null, why: 'expected count 1 at 100,000 each' },
  { xT: 5000, nT: 100000, xC: 450, nC: 10000, exact: false, z: 2.196868709396533, p: 0.028029824161688397, win: 0.9859850879191558, low: 0.011394565706395644, high: 0.22108525168501786, smLow: 0.011394565706387416, smHigh: 0.22108525168503057, mdu: 0.1353616403969892, why: '100,000 / 10,000' },
  { xT: 60, nT: 100000, xC: 1, nC: 10000, exact: false, z: 2.0249931766659226, p: 0.04286806487696029, win: 0.9785659675615198, low: 0.0473239284150655, high: 33.38551810501359, smLow: 0.047323928414926275, smHigh: 33.38551810501021, mdu: 2.938180445618209, why: '100,000 / 10,000 at 0.06%' },
  { xT: 400, nT: 10000, xC: 50, nC: 2000, exact: false, z: 3.223157549476071, p: 0.0012678579795547958, win: 0.9993660710102226, low: 0.19945545357674666, high: 1.1378324711012686, smLow: 0.19945545357674432, smHigh: 1.1378324711012682, mdu: 0.4285601308845337, why: 'typical lift' },
  { xT: 100, nT: 5000, xC: 10, nC: 500, exact: false, z: 0.0, p: 1.0, win: 0.5, low: -0.46676973332999905, high: 0.8878936269642811, smLow: -0.46676973332999483, smHigh: 0.887893626964291, mdu: 0.9198419621667798, why: 'no difference' },
  { xT: 25, nT: 5000, xC: 3, nC: 500, exact: false, z: -0.29954343390732585, p: 0.7645254369508641, win: 0.38226271847543203, low: -0.7303893761856066, high: 1.5910802363021879, smLow: -0.7303893761856084, smHigh: 1.5910802363021843, mdu: 1.691347106257543, why: '5,000 / 500 at 0.5%' },
  { xT: 1500, nT: 20000, xC: 120, nC: 2000, exact: false, z: 2.4488553199706415, p: 0.014331100049191163, win: 0.9928344499754044, low: 0.045149247700334814, high: 0.4976366863038542, smLow: 0.04514924770033235, smHigh: 0.4976366863038546, mdu: 0.26005995535191745, why: '20,000 / 2,000' },
  { xT: 50, nT: 2000, xC: 30, nC: 2000, exact: false, z: 2.258487393394626, p: 0.023915289656403462, win: 0.9880423551717983, low: 0.06856425164522088, high: 1.6007544762191839, smLow: 0.06856425164521651, smHigh: 1.6007544762191852, mdu: 0.7179204476975543, why: 'even split' },
  { xT: 150, nT: 1000, xC: 15, nC: 100, exact: false, z: 0.0, p: 1.0, win: 0.5, low: -0.3721038769704206, high: 0.646458679810239, smLow: -0.3721038769704198, smHigh: 0.6464586798102383, mdu: 0.6994618193828928, why: '1,000 / 100, no difference' },
  { xT: 199, nT: 200, xC: 18, nC: 20, exact: true, z: 3.484858624296884, p: 0.022358814994230355, win: 0.9997538014354198, low: 0.022072114141656926, high: 0.4248562886028364, smLow: 0.022072114141776122, smHigh: 0.4248562886028264, mdu: 0.21900999099209045, why: 'nearly everyone converted' },
  { xT: 1, nT: 1, xC: 0, nC: 1, exact: true, z: 1.0, p: 1.0, win: 0.8413447460685429, low: -0.7396822283729942, high: null, smLow: 1.0000000000000009, smHigh: null, mdu: null, why: 'smallest table' },
  { xT: 3, nT: 500, xC: 0, nC: 50, exact: true, z: 0.5487229648364826, p: 1.0, win: 0.7084022081309616, low: -0.9194144368814529, high: null, smLow: -0.9194144368814563, smHigh: null, mdu: null, why: 'exact test, zero control' },
  { xT: 7, nT: 500, xC: 2, nC: 50, exact: true, z: -1.3804148965099117, p: 0.19336353989231078, win: 0.0837294680918319, low: -0.9134036814228539, high: 0.4717199340378288, smLow: -0.913403681422855, smHigh: 0.47171993403782, mdu: 2.0357329146369665, why: 'exact test region at 500 / 50' },
  { xT: 90, nT: 1000, xC: 3, nC: 100, exact: false, z: 2.05538833313493, p: 0.03984151147017949, win: 0.9800792442649102, low: 0.046008495500378284, high: 7.9118520171809115, smLow: 0.046008495500376556, smHigh: 7.911852017180912, mdu: 1.6708036665579509, why: 'control worse, 1,000 / 100' },
  { xT: 12, nT: 50, xC: 30, nC: 60, exact: false, z: -2.7820704459784182, p: 0.005401331443349186, win: 0.002700665721674593, low: -0.7287800902502204, high: -0.18546971786709918, smLow: -0.7287800902502173, smHigh: -0.18546971786709943, mdu: 0.5364627265021618, why: 'control much better' },
  { xT: 1, nT: 4, xC: 1, nC: 2, exact: true, z: -0.5590169943749475, p: 1.0, win: 0.28807506101528946, low: -0.9366980787019327, high: 3.4578462139906945, smLow: -0.9366980787019323, smHigh: 3.457846213990697, mdu: 2.426243969752798, why: 'test/integration/experiments.test.ts, FIRST_ORDER' },
  { xT: 2, nT: 4, xC: 1, nC: 2, exact: false, z: 0.0, p: 1.0, win: 0.5, low: -0.8012668895175943, high: 6.017310100520328, smLow: -0.8012668895175931, smHigh: 6.0173101005203335, mdu: 2.426243969752798, why: 'test/integration/experiments.test.ts, ALL_ORDERS' },
];

/** Same command: scipy.stats.fisher_exact (checked there against exact rational arithmetic). */
const FISHER: Array<[number, number, number, number, number]> = [
  [45, 5000, 0, 500, 0.031486278754599924],
  [10, 100, 2, 100, 0.03304010932418497],
  [500, 1000, 450, 1000, 0.02820356890423392],
  [3, 20, 9, 20, 0.08235877701951116],
  [5, 10, 5, 10, 1.0],
  [0, 3, 3, 3, 0.10000000000000002],
  [120, 20000, 2, 2000, 0.0013433070128745636],
];

/**
 * Same command: the smallest h whose minimum detectable uplift is at most u, by bisection on h
 * in mpmath (not the spec's closed form); [N, p, u, power, feasible, percent, recipients, atHalf].
 */
const PLANS: Array<[number, number, number, number, boolean, number | null, number | null, number]> = [
  [10000, 0.02, 0.3, 0.8, false, null, null, 0.39222193053581555],
  [10000, 0.02, 0.5, 0.8, true, 18.99000851229432, 1900, 0.39222193053581555],
  [100000, 0.005, 0.3, 0.8, true, 22.349946094797748, 22350, 0.24995416116844052],
  [2000, 0.1, 0.5, 0.9, true, 25.328886345754704, 507, 0.4348949472067147],
  [5000, 0.05, 0.25, 0.5, true, 37.1784151908599, 1859, 0.24164058863227159],
  [50000, 0.1, 0.1, 0.8, true, 17.02725901874149, 8514, 0.07517441990951007],
  [20000, 0.05, 0.3, 0.95, true, 16.409284535940753, 3282, 0.22221588162427544],
  [1000000, 0.002, 0.2, 0.8, true, 11.001894236515136, 110019, 0.12516534644126057],
  [1000000, 0.002, 0.1, 0.8, false, null, null, 0.12516534644126057],
  [2, 0.5, 10, 0.8, true, 4.0918742129179755, 1, 3.9620398115993454],
  [300, 0.3, 0.5, 0.8, true, 42.375939082800265, 128, 0.49415318425877086],
  [200000, 0.01, 2.0, 0.8, true, 0.09722441257657857, 195, 0.1246626723362338],
];

/**
 * Same command: one group's 95% Wilson interval, [x, n, low, high], from the roots of the score
 * equation in mpmath, checked there against statsmodels' proportion_confint(method='wilson').
 */
const WILSON: Array<[number, number, number, number]> = [
  [0, 1, 0.0, 0.7934506856227626],
  [1, 1, 0.20654931437723742, 1.0],
  [0, 20, 0.0, 0.16112515805281935],
  [1, 20, 0.008881448800795392, 0.23613119344674202],
  [20, 20, 0.8388748419471806, 1.0],
  [19, 20, 0.763868806553258, 0.9911185511992046],
  [45, 5000, 0.006733228610977608, 0.012020654699068488],
  [0, 5000, 0.0, 0.0007677019450571242],
  [5000, 5000, 0.9992322980549428, 1.0],
  [1, 100000, 1.7652477303783126e-06, 5.664709659040965e-05],
  [520, 100000, 0.0047728333512286735, 0.005665180264983503],
  [99999, 100000, 0.9999433529034096, 0.9999982347522697],
  [15, 200, 0.04597491718438201, 0.12004361023629458],
  [3, 7, 0.1582198552514697, 0.7495416354723428],
  [450, 10000, 0.041108657675359754, 0.049240780841955954],
  [1, 3, 0.06149194472039624, 0.7923403991979523],
  [1, 4, 0.04558726080970057, 0.6993581574175981],
  [2, 4, 0.15003898915214953, 0.8499610108478505],
  [1, 2, 0.09453120573423072, 0.9054687942657693],
];

/** A group converting everyone: statsmodels' closed form (Nam's cubic) degenerates there. */
const degenerateForStatsmodels = (c: Reference) => c.xT === c.nT || c.xC === c.nC;

describe('experiment statistics (spec §5, second edition)', () => {
  it('Φ agrees with an independent implementation; the pinned quantiles are stdlib quantiles', () => {
    for (const z of [-37, -12, -8.5, -5, -3, -1.959963984540054, -1, -0.1, 0, 0.25, 1, 1.96, 3.7, 6, 8]) close(normalCdf(z), stdNormalCdf(z, 0, 1), `Φ(${z})`, 1e-12);
    close(Z_975, normalQuantile(0.975, 0, 1), 'z975', 1e-15);
    close(Z_80, normalQuantile(0.8, 0, 1), 'z80', 1e-15);
  });

  it(`has at least 30 reference tables covering the required shapes`, () => {
    assert.ok(CASES.length >= 30);
    assert.ok(CASES.some((c) => c.xT === 0 && c.xC > 0) && CASES.some((c) => c.xC === 0 && c.xT > 0) && CASES.some((c) => c.xT === 0 && c.xC === 0));
    assert.ok(CASES.some((c) => c.xT === c.nT && c.xC === c.nC), 'all converted');
    assert.ok(CASES.some((c) => c.xC / c.nC > c.xT / c.nT), 'control better');
    assert.ok(CASES.some((c) => c.nC === 20) && CASES.some((c) => c.nT === 100_000 && c.nC === 100_000));
    assert.ok(CASES.some((c) => c.exact) && CASES.some((c) => !c.exact));
  });

  for (const c of CASES) {
    const label = `${c.xT}/${c.nT} vs ${c.xC}/${c.nC} (${c.why})`;
    it(`reference table ${label}`, () => {
      const table = { xT: c.xT, nT: c.nT, xC: c.xC, nC: c.nC };
      assert.equal(smallestExpectedCount(table) < 1, c.exact, 'Campbell rule');
      const test = significanceTest(table);
      assert.equal(test.usesNMinusOne, !c.exact);
      close(test.z, c.z, 'z');
      close(test.pValue, c.p, 'p');
      assert.equal(test.significant, c.p < 0.05);
      close(test.winProbability, c.win, 'win');
      const interval = scoreRatioInterval(table);
      close(interval.low - 1, c.low, 'low');
      close(interval.high === null ? null : interval.high - 1, c.high, 'high');
      if (!degenerateForStatsmodels(c)) {
        // Wherever statsmodels' closed form is sound, it agrees with the spec's definition too.
        if (c.smLow !== null) close(interval.low - 1, c.smLow, 'statsmodels low');
        close(interval.high === null ? null : interval.high - 1, c.smHigh, 'statsmodels high');
      }
      close(minimumDetectableUplift(c.xC / c.nC, c.nT, c.nC), c.mdu, 'mdu');
    });
  }

  it('the interval bounds solve |z(θ)| = z975', () => {
    for (const c of CASES) {
      const table = { xT: c.xT, nT: c.nT, xC: c.xC, nC: c.nC };
      const { low, high } = scoreRatioInterval(table);
      if (c.xT > 0) close(scoreStatistic(table, low), Z_975, `z(θ_L) of ${c.why}`, 1e-9);
      if (high !== null) close(scoreStatistic(table, high), -Z_975, `z(θ_U) of ${c.why}`, 1e-9);
    }
  });

  it('Fisher–Irwin two-sided exact test against scipy on tables of any size', () => {
    for (const [xT, nT, xC, nC, p] of FISHER) close(fisherExactTwoSided({ xT, nT, xC, nC }), p, `fisher ${xT}/${nT} vs ${xC}/${nC}`);
  });

  it('Wilson interval of one group against the roots of the score equation', () => {
    for (const [x, n, low, high] of WILSON) {
      const interval = wilsonInterval(x, n);
      close(interval.low, low, `wilson low ${x}/${n}`, 1e-12);
      close(interval.high, high, `wilson high ${x}/${n}`, 1e-12);
    }
  });

  it('Wilson interval: within [0, 1], around x/n, 0 and 1 exactly at the edges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([x, n]) => {
        const { low, high } = wilsonInterval(x, n);
        assert.ok(0 <= low && low <= x / n && x / n <= high && high <= 1, `${x}/${n}: [${low}, ${high}]`);
        if (x === 0) assert.equal(low, 0);
        if (x === n) assert.equal(high, 1);
      }),
    );
  });

  it('holdout plan against a bisection on the minimum detectable uplift', () => {
    for (const [recipients, p, u, power, feasible, percent, holdoutRecipients, atHalf] of PLANS) {
      const plan = holdoutPlan({ recipients, baselineConversionRate: p, minimumDetectableUplift: u, power });
      const what = `plan ${recipients}, ${p}, ${u}, ${power}`;
      assert.equal(plan.feasible, feasible, what);
      close(plan.holdoutPercent, percent, `${what} percent`);
      assert.equal(plan.holdoutRecipients, holdoutRecipients, `${what} recipients`);
      close(plan.minimumDetectableUpliftAtHalf, atHalf, `${what} at half`);
    }
  });

  it('holdout plan arguments: each bad one named, non-finite values included', () => {
    const good = { recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.3, power: 0.8 };
    assert.deepEqual(holdoutPlanProblems(good), []);
    assert.deepEqual(holdoutPlanProblems({ ...good, power: 0.5 }), []);
    const bad: Array<[Partial<typeof good>, string]> = [
      [{ recipients: 1 }, 'recipients'],
      [{ recipients: 2.5 }, 'recipients'],
      [{ recipients: Number.NaN }, 'recipients'],
      [{ baselineConversionRate: 0 }, 'baselineConversionRate'],
      [{ baselineConversionRate: 1 }, 'baselineConversionRate'],
      [{ baselineConversionRate: Number.NaN }, 'baselineConversionRate'],
      [{ minimumDetectableUplift: 0 }, 'minimumDetectableUplift'],
      [{ minimumDetectableUplift: -0.1 }, 'minimumDetectableUplift'],
      [{ minimumDetectableUplift: Number.POSITIVE_INFINITY }, 'minimumDetectableUplift'],
      [{ power: 0.49 }, 'power'],
      [{ power: 1 }, 'power'],
      [{ power: Number.NaN }, 'power'],
    ];
    for (const [change, field] of bad) assert.deepEqual(holdoutPlanProblems({ ...good, ...change }).map(([name]) => name), [field], JSON.stringify(change));
  });

  it('property: where the N−1 test is used, SIGNIFICANT is 1 exactly when the interval excludes 0; the interval lies in [−1, ∞)', () => {
    // Marketing rates are mostly low: half the draws below 5%, the rest anywhere in [0, 1].
    // (in 1/100,000 steps: fast-check's doubles crowd towards tiny values).
    const rate = fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 100_000 })).map((r) => r / 100_000);
    const table = fc
      .record({ nT: fc.integer({ min: 1, max: 200_000 }), nC: fc.integer({ min: 1, max: 20_000 }), rT: rate, rC: rate })
      .map(({ nT, nC, rT, rC }) => ({ xT: Math.round(nT * rT), nT, xC: Math.round(nC * rC), nC }));
    let nMinusOne = 0;
    fc.assert(
      fc.property(table, (t) => {
        const { low, high } = scoreRatioInterval(t);
        assert.ok(low >= 0 && (high === null || high >= low), `interval [${low - 1}, ${high === null ? '∞' : high - 1}]`);
        const test = significanceTest(t);
        if (test.usesNMinusOne) {
          nMinusOne++;
          const excludesZero = low - 1 > 0 || (high !== null && high - 1 < 0);
          assert.equal(test.significant, excludesZero, `p ${test.pValue}, interval [${low - 1}, ${high === null ? '∞' : high - 1}]`);
        }
      }),
      { numRuns: 3_000, seed: 13 },
    );
    assert.ok(nMinusOne > 2_000, `only ${nMinusOne} tables used the N−1 test`);
  });

  it('sample ratio mismatch: Pearson chi-square, 1 df, against an independent chi-square CDF', () => {
    for (const [treatment, holdout, h] of [[8_000, 2_000, 20], [8_100, 1_900, 20], [7_700, 2_300, 20], [900, 100, 10], [50, 50, 50]] as const) {
      const result = sampleRatioMismatch(treatment, holdout, h)!;
      const total = treatment + holdout;
      const eH = (total * h) / 100;
      const eT = total - eH;
      const chi = (treatment - eT) ** 2 / eT + (holdout - eH) ** 2 / eH;
      close(result.chiSquare, chi, 'chi-square', 1e-12);
      // 1 − CDF cancels in the far tail: relative there, absolute below 10⁻³.
      if (chi > 0 && result.pValue > 1e-3) close(result.pValue, 1 - chisquareCdf(chi, 1), 'SRM p');
      else if (chi > 0) assert.ok(Math.abs(result.pValue - (1 - chisquareCdf(chi, 1))) < 1e-15, 'SRM p in the tail');
      else assert.equal(result.pValue, 1);
      assert.equal(result.mismatch, result.pValue < 0.001);
    }
    assert.equal(sampleRatioMismatch(7_700, 2_300, 20)!.mismatch, true);
    assert.equal(sampleRatioMismatch(8_000, 2_000, 20)!.mismatch, false);
    assert.equal(sampleRatioMismatch(0, 0, 20), null);
  });
});
