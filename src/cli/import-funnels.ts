import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import type { CsvEncoding } from '../campaigns/csv-encoding';
import { encodingOption } from './csv-encoding-option';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvImportRejected, describeLineProblem } from '../campaigns/csv-import.report';
import { AppError } from '../errors';
import { FunnelCsvImportService, type FunnelImportResult } from '../funnels/funnel-csv-import.service';
import { checkOrgOption, CliUsageError } from './cli-organization';
import { withCliDatabase } from './cli-database';
import { makeCsvProgressBar } from './csv-progress-bar';

/**
 * `npm run import:funnels -- --org <id> <file.csv>`: bulk import of funnel entries
 * (header email,funnel_type,test_id[,user_id][,source][,entered_at]; docs/funnels.md).
 * Idempotent; all or nothing. Exit codes: 0 imported, 1 file rejected (report on stderr),
 * 2 usage error, 3 failure.
 */
const EXIT = { imported: 0, rejected: 1, usage: 2, failed: 3 } as const;

function parseArguments(argv: string[]): { orgId: string; file: string; encoding: CsvEncoding } {
  const jobs: Array<{ orgId: string; file: string; encoding: CsvEncoding }> = [];
  new Command()
    .name('npm run import:funnels --')
    .description('Enters funnel entries from a CSV file; entries already present are left alone; a file with any bad line writes nothing')
    .requiredOption('--org <orgId>', 'organisation id')
    .addOption(encodingOption())
    .argument('<file>', 'CSV file with the header email,funnel_type,test_id,user_id,source,entered_at')
    .exitOverride()
    .showHelpAfterError()
    .action((file: string, options: { org: string; encoding: CsvEncoding }) => {
      jobs.push({ orgId: options.org, file, encoding: options.encoding });
    })
    .parse(argv, { from: 'user' });
  const [job] = jobs;
  if (!job) throw new CliUsageError('name the CSV file to import');
  checkOrgOption(job.orgId);
  return job;
}

function reportRejection(file: string, rejection: CsvImportRejected): void {
  const listed = rejection.problems.length < rejection.total ? ` (the first ${rejection.problems.length} are listed above)` : '';
  const lines = rejection.problems.map(describeLineProblem);
  lines.push(`${file} rejected: ${rejection.total.toLocaleString('en-US')} problem${rejection.total === 1 ? '' : 's'}${listed}; nothing was written`);
  process.stderr.write(lines.join('\n') + '\n');
}

function reportResult(file: string, result: FunnelImportResult, ms: number): void {
  const n = (value: number) => value.toLocaleString('en-US');
  process.stdout.write(
    `funnel entries from ${file}: ${n(result.created)} created, ${n(result.alreadyPresent)} already present, ` +
      `${n(result.repeatedInFile)} repeated in the file (${n(result.rows)} lines in ${(ms / 1000).toFixed(1)} s)\n`,
  );
}

async function main(argv: string[]): Promise<number> {
  let file: string | null = null;
  try {
    const job = parseArguments(argv);
    file = job.file;
    const info = await stat(job.file).catch(() => null);
    if (!info?.isFile()) throw new CliUsageError(`file not found: ${job.file}`);
    return await withCliDatabase(async ({ dataSource }) => {
      const progress = makeCsvProgressBar(info.size);
      const csv = createReadStream(job.file);
      const started = Date.now();
      let result: FunnelImportResult;
      try {
        result = await new FunnelCsvImportService(dataSource).importEntries(job.orgId, csv, { onProgress: progress?.onProgress, encoding: job.encoding });
      } finally {
        progress?.stop();
        csv.destroy();
      }
      reportResult(job.file, result, Date.now() - started);
      return EXIT.imported;
    });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.imported : EXIT.usage;
    if (error instanceof CsvImportRejected && file !== null) {
      reportRejection(file, error);
      return EXIT.rejected;
    }
    if (error instanceof CliUsageError || (error instanceof AppError && error.code === 'NOT_FOUND')) {
      process.stderr.write(`import:funnels: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`import:funnels failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
