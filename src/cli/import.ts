import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { CsvImportService, type CsvImportResult } from '../campaigns/csv-import.service';
import type { CsvEncoding } from '../campaigns/csv-encoding';
import { encodingOption } from './csv-encoding-option';
import { CsvImportRejected, describeLineProblem } from '../campaigns/csv-import.report';
import { ConfigError, loadConfig } from '../config';
import { makeDataSource } from '../db/data-source';
import { resolveDatabase, type ResolvedDatabase } from '../db/database-url';
import { migrateDatabase } from '../db/migrate';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { makeCsvProgressBar } from './csv-progress-bar';

/**
 * `npm run import -- recipients --org <id> --campaign <id> <file.csv>`
 * `npm run import -- attributions --org <id> [--campaign <id>] <file.csv>`
 * Exit codes: 0 imported, 1 file rejected (report on stderr), 2 usage error, 3 failure.
 * See docs/csv-import.md.
 */
const EXIT = { imported: 0, rejected: 1, usage: 2, failed: 3 } as const;

type ImportJob = { file: string; orgId: string; encoding: CsvEncoding } & ({ kind: 'recipients'; campaignId: string } | { kind: 'attributions'; campaignId: string | undefined });

class UsageError extends Error {}

function parseArguments(argv: string[]): ImportJob {
  let job: ImportJob | null = null;
  const program = new Command()
    .name('npm run import --')
    .description('Bulk-loads a CSV file of recipients or attributions; a file with any bad line writes nothing (docs/csv-import.md)')
    .exitOverride()
    .showHelpAfterError();
  program
    .command('recipients')
    .description('upserts campaign recipients by external_id; header: external_id,is_holdout,send_date,cost')
    .requiredOption('--org <orgId>', 'organisation id')
    .requiredOption('--campaign <campaignId>', 'campaign id (of that organisation)')
    .addOption(encodingOption())
    .argument('<file>', 'CSV file with a header row')
    .action((file: string, options: { org: string; campaign: string; encoding: CsvEncoding }) => {
      job = { kind: 'recipients', orgId: options.org, campaignId: options.campaign, file, encoding: options.encoding };
    });
  program
    .command('attributions')
    .description(
      'upserts attributed orders by (campaign_id, order_id); header: ' +
        'campaign_id,recipient_external_id,order_id,order_date,revenue,order_count,is_subscription,discount_matched',
    )
    .requiredOption('--org <orgId>', 'organisation id')
    .option('--campaign <campaignId>', 'fills empty campaign_id cells; the column may then be left out')
    .addOption(encodingOption())
    .argument('<file>', 'CSV file with a header row')
    .action((file: string, options: { org: string; campaign?: string; encoding: CsvEncoding }) => {
      job = { kind: 'attributions', orgId: options.org, campaignId: options.campaign, file, encoding: options.encoding };
    });
  program.parse(argv, { from: 'user' });
  if (job === null) throw new UsageError('name what to import: recipients or attributions (see --help)');
  return job;
}

/** Logs go to stderr: stdout carries the result only. */
function makeCliLogger(level: string): Logger {
  return process.stderr.isTTY
    ? pino({ level, base: undefined, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } })
    : pino({ level, base: undefined }, pino.destination(2));
}

async function fileSize(file: string): Promise<number> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`file not found: ${file}`);
  return info.size;
}

async function runImport(job: ImportJob, dataSource: DataSource, totalBytes: number): Promise<CsvImportResult> {
  const service = new CsvImportService(dataSource);
  const progress = makeCsvProgressBar(totalBytes);
  const csv = createReadStream(job.file);
  try {
    const onProgress = progress?.onProgress;
    return job.kind === 'recipients'
      ? await service.importRecipients(job.orgId, job.campaignId, csv, { onProgress, encoding: job.encoding })
      : await service.importAttributions(job.orgId, csv, { campaignId: job.campaignId, onProgress, encoding: job.encoding });
  } finally {
    progress?.stop();
    csv.destroy();
  }
}

function reportRejection(file: string, rejection: CsvImportRejected): void {
  const listed = rejection.problems.length < rejection.total ? ` (the first ${rejection.problems.length} are listed above)` : '';
  const lines = rejection.problems.map(describeLineProblem);
  lines.push(`${file} rejected: ${rejection.total.toLocaleString('en-US')} problem${rejection.total === 1 ? '' : 's'}${listed}; nothing was written`);
  process.stderr.write(lines.join('\n') + '\n');
}

function reportResult(job: ImportJob, result: CsvImportResult, ms: number): void {
  const n = (value: number) => value.toLocaleString('en-US');
  process.stdout.write(
    `${job.kind} from ${job.file}: ${n(result.created)} created, ${n(result.updated)} updated, ${n(result.unchanged)} unchanged ` +
      `(${n(result.rows)} lines in ${(ms / 1000).toFixed(1)} s)\n`,
  );
}

async function main(argv: string[]): Promise<number> {
  let job: ImportJob | null = null;
  let database: ResolvedDatabase | null = null;
  let dataSource: DataSource | null = null;
  try {
    job = parseArguments(argv);
    const totalBytes = await fileSize(job.file);
    const config = loadConfig();
    const logger = makeCliLogger(config.logLevel);
    database = await resolveDatabase(config, logger);
    await migrateDatabase(database.url, logger);
    dataSource = await makeDataSource(database.url, 2).initialize();
    const started = Date.now();
    reportResult(job, await runImport(job, dataSource, totalBytes), Date.now() - started);
    return EXIT.imported;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.imported : EXIT.usage;
    if (error instanceof CsvImportRejected && job !== null) {
      reportRejection(job.file, error);
      return EXIT.rejected;
    }
    if (error instanceof UsageError || (error instanceof AppError && error.code === 'NOT_FOUND')) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      error.writeToStderr();
      return EXIT.usage;
    }
    process.stderr.write(`import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  } finally {
    await dataSource?.destroy().catch(() => undefined);
    await database?.stop().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
