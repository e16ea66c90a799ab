import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded';
import { migrateDatabase } from '../../src/db/migrate';
import { makeLogger } from '../../src/logger';

/**
 * The services the suite runs against, set up once per run (test/setup.ts):
 * PostgreSQL from DATABASE_URL or an embedded one; Redis from REDIS_URL, or a redis-server from
 * the PATH on a free port, or none (Redis tests then skip, and fail when REQUIRE_REDIS=1).
 */
interface TestEnvironment {
  /** Connection URL of a maintenance database on the server (used to create/drop databases). */
  adminUrl: string;
  templateName: string;
  redisUrl: string | null;
  embedded: EmbeddedDatabase | null;
  redisProcess: ChildProcess | null;
}

let environment: TestEnvironment | null = null;
const quiet = makeLogger('silent', false);

export function testEnvironment(): TestEnvironment {
  if (!environment) throw new Error('test environment not set up (test/setup.ts)');
  return environment;
}

function migrationsFingerprint(): string {
  const dir = path.join(__dirname, '..', '..', 'migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(path.join(dir, file)));
  return hash.digest('hex').slice(0, 12);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedisServer(): Promise<{ url: string; process: ChildProcess } | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return { url, process: child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  return null;
}

export async function setUpTestEnvironment(): Promise<void> {
  let adminUrl: string;
  let embedded: EmbeddedDatabase | null = null;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(__dirname, '..', '..', '.data', 'test'), port: 54331, database: 'paperrun_test', logger: quiet });
    adminUrl = embedded.url;
  }
  // Leftovers of interrupted earlier runs: only those whose process is gone (names carry the
  // pid), so concurrent runs on one server keep their databases.
  for (const row of await adminQuery(adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'paperrun_t\\_%'`)) {
    const pid = Number(/^paperrun_t_(\d+)_/.exec(String(row.datname))?.[1]);
    if (Number.isInteger(pid) && isAlive(pid)) continue;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${String(row.datname)}" WITH (FORCE)`);
  }
  const templateName = `paperrun_tpl_${migrationsFingerprint()}`;
  const exists = await adminQuery(adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${templateName}'`);
  if (exists.length === 0) {
    // Templates of other migration sets stay: a concurrent run (another branch, another
    // checkout) may be cloning from one right now.
    const building = `${templateName}_build`;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await adminQuery(adminUrl, `CREATE DATABASE "${building}"`);
    await migrateDatabase(withDatabase(adminUrl, building), quiet);
    await adminQuery(adminUrl, `ALTER DATABASE "${building}" RENAME TO "${templateName}"`);
  }

  let redisUrl = process.env.REDIS_URL || null;
  let redisProcess: ChildProcess | null = null;
  if (!redisUrl) {
    const started = await startRedisServer();
    redisUrl = started?.url ?? null;
    redisProcess = started?.process ?? null;
  }
  environment = { adminUrl, templateName, redisUrl, embedded, redisProcess };
}

export async function tearDownTestEnvironment(): Promise<void> {
  if (!environment) return;
  environment.redisProcess?.kill();
  await environment.embedded?.stop();
  environment = null;
}

/** A fresh database cloned from the migrated template, dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const env = testEnvironment();
  const name = `paperrun_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(env.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${env.templateName}"`);
  return {
    name,
    url: withDatabase(env.adminUrl, name),
    drop: async () => {
      await adminQuery(env.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** The Redis URL for tests, or null; with REQUIRE_REDIS=1 a missing Redis is an error. */
export function redisUrlForTests(): string | null {
  const url = testEnvironment().redisUrl;
  if (!url && process.env.REQUIRE_REDIS === '1') throw new Error('REQUIRE_REDIS=1 but no Redis is available (set REDIS_URL or put redis-server on the PATH)');
  return url;
}
