import { formatSignedPercent, relativeChange } from '../format';
import { Value } from './value';

interface KpiCardProps {
  id: string;
  label: string;
  value: number | null;
  format: (value: number) => string;
  whyNull: string;
  /** The same KPI over the previous period; undefined when there is no previous period. */
  previous?: number | null;
  /** For costs, a fall is the good direction. */
  lowerIsBetter?: boolean;
}

/** One headline number with its change against the previous period of equal length. */
export function KpiCard({ id, label, value, format, whyNull, previous, lowerIsBetter = false }: KpiCardProps) {
  const change = previous === undefined ? null : relativeChange(value, previous);
  const direction = change === null || change === 0 ? 'flat' : (change > 0) !== lowerIsBetter ? 'good' : 'bad';
  const whyNoChange = previous === undefined ? 'All time has no earlier period to compare with' : 'The previous period has no value to compare with';
  return (
    <section class="kpi" data-kpi={id} aria-labelledby={`kpi-${id}`}>
      <h3 id={`kpi-${id}`}>{label}</h3>
      <p class="kpi-value" data-raw={value === null ? '' : String(value)}>
        <Value value={value} format={format} whyNull={whyNull} />
      </p>
      <p class={`kpi-change ${direction}`}>
        <Value value={change} format={formatSignedPercent} whyNull={whyNoChange} /> <span class="muted">vs previous period</span>
      </p>
    </section>
  );
}
