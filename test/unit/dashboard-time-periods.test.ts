import assert from 'node:assert/strict';
import { addDays, daysBetween, describeRange, isDate, presetOf, presetRange, previousRange, rangeProblem, todayIn, type DateRange, type RangePreset } from '../../web/src/time-periods';

describe('dashboard time periods', () => {
  it('turns presets into [from, to) ranges that include today', () => {
    const cases: Array<[RangePreset, DateRange]> = [
      ['7d', { from: '2026-11-26', to: '2026-12-03' }],
      ['30d', { from: '2026-11-03', to: '2026-12-03' }],
      ['90d', { from: '2026-09-04', to: '2026-12-03' }],
      ['all', { from: null, to: null }],
    ];
    for (const [preset, range] of cases) {
      assert.deepEqual(presetRange(preset, '2026-12-02'), range, preset);
      assert.equal(presetOf(range, '2026-12-02'), preset, preset);
      if (range.from && range.to) assert.equal(daysBetween(range.from, range.to), Number(preset.slice(0, -1)));
    }
    assert.equal(presetOf({ from: '2026-11-01', to: '2026-12-01' }, '2026-12-02'), null);
  });

  it('finds the previous period of equal length, none for open ranges', () => {
    const cases: Array<[DateRange, DateRange | null]> = [
      [{ from: '2026-11-26', to: '2026-12-03' }, { from: '2026-11-19', to: '2026-11-26' }],
      [{ from: '2026-03-01', to: '2026-04-01' }, { from: '2026-01-29', to: '2026-03-01' }],
      [{ from: '2024-03-01', to: '2024-03-02' }, { from: '2024-02-29', to: '2024-03-01' }],
      [{ from: null, to: null }, null],
      [{ from: '2026-01-01', to: null }, null],
      [{ from: null, to: '2026-01-01' }, null],
    ];
    for (const [range, previous] of cases) assert.deepEqual(previousRange(range), previous, JSON.stringify(range));
  });

  it('adds days across months, leap days and the clock change', () => {
    const cases: Array<[string, number, string]> = [
      ['2026-03-08', 1, '2026-03-09'],
      ['2026-11-01', 1, '2026-11-02'],
      ['2024-02-28', 1, '2024-02-29'],
      ['2026-01-01', -1, '2025-12-31'],
      ['2026-12-02', -29, '2026-11-03'],
    ];
    for (const [date, days, expected] of cases) assert.equal(addDays(date, days), expected, `${date} + ${days}`);
  });

  it('knows today in the organisation\'s time zone', () => {
    const instant = new Date('2026-12-02T04:30:00Z');
    assert.equal(todayIn('UTC', instant), '2026-12-02');
    assert.equal(todayIn('America/New_York', instant), '2026-12-01');
    assert.equal(todayIn('Asia/Tokyo', new Date('2026-12-01T15:30:00Z')), '2026-12-02');
  });

  it('says why a typed range cannot be asked for', () => {
    const cases: Array<[DateRange, RegExp | null]> = [
      [{ from: '2026-01-01', to: '2026-02-01' }, null],
      [{ from: null, to: '2026-02-01' }, null],
      [{ from: '2026-02-01', to: '2026-02-01' }, /after the start/],
      [{ from: '2026-02-30', to: null }, /start is not a date/],
      [{ from: null, to: '2026-1-1' }, /end is not a date/],
    ];
    for (const [range, problem] of cases) {
      const why = rangeProblem(range);
      if (problem === null) assert.equal(why, null);
      else assert.match(why ?? '', problem);
    }
    assert.equal(isDate('2024-02-29'), true);
    assert.equal(isDate('2026-02-29'), false);
  });

  it('labels a range by its last included day', () => {
    assert.equal(describeRange({ from: '2026-11-26', to: '2026-12-03' }), '26 Nov 2026 – 2 Dec 2026');
    assert.equal(describeRange({ from: null, to: null }), 'All time');
  });
});
