import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { AppError } from '../errors';
import { checkReportRange, formatConversionReport, type DayRange } from '../funnels/conversion-report';
import { FunnelService } from '../funnels/funnel.service';
import { checkOrgOption, chooseOrganization, CliUsageError } from './cli-organization';
import { withCliDatabase } from './cli-database';

/**
 * `npm run report:conversions -- [--from-date YYYY-MM-DD] [--to-date YYYY-MM-DD] [--org ID] [--by-source]`
 * prints the funnel conversion report in the seed's format (docs/funnels.md).
 * Exit codes: 0 printed, 2 usage (bad or empty date range, no or unknown organisation), 3 failure.
 */
const EXIT = { ok: 0, usage: 2, failed: 3 } as const;

interface ReportOptions {
  range: DayRange;
  org: string | undefined;
  bySource: boolean;
}

function parseArguments(argv: string[]): ReportOptions {
  const program = new Command()
    .name('npm run report:conversions --')
    .description('Funnel conversion per funnel type: entries, purchased, conversion (entries by local date in the organisation\'s timezone)')
    .option('--from-date <YYYY-MM-DD>', 'first local day included (default: all)')
    .option('--to-date <YYYY-MM-DD>', 'first local day excluded (default: up to now)')
    .option('--org <id>', 'organisation (default: the only one)')
    .option('--by-source', 'split each funnel type by source')
    .exitOverride()
    .showHelpAfterError();
  program.parse(argv, { from: 'user' });
  const options = program.opts<{ fromDate?: string; toDate?: string; org?: string; bySource?: boolean }>();
  const range = { from: options.fromDate ?? null, to: options.toDate ?? null };
  try {
    checkReportRange(range, { from: '--from-date', to: '--to-date' });
  } catch (error) {
    if (error instanceof AppError) throw new CliUsageError(error.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    throw error;
  }
  checkOrgOption(options.org);
  return { range, org: options.org, bySource: options.bySource ?? false };
}

async function main(argv: string[]): Promise<number> {
  try {
    const options = parseArguments(argv);
    return await withCliDatabase(async ({ dataSource, logger }) => {
      const organization = await chooseOrganization(dataSource, options.org);
      const report = await new FunnelService(dataSource, logger).conversionReport(organization.id, { range: options.range, bySource: options.bySource });
      process.stdout.write(formatConversionReport(report.rows, options.bySource));
      return EXIT.ok;
    });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliUsageError) {
      process.stderr.write(`report:conversions: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`report:conversions failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
