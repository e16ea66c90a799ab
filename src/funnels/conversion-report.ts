import { dateBoundsProblem, isLocalDate } from '../dates';
import { ProblemList } from '../errors';
import { FUNNEL_TYPES, type FunnelTypeValue } from './funnel.rules';

/**
 * The funnel conversion report's pure part (spec §9, §11 "Funnels"): the row set from the
 * counted groups, and the CLI's text. No IO.
 */

/** Local calendar dates, YYYY-MM-DD: from inclusive, to exclusive; null = open. */
export interface DayRange {
  from: string | null;
  to: string | null;
}

export interface ConversionCount {
  funnelType: FunnelTypeValue;
  /** Null: entries without a source (or the whole type when not split by source). */
  source: string | null;
  entries: number;
  purchased: number;
}

export interface ConversionRow extends ConversionCount {
  /** purchased / entries; null when there are no entries. */
  conversion: number | null;
}

/** Rejects a malformed date or an empty range (from ≥ to), naming the offending field. */
export function checkReportRange(range: DayRange, fields = { from: 'fromDate', to: 'toDate' }): void {
  const problems = new ProblemList();
  if (range.from !== null && !isLocalDate(range.from)) problems.add(fields.from, `must be a date written YYYY-MM-DD, got ${JSON.stringify(range.from)}`);
  else if (range.from !== null) problems.check(fields.from, dateBoundsProblem(range.from));
  if (range.to !== null && !isLocalDate(range.to)) problems.add(fields.to, `must be a date written YYYY-MM-DD, got ${JSON.stringify(range.to)}`);
  else if (range.to !== null) problems.check(fields.to, dateBoundsProblem(range.to));
  if (problems.isEmpty && range.from !== null && range.to !== null && range.from >= range.to) {
    problems.add(fields.to, `must be after ${fields.from} (${range.from}); ${fields.to} is exclusive`);
  }
  problems.throwIfAny();
}

/** Sources alphabetically by code point (deterministic, whatever the database collation), null last. */
function compareSources(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * The report's rows: every funnel type, language first, with zeros when it has no entries.
 * By source, a type with entries gets one row per source (sorted, null last); a type without
 * any gets a single zero row with a null source.
 */
export function conversionRows(counts: readonly ConversionCount[], bySource: boolean): ConversionRow[] {
  const rows: ConversionRow[] = [];
  for (const funnelType of FUNNEL_TYPES) {
    const ofType = counts.filter((c) => c.funnelType === funnelType);
    const groups = bySource
      ? [...ofType].sort((a, b) => compareSources(a.source, b.source))
      : [{ funnelType, source: null, entries: sum(ofType, 'entries'), purchased: sum(ofType, 'purchased') }];
    if (groups.length === 0) groups.push({ funnelType, source: null, entries: 0, purchased: 0 });
    for (const group of groups) {
      rows.push({ ...group, conversion: group.entries === 0 ? null : group.purchased / group.entries });
    }
  }
  return rows;
}

function sum(counts: readonly ConversionCount[], key: 'entries' | 'purchased'): number {
  return counts.reduce((total, c) => total + c[key], 0);
}

const TITLE = 'Funnel conversion report';

/** `entries=10, purchased=3, conversion=30.00%` (0.00% for a type without entries). */
function countsText(row: { entries: number; purchased: number }): string {
  const percent = row.entries === 0 ? 0 : (row.purchased / row.entries) * 100;
  return `entries=${row.entries}, purchased=${row.purchased}, conversion=${percent.toFixed(2)}%`;
}

/** `source=email_v1`; a source with spaces, control characters or a colon is JSON-quoted so the line stays parseable. */
function sourceLabel(source: string | null): string {
  if (source === null) return '(no source)';
  return `source=${/^[^\s\p{C}:"]+$/u.test(source) ? source : JSON.stringify(source)}`;
}

/**
 * The CLI's text, exactly the seed's format:
 *
 *     Funnel conversion report
 *     ------------------------
 *     language: entries=10, purchased=3, conversion=30.00%
 *     non_language: entries=5, purchased=1, conversion=20.00%
 *
 * By source, each funnel type's total line is followed by one indented line per source
 * (`  source=email_v1: …`, `  (no source): …`); a type without entries has only its total line.
 */
export function formatConversionReport(rows: readonly ConversionRow[], bySource: boolean): string {
  const lines = [TITLE, '-'.repeat(TITLE.length)];
  for (const funnelType of FUNNEL_TYPES) {
    const ofType = rows.filter((r) => r.funnelType === funnelType);
    lines.push(`${funnelType}: ${countsText({ entries: sum(ofType, 'entries'), purchased: sum(ofType, 'purchased') })}`);
    if (!bySource) continue;
    for (const row of ofType) {
      if (row.entries === 0) continue;
      lines.push(`  ${sourceLabel(row.source)}: ${countsText(row)}`);
    }
  }
  return lines.join('\n') + '\n';
}
