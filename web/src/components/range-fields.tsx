import type { DateRange } from '../time-periods';

interface RangeFieldsProps {
  range: DateRange;
  onInput(range: DateRange): void;
}

/** The from (inclusive) and to (exclusive) date inputs of a range form; an empty input is an open bound. */
export function RangeFields({ range, onInput }: RangeFieldsProps) {
  return (
    <>
      <label>
        From <span class="muted">(included)</span>
        <input type="date" name="from" value={range.from ?? ''} onInput={(e) => onInput({ ...range, from: e.currentTarget.value || null })} />
      </label>
      <label>
        To <span class="muted">(not included)</span>
        <input type="date" name="to" value={range.to ?? ''} onInput={(e) => onInput({ ...range, to: e.currentTarget.value || null })} />
      </label>
    </>
  );
}
