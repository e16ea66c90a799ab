import { useState } from 'preact/hooks';
import { presetOf, presetRange, RANGE_PRESETS, rangeProblem, type DateRange } from '../time-periods';

interface DateRangePickerProps {
  range: DateRange;
  today: string;
  onChange(range: DateRange): void;
}

/** Presets and a from (inclusive) / to (exclusive) pair, as the API takes them. */
export function DateRangePicker({ range, today, onChange }: DateRangePickerProps) {
  const [from, setFrom] = useState(range.from ?? '');
  const [to, setTo] = useState(range.to ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const active = presetOf(range, today);
  const choose = (next: DateRange) => {
    setFrom(next.from ?? '');
    setTo(next.to ?? '');
    setProblem(null);
    onChange(next);
  };
  const apply = (event: Event) => {
    event.preventDefault();
    const next = { from: from || null, to: to || null };
    const why = rangeProblem(next);
    setProblem(why);
    if (!why) onChange(next);
  };
  return (
    <div class="range-picker">
      <div class="presets" role="group" aria-label="Date range presets">
        {RANGE_PRESETS.map(({ preset, label }) => (
          <button type="button" key={preset} class={preset === active ? 'preset active' : 'preset'} aria-pressed={preset === active} onClick={() => choose(presetRange(preset, today))}>
            {label}
          </button>
        ))}
      </div>
      <form class="custom-range" onSubmit={apply}>
        <label>
          From <span class="muted">(included)</span>
          <input type="date" name="from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          To <span class="muted">(not included)</span>
          <input type="date" name="to" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit">Apply</button>
        {problem && (
          <span class="error" role="alert">
            {problem}
          </span>
        )}
      </form>
    </div>
  );
}
