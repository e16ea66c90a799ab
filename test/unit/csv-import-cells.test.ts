import assert from 'node:assert/strict';
import { parseBooleanCell, parseMoneyCell, parseOrderCountCell, parseOrderDateCell, parseSendDateCell, type Cell } from '../../src/campaigns/csv-import.cells';
import { copyTextLine } from '../../src/db/copy-text';

/** The value, or `!problem` — one comparable string per cell for the tables below. */
function shown<T>(cell: Cell<T>): T | string {
  return cell.ok ? cell.value : `!${cell.problem}`;
}

describe('CSV import cells', () => {
  it('reads money as exact decimal text under the money rules', () => {
    const table: Array<[string, number, string]> = [
      ['0.4525', 4, '0.4525'],
      [' 12 ', 4, '12'],
      ['19.990', 2, '19.99'],
      ['0', 2, '0'],
      ['-1', 2, '!must not be negative'],
      ['1.001', 2, '!must have at most 2 decimal places'],
      ['1e3', 2, '!must be a plain decimal number such as 12.50'],
      ['12,50', 2, '!must be a plain decimal number such as 12.50'],
      ['', 2, '!must not be empty'],
      ['1000000000000', 2, '!must be less than 1,000,000,000,000'],
      ['10000000000', 4, '!must be less than 10,000,000,000'],
      ['9999999999.9999', 4, '9999999999.9999'],
    ];
    for (const [text, decimals, expected] of table) assert.equal(shown(parseMoneyCell(text, decimals)), expected, text);
  });

  it('reads booleans, empty as the given default', () => {
    const table: Array<[string, boolean | null | string]> = [
      ['true', true],
      ['FALSE', false],
      [' True ', true],
      ['', null],
      ['1', '!must be true, false or empty (keeps)'],
    ];
    for (const [text, expected] of table) assert.equal(shown(parseBooleanCell(text, null, 'keeps')), expected, text);
    assert.equal(shown(parseBooleanCell('', false, 'empty = false')), false);
  });

  it('reads send dates up to the organisation\'s today', () => {
    const table: Array<[string, string | null]> = [
      ['2024-03-01', '2024-03-01'],
      ['', null],
      ['2024-06-30', '2024-06-30'],
      ['2024-07-01', "!must not be in the future (the organisation's today is 2024-06-30)"],
      ['2024-02-30', '!must be a date written YYYY-MM-DD'],
      ['1.3.2024', '!must be a date written YYYY-MM-DD'],
    ];
    for (const [text, expected] of table) assert.equal(shown(parseSendDateCell(text, '2024-06-30')), expected, text);
  });

  it('reads order dates with an offset, at most a bound ahead, cutting digits past the millisecond', () => {
    const latest = Date.parse('2024-06-02T00:00:00Z');
    const malformed = '!must be an ISO-8601 date-time with a UTC offset, such as 2024-05-01T14:30:00+02:00';
    const table: Array<[string, string]> = [
      ['2024-05-01T14:30:00+02:00', '2024-05-01T14:30:00+02:00'],
      ['2024-05-01t14:30:00.1234z', '2024-05-01T14:30:00.123Z'],
      ['2024-06-01T23:00:00.000-01:00', '2024-06-01T23:00:00.000-01:00'],
      ['2024-06-02T00:00:01Z', '!must not be more than 24 hours in the future'],
      ['2024-05-01T14:30:00', malformed],
      ['2024-05-01 14:30:00Z', malformed],
      ['2024-02-30T10:00:00Z', malformed],
      ['', malformed],
    ];
    for (const [text, expected] of table) assert.equal(shown(parseOrderDateCell(text, latest)), expected, text);
  });

  it('reads order counts as whole numbers from 1', () => {
    const problem = '!must be a whole number of at least 1 (1 = first purchase)';
    const table: Array<[string, number | string]> = [
      ['1', 1],
      [' 12 ', 12],
      ['2147483647', 2147483647],
      ['2147483648', problem],
      ['0', problem],
      ['1.0', problem],
      ['-2', problem],
      ['', problem],
    ];
    for (const [text, expected] of table) assert.equal(shown(parseOrderCountCell(text)), expected, text);
  });

  it('writes COPY text lines with escapes and nulls', () => {
    assert.equal(copyTextLine([7, 'a\tb\\c\nd\re', null, true, false, '']), '7\ta\\tb\\\\c\\nd\\re\t\\N\tt\tf\t\n');
  });
});
