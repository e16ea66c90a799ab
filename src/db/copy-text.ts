/**
 * One row in PostgreSQL's COPY text format: tab-separated, `\N` for null, and backslash,
 * tab, newline and carriage return escaped (https://www.postgresql.org/docs/current/sql-copy.html).
 */
export type CopyValue = string | number | boolean | null;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

/** The values as one COPY text line, newline included. */
export function copyTextLine(values: CopyValue[]): string {
  return values.map(copyField).join('\t') + '\n';
}
