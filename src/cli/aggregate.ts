import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { AppError } from '../errors';
import { isUuid } from '../organizations/organization.service';
import { AggregationService, driftCount, runTotals } from '../reporting/aggregation.service';
import { verifyLines } from './verify-lines';
import { withCliDatabase } from './cli-database';

/**
 * `npm run aggregate -- [--org ID] [--full]`: one aggregation run now (what the
 * process-order-aggregations job does), or a full rebuild with a progress bar.
 * `npm run aggregates:verify -- [--org ID]`: recomputes every bucket from raw in a read-only
 * snapshot and lists those that differ; changes not yet aggregated are reported apart (count
 * and campaigns) and accounted for, so only real drift exits 1.
 */
async function main(argv: string[]): Promise<number> {
  const program = new Command().name('aggregate').exitOverride();
  let action: Promise<number> | null = null;
  program
    .command('run')
    .option('--org <id>', 'only this organisation (default: every reporting-enabled one)')
    .option('--full', 'rebuild every bucket from scratch')
    .action((options: { org?: string; full?: boolean }) => {
      action = (async () => runAggregation(options.org, options.full ?? false))();
    });
  program
    .command('verify')
    .option('--org <id>', 'only this organisation (default: every reporting-enabled one)')
    .action((options: { org?: string }) => {
      action = (async () => verifyAggregates(options.org))();
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch {
    return 2;
  }
  return action ?? 2;
}

function checkOrg(org: string | undefined): void {
  if (org !== undefined && !isUuid(org)) throw new AppError('BAD_USER_INPUT', `--org: ${JSON.stringify(org)} is not an organisation id`);
}

function runAggregation(org: string | undefined, full: boolean): Promise<number> {
  checkOrg(org);
  return withCliDatabase(async ({ dataSource, config }) => {
    const service = new AggregationService(dataSource, config.aggregationSlidingWindowDays);
    const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: `${full ? 'full rebuild' : 'aggregation'} [{bar}] {value}/{total} organisations` }, Presets.shades_classic) : null;
    const { organizations, failures } = await service.run({
      orgId: org,
      full,
      onProgress: (done, total) => (done === 0 ? bar?.start(total, 0) : bar?.update(done)),
    });
    bar?.stop();
    const { changes, changedCampaigns } = runTotals(organizations);
    process.stdout.write(`${organizations.length} organisation(s)${full ? ' rebuilt' : ''}: ${changes} change(s) applied, ${changedCampaigns} campaign(s) changed\n`);
    // A failed organisation was rolled back; the others ran.
    for (const failure of failures) process.stderr.write(`failed: org ${failure.orgId}: ${failure.error}\n`);
    return failures.length > 0 ? 1 : 0;
  });
}

function verifyAggregates(org: string | undefined): Promise<number> {
  checkOrg(org);
  return withCliDatabase(async ({ dataSource, config }) => {
    const service = new AggregationService(dataSource, config.aggregationSlidingWindowDays);
    const orgIds = org ? [org] : await service.enabledOrganizationIds();
    let drift = 0;
    let pending = 0;
    for (const orgId of orgIds) {
      const result = await service.verify(orgId);
      pending += result.pendingChanges;
      for (const line of verifyLines(orgId, result)) process.stdout.write(`${line}\n`);
      drift += driftCount(result);
    }
    const pendingNote = pending > 0 ? ` (${pending} change(s) pending, accounted for)` : '';
    process.stdout.write(
      drift === 0
        ? `${orgIds.length} organisation(s) verified: every bucket matches the raw attributions, and the totals their buckets${pendingNote}\n`
        : `${drift} bucket(s) or totals row(s) drift (see above)${pendingNote}\n`,
    );
    return drift === 0 ? 0 : 1;
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`aggregate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof AppError ? 2 : 3);
  },
);
