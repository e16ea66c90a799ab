"""Reference values of the experiment statistics (spec §5, second edition), computed
independently of the server's TypeScript:

  /usr/bin/python3 test/reference/experiment_reference.py

(Debian's python3 with scipy 1.10.1, statsmodels 0.13.5 and mpmath 1.2.1.) Prints the table
literal of test/unit/experiment-statistics.test.ts.

- z: statsmodels test_proportions_2indep(method='score') (compare='diff': the pooled variance
  with the N/(N-1) factor, i.e. the N-1 statistic); 0 where statsmodels gives nan (p-bar 0 or 1).
- p: Campbell's rule; the N-1 p-value from statsmodels, the exact test from scipy fisher_exact,
  checked here against the spec's rule in exact rational arithmetic (Fraction).
- win: scipy.stats.norm.cdf(z).
- low/high: the spec's Miettinen-Nurminen score interval solved in mpmath at 50 digits
  (bisection on the spec's formula); statsmodels' confint_proportions_2indep(method='score',
  compare='ratio', correction=True) printed beside it (smLow/smHigh) -- see docs/experiments.md
  for where the two differ.
- mdu: the spec's formula in mpmath.
- fisher: scipy fisher_exact and the exact rational computation on tables of any size.
- plan: the smallest holdout share h whose minimum detectable uplift is at most u, found by
  bisection on h in mpmath (not the spec's closed form), z_beta from scipy norm.ppf.
"""
from fractions import Fraction
from math import comb
import warnings

import mpmath as mp
import numpy as np
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

warnings.simplefilter('ignore')
mp.mp.dps = 50
Z975 = mp.mpf('1.959963984540054')
Z80 = mp.mpf('0.8416212335729143')

CASES = [
    # (x_t, n_t, x_c, n_c, why)
    (45, 5000, 0, 500, 'issue: zero-converter control'),
    (0, 5000, 5, 500, 'zero-converter test group'),
    (0, 200, 0, 20, 'no converters at all'),
    (200, 200, 20, 20, 'everyone converted'),
    (20, 20, 15, 20, 'all of the test group converted'),
    (18, 20, 20, 20, 'all of the control converted'),
    (30, 1000, 8, 100, 'control better'),
    (15, 200, 1, 20, '20-recipient holdout'),
    (2, 200, 0, 20, '20-recipient holdout, no control converter'),
    (40, 200, 2, 20, '20-recipient holdout'),
    (60, 200, 6, 20, '20-recipient holdout, equal rates'),
    (5, 200, 3, 20, '20-recipient holdout, control better'),
    (9, 200, 1, 20, 'expected count 0.909: exact test'),
    (10, 200, 1, 20, 'expected count 1: N-1 test'),
    (199, 200, 10, 20, 'N - m = 11: N-1 test'),
    (200, 200, 10, 20, 'N - m = 10: exact test'),
    (1000, 100000, 900, 100000, '100,000-recipient groups'),
    (520, 100000, 500, 100000, '100,000-recipient groups, small lift'),
    (1, 100000, 0, 100000, '100,000-recipient groups, one converter: exact test'),
    (2, 100000, 0, 100000, 'expected count 1 at 100,000 each'),
    (5000, 100000, 450, 10000, '100,000 / 10,000'),
    (60, 100000, 1, 10000, '100,000 / 10,000 at 0.06%'),
    (400, 10000, 50, 2000, 'typical lift'),
    (100, 5000, 10, 500, 'no difference'),
    (25, 5000, 3, 500, '5,000 / 500 at 0.5%'),
    (1500, 20000, 120, 2000, '20,000 / 2,000'),
    (50, 2000, 30, 2000, 'even split'),
    (150, 1000, 15, 100, '1,000 / 100, no difference'),
    (199, 200, 18, 20, 'nearly everyone converted'),
    (1, 1, 0, 1, 'smallest table'),
    (3, 500, 0, 50, 'exact test, zero control'),
    (7, 500, 2, 50, 'exact test region at 500 / 50'),
    (90, 1000, 3, 100, 'control worse, 1,000 / 100'),
    (12, 50, 30, 60, 'control much better'),
    (1, 4, 1, 2, 'test/integration/experiments.test.ts, FIRST_ORDER'),
    (2, 4, 1, 2, 'test/integration/experiments.test.ts, ALL_ORDERS'),
]


