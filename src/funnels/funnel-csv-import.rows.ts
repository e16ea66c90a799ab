import { parseOrderDateCell } from '../campaigns/csv-import.cells';
import type { CsvLayout, CsvRecord } from '../campaigns/csv-import.reader';
import type { LineProblems } from '../campaigns/csv-import.report';
import { identifierProblem } from '../campaigns/ingestion.rules';
import { copyTextLine } from '../db/copy-text';
import { emailProblem, FUNNEL_TYPES, normalizeEmail, optionalTextProblem, type FunnelTypeValue } from './funnel.rules';

/**
 * The funnel entry CSV (`npm run import:funnels`): its columns, and how one line is checked
 * cell by cell under the rules `enterFunnel` applies and turned into its staging row. A cell
 * that fails is staged as null; the file is rejected then anyway.
 */

export type FunnelEntryColumn = 'email' | 'funnel_type' | 'test_id' | 'user_id' | 'source' | 'entered_at';

export const FUNNEL_ENTRY_LAYOUT: CsvLayout<FunnelEntryColumn> = {
  columns: ['email', 'funnel_type', 'test_id', 'user_id', 'source', 'entered_at'],
  optional: ['user_id', 'source', 'entered_at'],
};

/** Staged lines, in COPY order. */
export const FUNNEL_STAGING_COLUMNS = ['line', 'email', 'funnel_type', 'test_id', 'user_id', 'source', 'entered_at'] as const;

/** `language` or `non_language` in any letter case (the GraphQL names LANGUAGE, NON_LANGUAGE too). */
function parseFunnelType(text: string): FunnelTypeValue | null {
  const word = text.trim().toLowerCase();
  return FUNNEL_TYPES.find((type) => type === word) ?? null;
}

/** An optional text cell: empty (or only spaces) is null, anything else is taken as written. */
function optionalCell(text: string): string | null {
  return text.trim() === '' ? null : text;
}

export interface FunnelEntryLineRules {
  /** Epoch ms: entry dates after this are rejected. */
  latestEnteredAt: number;
}

/** A funnel entry line as a row of FUNNEL_STAGING_COLUMNS (COPY text). */
export function stagedFunnelEntryLine(record: CsvRecord<FunnelEntryColumn>, rules: FunnelEntryLineRules, problems: LineProblems): string {
  const { line } = record;
  const email = normalizeEmail(record.cell('email'));
  const emailWhy = emailProblem(email);
  problems.check(line, 'email', emailWhy);

  const funnelType = parseFunnelType(record.cell('funnel_type'));
  if (funnelType === null) problems.add(line, 'funnel_type', `must be ${FUNNEL_TYPES.join(' or ')}, got ${JSON.stringify(record.cell('funnel_type'))}`);

  const testId = record.cell('test_id');
  const testIdWhy = identifierProblem(testId);
  problems.check(line, 'test_id', testIdWhy);

  const userId = optionalCell(record.cell('user_id'));
  const userIdWhy = optionalTextProblem(userId);
  problems.check(line, 'user_id', userIdWhy);

  const source = optionalCell(record.cell('source'));
  const sourceWhy = optionalTextProblem(source);
  problems.check(line, 'source', sourceWhy);

  // Empty: the import's time. Otherwise the same instant rules as an order date: an offset is required, at most 24 h ahead.
  const enteredAtText = record.cell('entered_at');
  let enteredAt: string | null = null;
  if (enteredAtText.trim() !== '') {
    const cell = parseOrderDateCell(enteredAtText, rules.latestEnteredAt);
    if (cell.ok) enteredAt = cell.value;
    else problems.add(line, 'entered_at', cell.problem);
  }

  return copyTextLine([line, emailWhy ? null : email, funnelType, testIdWhy ? null : testId, userIdWhy ? null : userId, sourceWhy ? null : source, enteredAt]);
}
