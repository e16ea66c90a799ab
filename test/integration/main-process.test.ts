import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { queryRows } from '../helpers/db-snapshot';
import { createTestDatabase } from '../helpers/environment';

const ROOT = path.join(__dirname, '../..');

interface StartedProcess {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the base URL once the server logs that it is ready. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

/** `npm start`'s entry point as a child process, its JSON log lines collected. */
function startMain(env: Record<string, string>): StartedProcess {
  const child = spawn(process.execPath, ['-r', './register.js', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', SCHEDULER_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  let markReady: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolve, reject) => {
    markReady = resolve;
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready: ${JSON.stringify(lines)}`)));
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const text of complete) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      if (line.msg === 'GraphQL server ready') markReady(String(line.url).replace(/\/graphql$/, ''));
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => lines.push({ level: 50, stderr: chunk.toString('utf8') }));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, ready, exited };
}

describe('the server process (npm start)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;

  before(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'paperrun-main-'));
  });
  after(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('honours DEMO_DATA=true with a DATABASE_URL, logs one access line per request, and shuts down on SIGINT without an error', async function () {
    this.timeout(120_000);
    await queryRows(database.url, 'TRUNCATE organizations CASCADE');
    const main = startMain({ NODE_ENV: 'production', ADMIN_API_KEY: 'main-process-admin-key-0123', DATABASE_URL: database.url, DEMO_DATA: 'true', DATA_DIR: dataDir });
    try {
      const url = await main.ready;
      const organizations = await queryRows<{ name: string }>(database.url, 'SELECT name FROM organizations');
      assert.equal(organizations.length, 1, 'the demo organisation was loaded into the empty database');

      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'main-test-1' },
        body: JSON.stringify({ query: 'query Probe { __typename }' }),
      });
      assert.equal(response.status, 200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const access = main.lines.filter((line) => line.requestId === 'main-test-1' && line.msg === 'request');
      assert.equal(access.length, 1, JSON.stringify(main.lines));
      assert.deepEqual(
        { method: access[0].method, route: access[0].route, status: access[0].status, operationName: access[0].operationName },
        { method: 'POST', route: '/graphql', status: 200, operationName: 'Probe' },
      );
      assert.equal(typeof access[0].durationMs, 'number');
    } finally {
      main.child.kill('SIGINT');
    }
    const code = await main.exited;
    const errors = main.lines.filter((line) => Number(line.level) >= 50);
    assert.deepEqual(errors, []);
    assert.equal(code, 0);
    assert.ok(main.lines.some((line) => line.msg === 'shutting down'));
  });
});
