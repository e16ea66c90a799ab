import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { READINESS_TIMEOUT_MS } from '../../src/http/operational-routes';
import { makeLogger } from '../../src/logger';
import { ADMIN_KEY } from '../helpers/app';
import { createTestDatabase } from '../helpers/environment';
import { DatabaseProxy, targetOf, waitUntil } from './fault-helpers';

const STATEMENT_TIMEOUT_MS = 1500;
const CONNECT_TIMEOUT_MS = 1000;

describe('faults: a stalled database', function () {
  this.timeout(120_000);
  let database: { url: string; drop(): Promise<void> };
  let proxy: DatabaseProxy;
  let app: RunningApp;
  let apiKey: string;

  async function gql(query: string, key: string): Promise<{ status: number; code: string | null; ms: number }> {
    const started = Date.now();
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? null, ms: Date.now() - started };
  }

  async function readyz(): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const response = await fetch(`${app.url}/readyz`);
    await response.text();
    return { status: response.status, ms: Date.now() - started };
  }

  before(async () => {
    database = await createTestDatabase();
    proxy = await new DatabaseProxy(targetOf(database.url)).start();
    const url = proxy.urlFor(database.url);
    const config = loadConfig({
      NODE_ENV: 'test',
      ADMIN_API_KEY: ADMIN_KEY,
      SCHEDULER_ENABLED: 'false',
      DATABASE_URL: url,
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    });
    app = await startApp({ config, logger: makeLogger(process.env.TEST_LOG_LEVEL ?? 'silent', false), databaseUrl: url, role: 'api', port: 0, host: '127.0.0.1' });
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query: 'mutation { createOrganization(input: { name: "Stall", timezone: "UTC" }) { apiKey } }' }),
    });
    apiKey = ((await response.json()) as { data: { createOrganization: { apiKey: string } } }).data.createOrganization.apiKey;
  });

  after(async () => {
    proxy.resume();
    await app?.stop();
    await proxy.stop();
    await database.drop();
  });

  it('requests fail fast with SERVICE_UNAVAILABLE, /readyz answers 503 within its timeout, and both recover', async () => {
    assert.equal((await gql('{ campaigns { id } }', apiKey)).code, null, 'answers before the stall');
    assert.equal((await readyz()).status, 200);

    proxy.stall();
    // More requests than the pool has connections: some wait for a connection, some on a stalled one.
    // The first one gets the idle pooled connection (its statement never arrives); the rest wait to connect.
    const pending = Array.from({ length: 12 }, () => gql('{ campaigns { id } }', apiKey));
    const probe = await readyz();
    const requests = await Promise.all(pending);
    assert.equal(probe.status, 503, '/readyz reports the database unavailable');
    assert.ok(probe.ms < READINESS_TIMEOUT_MS + 1000, `/readyz answered in ${probe.ms} ms`);
    for (const r of requests) {
      assert.equal(r.code, 'SERVICE_UNAVAILABLE', `a clear, retryable code (got ${r.code}, HTTP ${r.status})`);
    }
    const slowest = Math.max(...requests.map((r) => r.ms));
    assert.ok(slowest > STATEMENT_TIMEOUT_MS, 'one request waited on a stalled connection until the client gave up');
    // A stalled statement is abandoned 2 s after its server-side timeout; waiting for a connection is bounded by the connect timeout.
    assert.ok(slowest < STATEMENT_TIMEOUT_MS + 2000 + CONNECT_TIMEOUT_MS + 1500, `slowest request failed after ${slowest} ms`);

    proxy.resume();
    const recovered = await waitUntil('requests answer again after the stall', 30_000, async () => (await gql('{ campaigns { id } }', apiKey)).code === null, 250);
    assert.equal((await readyz()).status, 200);
    console.log(`      stall: /readyz 503 in ${probe.ms} ms, requests failed in ≤ ${slowest} ms, answers again ${recovered} ms after the stall ended`);
  });
});
