/**
 * Calendar dates (`YYYY-MM-DD`, no time, no zone) and the organisation-local view of instants.
 * Local dates are plain strings everywhere: a JS Date would drag a timezone into them.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (rejects 2024-02-30). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 9999 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in `timeZone` (an IANA name). */
export function localDateOf(instant: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** True when the runtime knows `timeZone` as an IANA zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `date` plus `days` calendar days (negative allowed). */
export function addDays(date: string, days: number): string {
  // The next day within a month without building a Date: a rolling series steps through every
  // day of a campaign's life, and the cache sync builds hundreds of thousands of rows a run.
  if (days === 1) {
    const d = Number(date.slice(8, 10));
    if (d < 28 && date.length === 10) return `${date.slice(0, 8)}${d < 9 ? '0' : ''}${d + 1}`;
  }
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The calendar dates the server accepts anywhere (send, order, entry and purchase dates, stats
 * and report ranges). Nothing PaperRun tracks predates 2000, and every response's rolling series
 * starts at the first send date, so a typo such as 1900 would make each one 46,000 rows long.
 */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-01-01';

/** Null when a valid YYYY-MM-DD date lies within EARLIEST_DATE … LATEST_DATE, else why not. */
export function dateBoundsProblem(date: string): string | null {
  if (date < EARLIEST_DATE) return `must be on or after ${EARLIEST_DATE}`;
  if (date > LATEST_DATE) return `must be on or before ${LATEST_DATE}`;
  return null;
}

/** The same for an instant, by its UTC date. */
export function instantBoundsProblem(instant: Date): string | null {
  return dateBoundsProblem(instant.toISOString().slice(0, 10));
}
