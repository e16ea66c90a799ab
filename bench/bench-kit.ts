/**
 * Shared shape of the benchmarks run by `npm run bench` (bench/run.ts). Each bench file
 * default-exports a Benchmark; it measures its subject and its baseline side by side in the
 * same run and reports medians, never a timing assertion.
 */
export interface BenchmarkReport {
  /** What ran, on how much data. */
  title: string;
  lines: string[];
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkReport>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}
