import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { formatDuplicateTable } from '../funnels/duplicates.table';
import { FunnelService } from '../funnels/funnel.service';
import { checkOrgOption, chooseOrganization, CliUsageError } from './cli-organization';
import { withCliDatabase } from './cli-database';

/**
 * `npm run funnel:duplicates [-- --org ID]`: the strictly read-only duplicate diagnostic
 * (docs/funnels.md). It runs no migration and reads in a READ ONLY transaction.
 * Exit codes: 0 no duplicates, 1 duplicates listed, 2 usage, 3 failure.
 */
const EXIT = { none: 0, found: 1, usage: 2, failed: 3 } as const;

function parseArguments(argv: string[]): { org: string | undefined } {
  const program = new Command()
    .name('npm run funnel:duplicates --')
    .description('Lists groups of funnel entries sharing (email, funnel_type, test_id), also after trimming and lower-casing; writes nothing')
    .option('--org <id>', 'only this organisation (default: every organisation)')
    .exitOverride()
    .showHelpAfterError();
  program.parse(argv, { from: 'user' });
  const { org } = program.opts<{ org?: string }>();
  checkOrgOption(org);
  return { org };
}

async function main(argv: string[]): Promise<number> {
  try {
    const { org } = parseArguments(argv);
    return await withCliDatabase(
      async ({ dataSource, logger }) => {
        const orgId = org === undefined ? null : (await chooseOrganization(dataSource, org)).id;
        const groups = await new FunnelService(dataSource, logger).duplicates(orgId);
        process.stdout.write(formatDuplicateTable(groups, { showOrg: orgId === null }));
        return groups.length === 0 ? EXIT.none : EXIT.found;
      },
      { migrate: false },
    );
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.none : EXIT.usage;
    if (error instanceof CliUsageError) {
      process.stderr.write(`funnel:duplicates: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`funnel:duplicates failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
