import { useMemo, useState } from 'preact/hooks';
import { useQuery } from '../api/use-query';
import { DateRangePicker } from '../components/date-range-picker';
import { KpiCard } from '../components/kpi-card';
import { RollingChart } from '../components/rolling-chart';
import { ErrorNotice, Loading } from '../components/status';
import { formatCount, formatDate, formatDateTime, formatMoney, formatRatio } from '../format';
import { OverviewDocument, type KpiStatsFragment } from '../generated/graphql';
import { useSession } from '../session';
import { describeRange, presetRange, previousRange, todayIn, type DateRange } from '../time-periods';

interface KpiDefinition {
  id: keyof KpiStatsFragment;
  label: string;
  format: (value: number) => string;
  whyNull: string;
  lowerIsBetter?: boolean;
}

export const KPIS: KpiDefinition[] = [
  { id: 'mailersSent', label: 'Mailers sent', format: formatCount, whyNull: '' },
  { id: 'totalCost', label: 'Cost', format: formatMoney, whyNull: '', lowerIsBetter: true },
  { id: 'campaignOrders', label: 'Orders', format: formatCount, whyNull: '' },
  { id: 'campaignRevenue', label: 'Revenue', format: formatMoney, whyNull: '' },
  { id: 'roas', label: 'ROAS', format: formatRatio, whyNull: 'No cost in this range, so no return on it' },
  { id: 'cpa', label: 'CPA', format: formatMoney, whyNull: 'No orders in this range, so no cost per order', lowerIsBetter: true },
  { id: 'firstPurchaseRoas', label: 'First-purchase ROAS', format: formatRatio, whyNull: 'No cost in this range, so no return on it' },
];

/** The organisation at a glance: KPIs for a range against the period before, and the rolling trend. */
export function Overview() {
  const { organization } = useSession();
  const today = useMemo(() => todayIn(organization.timezone, new Date()), [organization.timezone]);
  const [range, setRange] = useState<DateRange>(() => presetRange('30d', today));
  const previous = previousRange(range);
  const state = useQuery(OverviewDocument, {
    fromDate: range.from,
    toDate: range.to,
    previousFromDate: previous?.from ?? null,
    previousToDate: previous?.to ?? null,
    withPrevious: previous !== null,
  });
  return (
    <main>
      <header class="page-header">
        <h1>Overview</h1>
        <p class="muted">
          {organization.name} · {describeRange(range)} · today is {formatDate(today)} ({organization.timezone})
        </p>
      </header>
      <DateRangePicker range={range} today={today} onChange={setRange} />
      {state.status === 'loading' && <Loading what="the organisation's numbers" />}
      {state.status === 'error' && <ErrorNotice error={state.error} />}
      {state.status === 'done' && (
        <>
          <div class="kpis" aria-live="polite" data-range={`${range.from ?? ''}..${range.to ?? ''}`}>
            {KPIS.map((kpi) => (
              <KpiCard key={kpi.id} {...kpi} value={state.data.current.stats[kpi.id]} previous={state.data.previous ? state.data.previous.stats[kpi.id] : undefined} />
            ))}
          </div>
          <section class="card">
            <h2>Rolling 30 days</h2>
            <RollingChart rows={state.data.current.rollingMonthlyStats} title="Revenue and ROAS over the trailing 30 days, with cumulative ROAS" />
          </section>
          <p class="muted refreshed">Last refreshed {formatDateTime(state.data.current.lastRefreshed)}</p>
        </>
      )}
    </main>
  );
}
