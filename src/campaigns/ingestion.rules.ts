import { createHash } from 'node:crypto';

/** Pure ingestion rules of spec §11, shared by GraphQL mutations and the CSV importer. */

export const MAX_BATCH_SIZE = 10_000;
export const MAX_ID_LENGTH = 200;
/**
 * Money columns are numeric(14, places): recipients' cost numeric(14, 4) (ten digits before the
 * point), attributions' revenue numeric(14, 2) (twelve). A value must fit its column, or the
 * database would refuse it as an internal error after validation had passed.
 */
export const MONEY_PRECISION = 14;

/** The exclusive upper bound of an amount with `places` decimal places: 1e10 for cost, 1e12 for revenue. */
export function maxMoney(places: number): number {
  return 10 ** (MONEY_PRECISION - places);
}
/** Orders dated more than this far ahead of now are rejected. */
export const MAX_ORDER_FUTURE_MS = 24 * 60 * 60 * 1000;

/** Decimal places of a finite double as written in its shortest round-trip form. */
export function decimalPlaces(value: number): number {
  const text = String(value);
  const exp = /e([+-]\d+)$/.exec(text);
  const mantissa = exp ? text.slice(0, exp.index) : text;
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - (exp ? Number(exp[1]) : 0));
}

/** Null when `value` is a valid amount of money with at most `maxDecimals` places, else why not. */
export function moneyProblem(value: number, maxDecimals: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (value < 0) return 'must not be negative';
  if (value >= maxMoney(maxDecimals)) return `must be less than ${maxMoney(maxDecimals).toLocaleString('en-US')}`;
  if (decimalPlaces(value) > maxDecimals) return `must have at most ${maxDecimals} decimal places`;
  return null;
}

/** The exact decimal text of a validated money value, as PostgreSQL's numeric reads it. */
export function moneyText(value: number): string {
  return value.toFixed(decimalPlaces(value));
}

/** Null when `value` is a usable identifier (external id, order id), else why not. */
export function identifierProblem(value: string): string | null {
  if (value.trim().length === 0) return 'must not be empty';
  if (value.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters`;
  return null;
}

/**
 * Server-side experiment group assignment (spec §5): a keyed hash of (campaign id, external id)
 * mapped onto [0, 100). The campaign id is the key, so each campaign gets an independent split
 * and a re-import lands every recipient where it landed before.
 */
export function assignsToHoldout(campaignId: string, externalId: string, holdoutPercent: number): boolean {
  const digest = createHash('sha256').update(campaignId).update('\0').update(externalId).digest();
  // 52 bits: exactly representable as a double, so the bucket is uniform on [0, 1).
  const unit = Number(digest.readBigUInt64BE(0) >> 12n) / 2 ** 52;
  return unit * 100 < holdoutPercent;
}

/**
 * Orders rows by their key before they are written, so every batch takes its row locks in the
 * same (canonical) order: two batches sharing rows then wait for each other, never deadlock.
 */
export function inLockOrder<T>(rows: T[], key: (row: T) => string[]): T[] {
  const compare = (a: string[], b: string[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };
  return [...rows].sort((x, y) => compare(key(x), key(y)));
}
