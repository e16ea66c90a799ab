import type { FunnelTypeValue } from './funnel.rules';

/** The duplicate diagnostic's text output (`npm run funnel:duplicates`). Pure. */

export interface DuplicateGroup {
  orgId: string;
  /** The group's key: the address trimmed and lower-cased. */
  email: string;
  funnelType: FunnelTypeValue;
  /** The group's key: the test id trimmed and lower-cased. */
  testId: string;
  count: number;
  minId: string;
  maxId: string;
  firstEnteredAt: Date;
  lastEnteredAt: Date;
  /** The distinct e-mail spellings stored in the group, as written. */
  emails: string[];
  /** The distinct test id spellings stored in the group, as written. */
  testIds: string[];
}

export const NO_DUPLICATES_LINE =
  'No duplicate funnel entries: no two entries share (email, funnel_type, test_id), not even after trimming and lower-casing e-mail and test id.';

/** A stored value with its invisible characters made visible: JSON-quoted, non-ASCII spaces as \u escapes. */
export function visibleText(value: string): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What differs inside the group: the spellings of e-mail and test id, or that the rows are exact copies. */
function variantsText(group: DuplicateGroup): string {
  const parts: string[] = [];
  if (group.emails.length > 1) parts.push(`email ${group.emails.map(visibleText).join(' / ')}`);
  if (group.testIds.length > 1) parts.push(`test_id ${group.testIds.map(visibleText).join(' / ')}`);
  return parts.length === 0 ? 'exact duplicates' : parts.join('; ');
}

/**
 * A table with one line per group, columns aligned, and a closing count; the "no duplicates"
 * line when there are none. `showOrg` adds the organisation column (a run over every organisation).
 */
export function formatDuplicateTable(groups: readonly DuplicateGroup[], options: { showOrg: boolean }): string {
  if (groups.length === 0) return NO_DUPLICATES_LINE + '\n';
  const header = ['email', 'funnel_type', 'test_id', 'count', 'min_id', 'max_id', 'first_entered_at', 'last_entered_at', 'variants'];
  const body = groups.map((g) => [
    visibleText(g.email),
    g.funnelType,
    visibleText(g.testId),
    String(g.count),
    g.minId,
    g.maxId,
    g.firstEnteredAt.toISOString(),
    g.lastEnteredAt.toISOString(),
    variantsText(g),
  ]);
  const table = options.showOrg ? [['org_id', ...header], ...body.map((cells, i) => [groups[i].orgId, ...cells])] : [header, ...body];
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ');
  const entries = groups.reduce((total, g) => total + g.count, 0);
  return [
    line(table[0]),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.slice(1).map(line),
    '',
    `${groups.length} duplicate group${groups.length === 1 ? '' : 's'} covering ${entries} entries (e-mail and test id compared trimmed and lower-cased).`,
  ].join('\n') + '\n';
}
