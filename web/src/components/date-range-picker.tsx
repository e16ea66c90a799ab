import { useState } from 'preact/hooks';
import { presetOf, presetRange, RANGE_PRESETS, rangeProblem, type DateRange } from '../time-periods';
import { RangeFields } from './range-fields';

interface DateRangePickerProps {
  range: DateRange;
  today: string;
  onChange(range: DateRange): void;
}

/** Presets and a from (inclusive) / to (exclusive) pair, as the API takes them. */
export function DateRangePicker({ range, today, onChange }: DateRangePickerProps) {
  const [draft, setDraft] = useState<DateRange>(range);
  const [problem, setProblem] = useState<string | null>(null);
  const active = presetOf(range, today);
  const choose = (next: DateRange) => {
    setDraft(next);
    setProblem(null);
    onChange(next);
  };
  const apply = (event: Event) => {
    event.preventDefault();
    const why = rangeProblem(draft);
    setProblem(why);
    if (!why) onChange(draft);
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
        <RangeFields range={draft} onInput={setDraft} />
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
