import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Benchmark } from './bench-kit';

/**
 * `npm run bench [-- name-filter]`: runs every bench/*.bench.ts (or those whose file name
 * contains the filter) one after another and prints each report. Uses DATABASE_URL when set,
 * else the embedded PostgreSQL (see each benchmark).
 */
async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
  if (files.length === 0) throw new Error(`no benchmark matches ${JSON.stringify(filter)}`);
  for (const file of files) {
    // require, not import(): the TypeScript loader (ts-node) hooks CommonJS loading only.
    const bench = (require(path.join(__dirname, file)) as { default: Benchmark }).default;
    process.stdout.write(`\n== ${bench.name} (${file})\n`);
    const report = await bench.run();
    process.stdout.write(`${report.title}\n${report.lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
