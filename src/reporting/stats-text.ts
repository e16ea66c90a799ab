import type { Stats } from './stats.formulas';

/**
 * `statsText`: a deterministic one-paragraph summary of the `stats` block for people (exports,
 * e-mails, AI summaries). Amounts are US dollars with thousands separators; rates are shown as
 * percentages here only (GraphQL and REST carry fractions).
 */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ratio = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const plural = (n: number, one: string, many: string) => `${integer.format(n)} ${n === 1 ? one : many}`;

export function describeStats(stats: Stats, period: { from: string | null; to: string | null }): string {
  const when =
    period.from && period.to ? `From ${period.from} to ${period.to} (exclusive)` : period.from ? `Since ${period.from}` : period.to ? `Before ${period.to}` : 'In total';
  const sent = `${when}, ${plural(stats.mailersSent, 'mailer was', 'mailers were')} sent at a cost of ${dollars.format(stats.totalCost)}.`;
  const conversion = stats.conversionRate === null ? 'no conversion rate, as nothing was mailed' : `a conversion rate of ${percent.format(stats.conversionRate)}`;
  const orders = `They brought ${plural(stats.campaignOrders, 'attributed order', 'attributed orders')} (${conversion}) and ${dollars.format(stats.campaignRevenue)} in revenue.`;
  const roas = stats.roas === null ? 'ROAS cannot be computed without cost' : `ROAS was ${ratio.format(stats.roas)}`;
  const cpa = stats.cpa === null ? 'CPA cannot be computed without orders' : `CPA was ${dollars.format(stats.cpa)}`;
  return `${sent} ${orders} ${roas}; ${cpa}.`;
}
