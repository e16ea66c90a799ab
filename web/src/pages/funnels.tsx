import { useState } from 'preact/hooks';
import { useQuery } from '../api/use-query';
import { RangeFields } from '../components/range-fields';
import { ErrorNotice, Loading } from '../components/status';
import { Value } from '../components/value';
import { formatCount, formatPercent } from '../format';
import { FunnelsDocument } from '../generated/graphql';
import { rangeProblem, type DateRange } from '../time-periods';
import { funnelTypeLabel } from '../words';

/** The funnel conversion report (entries by local day, from inclusive, to exclusive) and the Brevo outbox. */
export function Funnels() {
  const [range, setRange] = useState<DateRange>({ from: null, to: null });
  const [draft, setDraft] = useState<DateRange>(range);
  const [problem, setProblem] = useState<string | null>(null);
  const [bySource, setBySource] = useState(true);
  const state = useQuery(FunnelsDocument, { fromDate: range.from, toDate: range.to, bySource });
  const apply = (event: Event) => {
    event.preventDefault();
    const why = rangeProblem(draft);
    setProblem(why);
    if (!why) setRange(draft);
  };
  return (
    <main>
      <header class="page-header">
        <h1>Funnels</h1>
        <p class="muted">E-mail funnel entries and certificate purchases, and the Brevo sync behind them.</p>
      </header>
      <form class="custom-range" onSubmit={apply}>
        <RangeFields range={draft} onInput={setDraft} />
        <label class="checkbox">
          <input type="checkbox" checked={bySource} onChange={(e) => setBySource(e.currentTarget.checked)} /> By source
        </label>
        <button type="submit">Apply</button>
        {problem && (
          <span class="error" role="alert">
            {problem}
          </span>
        )}
      </form>
      {state.status === 'loading' && <Loading what="the funnel report" />}
      {state.status === 'error' && <ErrorNotice error={state.error} />}
      {state.status === 'done' && (
        <>
          <section class="card">
            <h2>Conversion</h2>
            <table class="funnel-report">
              <thead>
                <tr>
                  <th scope="col">Funnel</th>
                  {bySource && <th scope="col">Source</th>}
                  <th scope="col" class="num">Entries</th>
                  <th scope="col" class="num">Purchased</th>
                  <th scope="col" class="num">Conversion</th>
                </tr>
              </thead>
              <tbody>
                {state.data.funnelConversionReport.rows.map((row) => (
                  <tr key={`${row.funnelType}|${row.source ?? ''}`}>
                    <th scope="row">{funnelTypeLabel(row.funnelType)}</th>
                    {bySource && <td>{row.source ?? <span class="muted">no source</span>}</td>}
                    <td class="num">{formatCount(row.entries)}</td>
                    <td class="num">{formatCount(row.purchased)}</td>
                    <td class="num">
                      <Value value={row.conversion} format={formatPercent} whyNull="No entries in this range" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card">
            <h2>Brevo outbox</h2>
            <div class="kpis small">
              {(
                [
                  ['Pending', state.data.brevoOutboxSummary.pending],
                  ['Due now', state.data.brevoOutboxSummary.due],
                  ['Failed', state.data.brevoOutboxSummary.failed],
                  ['Delivered', state.data.brevoOutboxSummary.success],
                ] as const
              ).map(([label, value]) => (
                <section class="kpi" key={label}>
                  <h3>{label}</h3>
                  <p class="kpi-value">{formatCount(value)}</p>
                </section>
              ))}
            </div>
          </section>
        </>
      )}
    </main>
  );
}
