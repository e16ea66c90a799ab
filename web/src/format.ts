/**
 * Every number the dashboard shows goes through here, so a value looks the same on every page.
 * The API carries no currency: amounts are shown in DISPLAY_CURRENCY (docs/dashboard.md).
 */
export const DISPLAY_CURRENCY = 'USD';
const LOCALE = 'en-US';

export const NONE = '–';

const currency = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: DISPLAY_CURRENCY, minimumFractionDigits: 2, maximumFractionDigits: 2 });
const currencyWhole = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: DISPLAY_CURRENCY, maximumFractionDigits: 0 });
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** Money: cents below 10,000, whole units above (a KPI card of $412,345.67 reads worse). */
export function formatMoney(value: number): string {
  return Math.abs(value) >= 10_000 ? currencyWhole.format(value) : currency.format(value);
}

export function formatCount(value: number): string {
  return whole.format(value);
}

/** A fraction as a percentage with decimals that still say something: 0.0289 → 2.89 %, 0.153 → 15.3 %. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  const size = Math.abs(percent);
  const decimals = size === 0 ? 0 : size < 1 ? 2 : size < 10 ? 2 : size < 100 ? 1 : 0;
  return `${percent.toLocaleString(LOCALE, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })} %`;
}

/** A ratio of money to money (ROAS): two decimals and a times sign. */
export function formatRatio(value: number): string {
  return `${value.toLocaleString(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`;
}

/** A p-value: small ones in scientific notation rather than as 0.000. */
export function formatPValue(value: number): string {
  if (value < 0.0001) return `< 0.0001`;
  return value.toLocaleString(LOCALE, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
}

/** A signed relative change (+12.3 %), for a KPI against its previous period. */
export function formatSignedPercent(fraction: number): string {
  const text = formatPercent(Math.abs(fraction));
  if (fraction > 0) return `+${text}`;
  if (fraction < 0) return `−${text}`;
  return text;
}

/** A date (YYYY-MM-DD) for people: 2 Dec 2026. */
export function formatDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * The change of a KPI against the previous period, as a fraction; null when there is nothing to
 * compare with (no previous value, or it was 0), which the card shows as "–" with the reason.
 */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return current / previous - 1;
}
