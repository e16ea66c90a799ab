import assert from 'node:assert/strict';
import { formatCount, formatMoney, formatPercent, formatPValue, formatRatio, formatSignedPercent, relativeChange } from '../../web/src/format';

describe('dashboard number formatting', () => {
  it('formats money, counts, percentages and ratios for people', () => {
    const cases: Array<[string, string]> = [
      [formatMoney(8206.575), '$8,206.58'],
      [formatMoney(39314.2), '$39,314'],
      [formatMoney(0), '$0.00'],
      [formatCount(10569), '10,569'],
      [formatPercent(0.0289), '2.89 %'],
      [formatPercent(0.153), '15.3 %'],
      [formatPercent(0.004), '0.40 %'],
      [formatPercent(0), '0 %'],
      [formatPercent(1.37), '137 %'],
      [formatRatio(4.789), '4.79×'],
      [formatSignedPercent(-0.121), '−12.1 %'],
      [formatSignedPercent(0.0816), '+8.16 %'],
      [formatPValue(0.0000001), '< 0.0001'],
      [formatPValue(0.7312), '0.7312'],
    ];
    for (const [actual, expected] of cases) assert.equal(actual, expected);
  });

  it('has no change against nothing or zero', () => {
    assert.equal(relativeChange(110, 100)?.toFixed(10), (0.1).toFixed(10));
    assert.equal(relativeChange(5, 0), null);
    assert.equal(relativeChange(null, 4), null);
    assert.equal(relativeChange(4, null), null);
  });
});
