import { addDays } from '../dates';
import type { LocalTimestamp } from './demo.types';
import type { Random } from './demo-random';

/**
 * A point on the demo's timeline: a day relative to the organisation's today (0 = today,
 * -1 = yesterday) and a second of that day. Kept apart from real instants so the generator
 * stays pure; the repository converts in the organisation's time zone.
 */
export interface LocalMoment {
  day: number;
  second: number;
}

/** Demo activity happens between 07:00 and 23:00, far from any daylight-saving switch. */
const DAY_OPENS = 7 * 3600;
const DAY_CLOSES = 23 * 3600;
const AWAKE_SECONDS = DAY_CLOSES - DAY_OPENS;

export function randomMomentOn(day: number, random: Random): LocalMoment {
  return { day, second: random.int(DAY_OPENS, DAY_CLOSES - 1) };
}

/** `moment` plus `seconds` of waking time: nights are skipped, so the result stays in waking hours. */
export function momentAfter(moment: LocalMoment, seconds: number): LocalMoment {
  const offset = moment.second - DAY_OPENS + seconds;
  return { day: moment.day + Math.floor(offset / AWAKE_SECONDS), second: DAY_OPENS + (offset % AWAKE_SECONDS) };
}

export function compareMoments(a: LocalMoment, b: LocalMoment): number {
  return a.day - b.day || a.second - b.second;
}

/** Turns relative days and moments into the organisation's calendar, as of `today`. */
export interface DemoCalendar {
  date(day: number): string;
  timestamp(moment: LocalMoment): LocalTimestamp;
}

export function makeCalendar(today: string): DemoCalendar {
  // A hundred thousand rows share a few hundred days: work each date out once.
  const dates = new Map<number, string>();
  const date = (day: number): string => {
    let value = dates.get(day);
    if (value === undefined) {
      value = addDays(today, day);
      dates.set(day, value);
    }
    return value;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date,
    timestamp: ({ day, second }) => `${date(day)} ${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`,
  };
}
