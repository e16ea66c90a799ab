/**
 * Exact money: an integer count of ten-thousandths (costs have 4 decimals, revenue 2), as a
 * bigint, so sums over any number of days are exact; converted to the nearest double only
 * when a number leaves the server.
 */
export type Money = bigint;

const SCALE = 10_000n;
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,4})\d*)?$/;

export const ZERO: Money = 0n;
const EXACT_DOUBLE = BigInt(Number.MAX_SAFE_INTEGER);

/** Parses PostgreSQL numeric text ("12.3400", "-0.5", "7") into ten-thousandths. */
export function parseMoney(text: string | null | undefined): Money {
  if (text === null || text === undefined || text === '') return 0n;
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`not a decimal amount: ${JSON.stringify(text)}`);
  const units = BigInt(m[2]) * SCALE + BigInt((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -units : units;
}

/** The nearest double to the exact amount. */
export function moneyToNumber(amount: Money): number {
  // Below 2^53 the amount and the scale are exact doubles and the division is correctly
  // rounded: the same nearest double as parsing the decimal text, without building it.
  if (amount <= EXACT_DOUBLE && amount >= -EXACT_DOUBLE) return Number(amount) / 10_000;
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const text = `${abs / SCALE}.${(abs % SCALE).toString().padStart(4, '0')}`;
  return (negative ? -1 : 1) * Number(text);
}

/** a / b as a double, or null when b is zero (never NaN or Infinity). */
export function moneyRatio(a: Money, b: Money): number | null {
  if (b === 0n) return null;
  return moneyToNumber(a) / moneyToNumber(b);
}

/** Money per count (e.g. cost per order), or null for a zero count. */
export function moneyPer(amount: Money, count: number): number | null {
  if (count === 0) return null;
  return moneyToNumber(amount) / count;
}

/** count / count, or null for a zero denominator. */
export function countRatio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
