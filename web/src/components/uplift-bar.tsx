import { formatPercent } from '../format';

interface UpliftBarProps {
  uplift: number | null;
  low: number | null;
  high: number | null;
}

const WIDTH = 480;
const HEIGHT = 56;
const PAD = 24;

/** The uplift's 95 % interval as a bar against 0 (the line of "no effect"); no upper bound runs off the edge. */
export function UpliftBar({ uplift, low, high }: UpliftBarProps) {
  if (low === null) return <p class="muted">No interval: a group has no recipients.</p>;
  const lowest = Math.min(low, -0.1);
  const highest = Math.max(high ?? Math.max(low, uplift ?? 0) * 1.5 + 0.2, 0.1);
  const span = highest - lowest;
  const x = (v: number) => PAD + ((v - lowest) / span) * (WIDTH - 2 * PAD);
  const excludesZero = low > 0 || (high !== null && high < 0);
  const label = `95 % interval of the uplift: ${formatPercent(low)} to ${high === null ? 'no upper bound' : formatPercent(high)}${uplift === null ? '' : `, estimate ${formatPercent(uplift)}`}`;
  return (
    <svg class="uplift-bar" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <line x1={x(0)} x2={x(0)} y1={4} y2={HEIGHT - 16} class="zero" />
      <text x={x(0)} y={HEIGHT - 3} text-anchor="middle" class="axis-label">
        0
      </text>
      <rect x={x(low)} y={16} width={Math.max(2, (high === null ? WIDTH - PAD : x(high)) - x(low))} height={14} rx={3} class={excludesZero ? 'interval significant' : 'interval'} />
      {uplift !== null && <circle cx={x(uplift)} cy={23} r={6} class="estimate" />}
      <text x={x(low)} y={12} text-anchor="middle" class="axis-label">
        {formatPercent(low)}
      </text>
      <text x={high === null ? WIDTH - PAD : x(high)} y={12} text-anchor="middle" class="axis-label">
        {high === null ? 'no upper bound' : formatPercent(high)}
      </text>
    </svg>
  );
}