def n_minus_one(xt, nt, xc, nc):
    # numpy floats: statsmodels divides p1 / p2 on the way, which plain ints turn into ZeroDivisionError.
    r = test_proportions_2indep(np.float64(xt), nt, np.float64(xc), nc, method='score')
    return 0.0 if r.statistic != r.statistic else float(r.statistic)


def smallest_expected(xt, nt, xc, nc):
    n, m = nt + nc, xt + xc
    return min(m * nt, m * nc, (n - m) * nt, (n - m) * nc) / n


def fisher_spec(xt, nt, xc, nc):
    """The spec's two-sided exact test in exact rational arithmetic."""
    m = xt + xc
    prob = {k: Fraction(comb(nt, k) * comb(nc, m - k), comb(nt + nc, m)) for k in range(max(0, m - nc), min(m, nt) + 1)}
    limit = prob[xt] * (1 + Fraction(1, 10**7))
    return float(sum(p for p in prob.values() if p <= limit))


def score(xt, nt, xc, nc, theta):
    xt, nt, xc, nc = map(mp.mpf, (xt, nt, xc, nc))
    n = nt + nc
    a, b, c = n * theta, -(nt * theta + xt + nc + xc * theta), xt + xc
    pc = (-b - mp.sqrt(b * b - 4 * a * c)) / (2 * a)
    pt = theta * pc
    var = (pt * (1 - pt) / nt + theta**2 * pc * (1 - pc) / nc) * n / (n - 1)
    return (xt / nt - theta * xc / nc) / mp.sqrt(var)


def solve(f, target, lo, hi):
    """Bisection on log theta: f decreasing, f(lo) >= target > f(hi)."""
    lo, hi = mp.log(lo), mp.log(hi)
    for _ in range(400):
        mid = (lo + hi) / 2
        if f(mp.exp(mid)) >= target:
            lo = mid
        else:
            hi = mid
    return mp.exp((lo + hi) / 2)


def score_interval(xt, nt, xc, nc):
    f = lambda t: score(xt, nt, xc, nc, t)
    est = mp.inf if xc == 0 else (mp.mpf(xt) / nt) / (mp.mpf(xc) / nc)
    low = mp.mpf(0)
    if xt > 0:
        hi = est if est != mp.inf else next(mp.mpf(10)**k for k in range(0, 300) if f(mp.mpf(10)**k) < Z975)
        lo = next(hi / mp.mpf(10)**k for k in range(1, 300) if f(hi / mp.mpf(10)**k) >= Z975)
        low = solve(f, Z975, lo, hi)
    high = None
    if xc > 0:
        lo = est if xt > 0 else next(mp.mpf(10)**-k for k in range(0, 300) if f(mp.mpf(10)**-k) >= -Z975)
        hi = next(lo * mp.mpf(10)**k for k in range(1, 300) if f(lo * mp.mpf(10)**k) < -Z975)
        high = solve(f, -Z975, lo, hi)
    return float(low - 1), None if high is None else float(high - 1)


def mdu(xc, nt, nc):
    pc = mp.mpf(xc) / nc
    if pc == 0 or pc == 1:
        return None
    return float((Z975 + Z80) * mp.sqrt(pc * (1 - pc) * (mp.mpf(1) / nt + mp.mpf(1) / nc)) / pc)


def literal(v):
    return 'null' if v is None else repr(float(v))


print('// x_t, n_t, x_c, n_c: z, p, win, low, high (spec, mpmath), smLow, smHigh (statsmodels), mdu')
for xt, nt, xc, nc, why in CASES:
    z = n_minus_one(xt, nt, xc, nc)
    exact = smallest_expected(xt, nt, xc, nc) < 1
    if exact:
        p = stats.fisher_exact([[xt, nt - xt], [xc, nc - xc]]).pvalue
        assert abs(p - fisher_spec(xt, nt, xc, nc)) <= 1e-12 * fisher_spec(xt, nt, xc, nc), (xt, nt, xc, nc)
    else:
        p = test_proportions_2indep(np.float64(xt), nt, np.float64(xc), nc, method='score').pvalue
    win = stats.norm.cdf(z)
    low, high = score_interval(xt, nt, xc, nc)
    sm = confint_proportions_2indep(np.float64(xt), nt, np.float64(xc), nc, method='score', compare='ratio', correction=True)
    sm_low, sm_high = (float(v) - 1 if v == v and abs(v) != float('inf') else None for v in sm)
    print(f'  {{ xT: {xt}, nT: {nt}, xC: {xc}, nC: {nc}, exact: {str(exact).lower()}, z: {literal(z)}, p: {literal(p)}, win: {literal(win)}, '
          f'low: {literal(low)}, high: {literal(high)}, smLow: {literal(sm_low)}, smHigh: {literal(sm_high)}, mdu: {literal(mdu(xc, nt, nc))}, why: {why!r} }},')


