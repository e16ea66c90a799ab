import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { makeDataSource } from '../db/data-source';
import { resolveDatabase } from '../db/database-url';
import { makeLogger } from '../logger';

/**
 * `npm run migration:run | migration:revert | migration:show`: the TypeORM migrations against
 * DATABASE_URL, or against the embedded PostgreSQL (started for the command) when it is unset.
 * With DATABASE_URL set, the TypeORM CLI itself works too: `npm run typeorm -- migration:run`.
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('migrate')
    .argument('<action>', 'run, revert or show')
    .parse(process.argv);
  const action = program.args[0];
  if (!['run', 'revert', 'show'].includes(action)) {
    process.stderr.write(`migrate: unknown action ${JSON.stringify(action)} (run, revert or show)\n`);
    process.exit(2);
  }
  const config = loadConfig();
  const logger = makeLogger(config.logLevel === 'silent' ? 'silent' : 'warn', false);
  const database = await resolveDatabase(config, logger);
  const dataSource = makeDataSource(database.url, 2);
  try {
    await dataSource.initialize();
    if (action === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? applied.map((m) => `applied ${m.name}\n`).join('') : 'no pending migrations\n');
    } else if (action === 'revert') {
      const last = await dataSource.query(`SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1`);
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write(last.length ? `reverted ${String(last[0].name)}\n` : 'nothing to revert\n');
    } else {
      const pending = await dataSource.showMigrations();
      process.stdout.write(pending ? 'there are pending migrations\n' : 'all migrations are applied\n');
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    error.writeToStderr();
  } else {
    process.stderr.write(`migrate: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
