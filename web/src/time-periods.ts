/**
 * The date-range logic of the dashboard, pure (no DOM, no clock: `today` is passed in) so it is
 * tested apart (test/unit/dashboard-time-periods.test.ts). Ranges follow the API: `from`
 * inclusive, `to` exclusive, dates as YYYY-MM-DD in the organisation's time zone; null = open.
 */
export interface DateRange {
  from: string | null;
  to: string | null;
}

export type RangePreset = '7d' | '30d' | '90d' | 'all';

export const RANGE_PRESETS: ReadonlyArray<{ preset: RangePreset; label: string; days: number | null }> = [
  { preset: '7d', label: 'Last 7 days', days: 7 },
  { preset: '30d', label: 'Last 30 days', days: 30 },
  { preset: '90d', label: 'Last 90 days', days: 90 },
  { preset: 'all', label: 'All time', days: null },
];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar date at `now` in an IANA time zone (the organisation's "today", spec §11). */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "Last n days" ends with today included: [today − n + 1, today + 1). */
export function presetRange(preset: RangePreset, today: string): DateRange {
  const days = RANGE_PRESETS.find((p) => p.preset === preset)?.days ?? null;
  if (days === null) return { from: null, to: null };
  return { from: addDays(today, 1 - days), to: addDays(today, 1) };
}

/** The preset a range is, if any (so the picker can highlight it). */
export function presetOf(range: DateRange, today: string): RangePreset | null {
  return RANGE_PRESETS.find(({ preset }) => {
    const candidate = presetRange(preset, today);
    return candidate.from === range.from && candidate.to === range.to;
  })?.preset ?? null;
}

/** The period of equal length just before `range`; null when the range is open (all time, or no start). */
export function previousRange(range: DateRange): DateRange | null {
  if (range.from === null || range.to === null) return null;
  const length = daysBetween(range.from, range.to);
  return { from: addDays(range.from, -length), to: range.from };
}

/** Why a hand-typed range cannot be asked for, or null when it can. */
export function rangeProblem(range: DateRange): string | null {
  if (range.from !== null && !isDate(range.from)) return 'The start is not a date (YYYY-MM-DD).';
  if (range.to !== null && !isDate(range.to)) return 'The end is not a date (YYYY-MM-DD).';
  if (range.from !== null && range.to !== null && range.to <= range.from) return 'The end must come after the start (the end day is not included).';
  return null;
}

/** "12 Nov – 18 Nov 2026" style label: `to` is exclusive, so the last day shown is `to` − 1. */
export function describeRange(range: DateRange): string {
  if (range.from === null && range.to === null) return 'All time';
  const label = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const first = range.from === null ? 'the start' : label(range.from);
  const last = range.to === null ? 'today' : label(addDays(range.to, -1));
  return `${first} – ${last}`;
}
