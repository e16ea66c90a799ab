import { dateBoundsProblem, instantBoundsProblem, isLocalDate } from '../dates';
import { moneyProblem, moneyText } from './ingestion.rules';

/**
 * Parsers of single CSV cells into the values the GraphQL inputs carry, with the same rules
 * (ingestion.rules.ts). Identifiers are taken verbatim; other cells may have spaces around them.
 */
export type Cell<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const problem = <T>(why: string): Cell<T> => ({ ok: false, problem: why });

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const WHOLE_NUMBER = /^\d+$/;
const MAX_INT4 = 2_147_483_647;
/** RFC 3339 date-time with a mandatory offset, as the GraphQL DateTime scalar accepts it. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/** Money as exact decimal text for numeric(14, `maxDecimals`). */
export function parseMoneyCell(text: string, maxDecimals: number): Cell<string> {
  const trimmed = text.trim();
  if (trimmed === '') return problem('must not be empty');
  if (!PLAIN_DECIMAL.test(trimmed)) return problem('must be a plain decimal number such as 12.50');
  const amount = Number(trimmed);
  const why = moneyProblem(amount, maxDecimals);
  return why ? problem(why) : ok(moneyText(amount));
}

/** `true`/`false` in any letter case; an empty cell is `whenEmpty`. */
export function parseBooleanCell<E extends boolean | null>(text: string, whenEmpty: E, emptyMeaning: string): Cell<boolean | E> {
  const word = text.trim().toLowerCase();
  if (word === '') return ok(whenEmpty);
  if (word === 'true') return ok(true);
  if (word === 'false') return ok(false);
  return problem(`must be true, false or empty (${emptyMeaning})`);
}

/** A calendar date YYYY-MM-DD no later than `today`; an empty cell is null (not sent). */
export function parseSendDateCell(text: string, today: string): Cell<string | null> {
  const date = text.trim();
  if (date === '') return ok(null);
  if (!isLocalDate(date)) return problem('must be a date written YYYY-MM-DD');
  if (date > today) return problem(`must not be in the future (the organisation's today is ${today})`);
  const bounds = dateBoundsProblem(date);
  return bounds === null ? ok(date) : problem(bounds);
}

/**
 * An instant with its UTC offset, at most `latest` (epoch ms). The value is what to stage: the
 * text itself when PostgreSQL reads the same instant from it as JS does (up to milliseconds),
 * else its ISO form in UTC, cut to milliseconds exactly as a GraphQL DateTime is.
 */
export function parseOrderDateCell(text: string, latest: number): Cell<string> {
  const trimmed = text.trim();
  const match = DATE_TIME.exec(trimmed);
  const instant = match && isLocalDate(match[1]) ? Date.parse(trimmed) : Number.NaN;
  if (!match || Number.isNaN(instant)) return problem('must be an ISO-8601 date-time with a UTC offset, such as 2024-05-01T14:30:00+02:00');
  if (instant > latest) return problem('must not be more than 24 hours in the future');
  const bounds = instantBoundsProblem(new Date(instant));
  if (bounds !== null) return problem(bounds);
  const fractionDigits = match[3] ? match[3].length - 1 : 0;
  return ok(fractionDigits <= 3 ? trimmed : new Date(instant).toISOString());
}

/** The customer's n-th order: a whole number from 1 (PostgreSQL integer at most). */
export function parseOrderCountCell(text: string): Cell<number> {
  const trimmed = text.trim();
  const count = WHOLE_NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(count >= 1 && count <= MAX_INT4)) return problem('must be a whole number of at least 1 (1 = first purchase)');
  return ok(count);
}
