import { Presets, SingleBar } from 'cli-progress';
import type { ImportProgress } from '../campaigns/csv-import.service';

export interface CsvProgressBar {
  onProgress(progress: ImportProgress): void;
  stop(): void;
}

/** A progress bar over a CSV file's bytes, on stderr and only when a person is watching it. */
export function makeCsvProgressBar(totalBytes: number): CsvProgressBar | null {
  if (!process.stderr.isTTY) return null;
  const bar = new SingleBar(
    { stream: process.stderr, hideCursor: true, format: '{phase} [{bar}] {percentage}% | {rows} lines' },
    Presets.shades_classic,
  );
  bar.start(Math.max(totalBytes, 1), 0, { phase: 'reading'.padEnd(8), rows: 0 });
  return {
    onProgress(progress) {
      if (progress.phase === 'reading') bar.update(Math.min(progress.bytes, totalBytes), { rows: progress.rows.toLocaleString('en-US') });
      else bar.update(totalBytes, { phase: progress.phase.padEnd(8) });
    },
    stop: () => bar.stop(),
  };
}
