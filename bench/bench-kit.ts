import { readdirSync, readFileSync } from 'node:fs';

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

/**
 * Bytes PostgreSQL's server processes have read from storage so far (the sum of `read_bytes`
 * in /proc/<pid>/io over the processes named `postgres`): reads the page cache did not serve.
 * Null when the server does not run on this machine or /proc is not readable (then a bench
 * prints no such figure). Unlike pg_stat_database, whose counters a backend flushes at most
 * once a second, it counts a statement's reads as soon as they happen.
 */
export function serverDiskReadBytes(): number | null {
  let total = 0;
  let found = false;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const match = /^read_bytes: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
      if (!match) continue;
      total += Number(match[1]);
      found = true;
    } catch {
      // The process ended, or its io is not ours to read.
    }
  }
  return found ? total : null;
}
