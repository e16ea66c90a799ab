import assert from 'node:assert/strict';
import { checkReportRange, conversionRows, formatConversionReport, type ConversionCount } from '../../src/funnels/conversion-report';
import { AppError } from '../../src/errors';

const count = (funnelType: ConversionCount['funnelType'], source: string | null, entries: number, purchased: number): ConversionCount => ({ funnelType, source, entries, purchased });

describe('funnel conversion report', () => {
  it('gives both funnel types, language first, with zeros and a null conversion when empty', () => {
    assert.deepEqual(conversionRows([], false), [
      { funnelType: 'language', source: null, entries: 0, purchased: 0, conversion: null },
      { funnelType: 'non_language', source: null, entries: 0, purchased: 0, conversion: null },
    ]);
    assert.deepEqual(conversionRows([count('non_language', null, 5, 1), count('language', null, 10, 3)], false), [
      { funnelType: 'language', source: null, entries: 10, purchased: 3, conversion: 0.3 },
      { funnelType: 'non_language', source: null, entries: 5, purchased: 1, conversion: 0.2 },
    ]);
  });

  it('splits by source: sources by code point, null last, a zero row for a type without entries', () => {
    const rows = conversionRows([count('language', null, 2, 0), count('language', 'paid_social', 4, 1), count('language', 'Email_v2', 1, 1), count('language', 'email_v1', 3, 0)], true);
    assert.deepEqual(
      rows.map((r) => [r.funnelType, r.source, r.entries, r.purchased, r.conversion]),
      [
        ['language', 'Email_v2', 1, 1, 1],
        ['language', 'email_v1', 3, 0, 0],
        ['language', 'paid_social', 4, 1, 0.25],
        ['language', null, 2, 0, 0],
        ['non_language', null, 0, 0, null],
      ],
    );
  });

  it('sums the sources of a type when not split', () => {
    assert.deepEqual(conversionRows([count('language', 'a', 2, 1), count('language', 'b', 1, 1)], false)[0], { funnelType: 'language', source: null, entries: 3, purchased: 2, conversion: 2 / 3 });
  });

  it("prints exactly the seed's format", () => {
    const rows = conversionRows([count('language', null, 10, 3), count('non_language', null, 5, 1)], false);
    assert.equal(
      formatConversionReport(rows, false),
      'Funnel conversion report\n------------------------\nlanguage: entries=10, purchased=3, conversion=30.00%\nnon_language: entries=5, purchased=1, conversion=20.00%\n',
    );
    assert.equal(
      formatConversionReport(conversionRows([count('language', null, 3, 2)], false), false),
      'Funnel conversion report\n------------------------\nlanguage: entries=3, purchased=2, conversion=66.67%\nnon_language: entries=0, purchased=0, conversion=0.00%\n',
    );
  });

  it('prints by source: the type total, then one indented line per source', () => {
    const rows = conversionRows([count('language', 'email_v1', 3, 1), count('language', null, 1, 0), count('language', 'odd source:1', 1, 1)], true);
    assert.equal(
      formatConversionReport(rows, true),
      [
        'Funnel conversion report',
        '------------------------',
        'language: entries=5, purchased=2, conversion=40.00%',
        '  source=email_v1: entries=3, purchased=1, conversion=33.33%',
        '  source="odd source:1": entries=1, purchased=1, conversion=100.00%',
        '  (no source): entries=1, purchased=0, conversion=0.00%',
        'non_language: entries=0, purchased=0, conversion=0.00%',
        '',
      ].join('\n'),
    );
  });

  it('checks the date range', () => {
    const fieldsOf = (range: { from: string | null; to: string | null }) => {
      try {
        checkReportRange(range);
        return [];
      } catch (error) {
        assert.ok(error instanceof AppError && error.code === 'BAD_USER_INPUT');
        return error.problems.map((p) => p.field);
      }
    };
    assert.deepEqual(fieldsOf({ from: null, to: null }), []);
    assert.deepEqual(fieldsOf({ from: '2024-01-01', to: '2024-01-02' }), []);
    assert.deepEqual(fieldsOf({ from: '2024-01-02', to: '2024-01-02' }), ['toDate']);
    assert.deepEqual(fieldsOf({ from: '2024-02-30', to: null }), ['fromDate']);
    assert.deepEqual(fieldsOf({ from: null, to: '2024/01/01' }), ['toDate']);
  });
});
