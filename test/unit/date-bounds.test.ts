import assert from 'node:assert/strict';
import { parseOrderDateCell, parseSendDateCell } from '../../src/campaigns/csv-import.cells';
import { dateBoundsProblem, instantBoundsProblem } from '../../src/dates';

describe('date bounds', () => {
  const table: Array<[string, string | null]> = [
    ['1900-01-01', 'must be on or after 2000-01-01'],
    ['1999-12-31', 'must be on or after 2000-01-01'],
    ['2000-01-01', null],
    ['2024-06-30', null],
    ['2100-01-01', null],
    ['2100-01-02', 'must be on or before 2100-01-01'],
  ];
  for (const [date, expected] of table) it(`${date}: ${expected ?? 'accepted'}`, () => assert.equal(dateBoundsProblem(date), expected));

  it('bounds instants by their UTC date', () => {
    assert.equal(instantBoundsProblem(new Date('1999-12-31T23:59:59.999Z')), 'must be on or after 2000-01-01');
    assert.equal(instantBoundsProblem(new Date('2000-01-01T00:00:00Z')), null);
  });

  it('applies to CSV import cells', () => {
    assert.deepEqual(parseSendDateCell('1900-01-01', '2024-06-30'), { ok: false, problem: 'must be on or after 2000-01-01' });
    assert.deepEqual(parseOrderDateCell('1999-01-01T00:00:00Z', Date.now()), { ok: false, problem: 'must be on or after 2000-01-01' });
  });
});
