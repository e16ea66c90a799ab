import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config';
import { makeDataSource } from '../db/data-source';
import { resolveDatabase } from '../db/database-url';
import { migrateDatabase } from '../db/migrate';
import { makeLogger, type Logger } from '../logger';

/** The configuration from the environment, or null after writing one line per problem to stderr. */
export function loadCliConfig(): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    error.writeToStderr();
    return null;
  }
}

/**
 * Runs a CLI body against the configured database (embedded when DATABASE_URL is unset),
 * migrated first unless `migrate: false` (a read-only tool must not write, not even a
 * migration); logs go to stderr so stdout carries only the command's output. Returns the
 * body's exit code; a bad configuration exits 2 with one line per problem.
 */
export async function withCliDatabase(
  body: (context: { dataSource: DataSource; config: Config; logger: Logger }) => Promise<number>,
  options: { migrate?: boolean } = {},
): Promise<number> {
  const config = loadCliConfig();
  if (!config) return 2;
  const logger = makeLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, false).child({}, { msgPrefix: '' });
  const database = await resolveDatabase(config, logger);
  const dataSource = makeDataSource(database.url, 4);
  try {
    if (options.migrate ?? true) await migrateDatabase(database.url, logger);
    await dataSource.initialize();
    return await body({ dataSource, config, logger });
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}
