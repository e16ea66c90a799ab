import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate, formatMoney, formatRatio, NONE } from '../format';

export interface RollingPoint {
  date: string;
  revenue: number;
  roas: number | null;
  cumulativeRoas: number | null;
}

interface RollingChartProps {
  rows: RollingPoint[];
  title: string;
}

const HEIGHT = 280;
const secondsOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/**
 * The rolling 30-day series as the API gives it, one point per day: window revenue on the left
 * axis, window ROAS and cumulative ROAS on the right. A table of the same rows sits below for
 * screen readers and for anyone who wants the exact numbers.
 */
export function RollingChart({ rows, title }: RollingChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element || rows.length === 0) return;
    const data: uPlot.AlignedData = [rows.map((r) => secondsOf(r.date)), rows.map((r) => r.revenue), rows.map((r) => r.roas), rows.map((r) => r.cumulativeRoas)];
    const options: uPlot.Options = {
      width: Math.max(320, element.clientWidth),
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, money: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] }, ratio: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        {},
        { scale: 'money', values: (_u, ticks) => ticks.map((t) => formatMoney(t)), size: 80 },
        { scale: 'ratio', side: 1, size: 70, grid: { show: false }, values: (_u, ticks) => ticks.map((t) => formatRatio(t)) },
      ],
      series: [
        { value: (_u, ts) => (ts === null ? NONE : formatDate(new Date(ts * 1000).toISOString().slice(0, 10))) },
        { label: 'Revenue (30 days)', scale: 'money', stroke: '#2563eb', fill: 'rgba(37, 99, 235, 0.08)', width: 2, value: (_u, v) => (v === null ? NONE : formatMoney(v)) },
        { label: 'ROAS (30 days)', scale: 'ratio', stroke: '#d97706', width: 2, value: (_u, v) => (v === null ? NONE : formatRatio(v)) },
        { label: 'Cumulative ROAS', scale: 'ratio', stroke: '#059669', width: 2, dash: [6, 4], value: (_u, v) => (v === null ? NONE : formatRatio(v)) },
      ],
      hooks: {
        // The browser test reads how many points were drawn per series.
        draw: [(u) => element.setAttribute('data-points', String(u.data[0].length))],
        // Until the pointer is on the chart, the legend shows the latest day rather than blanks.
        ready: [(u) => u.setLegend({ idx: rows.length - 1 })],
        setCursor: [
          (u) => {
            if (u.cursor.idx === null || u.cursor.idx === undefined) u.setLegend({ idx: rows.length - 1 });
          },
        ],
      },
    };
    const chart = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [rows]);
  if (rows.length === 0) return <p class="muted">No rolling series yet: nothing has been mailed.</p>;
  return (
    <figure class="rolling-chart">
      <figcaption>{title}</figcaption>
      <div ref={container} class="chart" role="img" aria-label={`${title}: ${rows.length} days, from ${formatDate(rows[0].date)} to ${formatDate(rows[rows.length - 1].date)}`} />
      <details>
        <summary>The numbers, day by day</summary>
        <table class="series-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Revenue (30 days)</th>
              <th scope="col">ROAS (30 days)</th>
              <th scope="col">Cumulative ROAS</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.date} data-date={r.date}>
                <td>{formatDate(r.date)}</td>
                <td class="num">{formatMoney(r.revenue)}</td>
                <td class="num">{r.roas === null ? NONE : formatRatio(r.roas)}</td>
                <td class="num">{r.cumulativeRoas === null ? NONE : formatRatio(r.cumulativeRoas)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
