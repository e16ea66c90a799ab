import { NONE } from '../format';

interface ValueProps {
  value: number | null | undefined;
  format: (value: number) => string;
  /** Why the API has no number here (a zero denominator, no holdout, …): the "–" tooltip. */
  whyNull: string;
}

/** A formatted number, or "–" that says why there is none. */
export function Value({ value, format, whyNull }: ValueProps) {
  if (value === null || value === undefined) {
    return (
      <abbr class="none" title={whyNull} aria-label={`none: ${whyNull}`}>
        {NONE}
      </abbr>
    );
  }
  return <span class="value">{format(value)}</span>;
}