FISHER_CASES = [(45, 5000, 0, 500), (10, 100, 2, 100), (500, 1000, 450, 1000), (3, 20, 9, 20), (5, 10, 5, 10), (0, 3, 3, 3), (120, 20000, 2, 2000)]
print('// fisher: x_t, n_t, x_c, n_c, scipy fisher_exact p')
for xt, nt, xc, nc in FISHER_CASES:
    p = stats.fisher_exact([[xt, nt - xt], [xc, nc - xc]]).pvalue
    assert abs(p - fisher_spec(xt, nt, xc, nc)) <= 1e-12 * fisher_spec(xt, nt, xc, nc), (xt, nt, xc, nc)
    print(f'  [{xt}, {nt}, {xc}, {nc}, {literal(p)}],')


def plan(n, p, u, power):
    zsum = Z975 + mp.mpf(stats.norm.ppf(power))
    p = mp.mpf(p)
    mdu_at = lambda h: zsum * mp.sqrt(p * (1 - p) * (1 / (n * (1 - h)) + 1 / (n * h))) / p
    at_half = mdu_at(mp.mpf(1) / 2)
    if at_half > u:
        return False, None, None, float(at_half)
    lo, hi = mp.mpf(0), mp.mpf(1) / 2  # mdu_at decreases on (0, 1/2]
    for _ in range(300):
        mid = (lo + hi) / 2
        if mdu_at(mid) > u:
            lo = mid
        else:
            hi = mid
    return True, float(100 * hi), int(mp.ceil(n * hi)), float(at_half)


PLAN_CASES = [(10000, 0.02, 0.3, 0.8), (10000, 0.02, 0.5, 0.8), (100000, 0.005, 0.3, 0.8), (2000, 0.1, 0.5, 0.9),
              (5000, 0.05, 0.25, 0.5), (50000, 0.1, 0.1, 0.8), (20000, 0.05, 0.3, 0.95), (1000000, 0.002, 0.2, 0.8),
              (1000000, 0.002, 0.1, 0.8), (2, 0.5, 10, 0.8), (300, 0.3, 0.5, 0.8), (200000, 0.01, 2.0, 0.8)]
print('// plan: N, p, u, power -> feasible, holdoutPercent, holdoutRecipients, minimumDetectableUpliftAtHalf')
for n, p, u, power in PLAN_CASES:
    feasible, percent, recipients, at_half = plan(n, p, u, power)
    print(f'  [{n}, {p}, {u}, {power}, {str(feasible).lower()}, {literal(percent)}, {"null" if recipients is None else recipients}, {literal(at_half)}],')


# One group's conversion rate: the 95% Wilson score interval. Two independent computations:
# statsmodels proportion_confint(method='wilson') and the roots of the score equation
# (x/n - p)^2 = z^2 p(1-p)/n solved in mpmath at 50 digits; they must agree to 1e-12.
WILSON_CASES = [(0, 1), (1, 1), (0, 20), (1, 20), (20, 20), (19, 20), (45, 5000), (0, 5000), (5000, 5000),
                (1, 100000), (520, 100000), (99999, 100000), (15, 200), (3, 7), (450, 10000), (1, 3),
                (1, 4), (2, 4), (1, 2)]  # the last three: test/integration/experiments.test.ts
print('// wilson: x, n, low, high (statsmodels proportion_confint method=wilson, checked against mpmath roots)')
from statsmodels.stats.proportion import proportion_confint


def wilson_roots(x, n):
    x, n = mp.mpf(x), mp.mpf(n)
    a = 1 + Z975 ** 2 / n
    b = -(2 * x / n + Z975 ** 2 / n)
    c = (x / n) ** 2
    disc = mp.sqrt(b * b - 4 * a * c)
    return (-b - disc) / (2 * a), (-b + disc) / (2 * a)


for x, n in WILSON_CASES:
    low, high = proportion_confint(x, n, alpha=0.05, method='wilson')
    exact_low, exact_high = wilson_roots(x, n)
    assert abs(low - float(exact_low)) <= 1e-12 and abs(high - float(exact_high)) <= 1e-12, (x, n, low, high, exact_low, exact_high)
    print(f'  [{x}, {n}, {literal(exact_low)}, {literal(exact_high)}],')
