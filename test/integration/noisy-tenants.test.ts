import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { makeLogger } from '../../src/logger';
import { CreateApiKeyDocument, RecordAttributionsDocument } from '../generated/graphql';
import { ADMIN_KEY, expectData, useTestApp, useTestAppWithRedis, type GraphQLResponse, type TestApp } from '../helpers/app';
import { importRecipients, mailedRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field} { stats { campaignOrders } }`).join(' ')} }`;
const trivial = '{ organization { id } }';

async function post(app: TestApp, path: string, key: string | null, body: unknown = { query: trivial }): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function newKey(app: TestApp, org: TestOrganization): Promise<string> {
  return expectData(await app.gql(CreateApiKeyDocument, { organizationId: org.id }, ADMIN_KEY)).createApiKey.apiKey;
}

describe('noisy tenants', () => {
  describe('per-key rate limits (2 per second, a burst of 2 per minute)', () => {
    const app = useTestApp({ RATE_LIMIT_REQUESTS_PER_SECOND: '2', RATE_LIMIT_BURST: '2', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3' });
    let org: TestOrganization;
    before(async () => {
      org = await makeOrganization(app());
    });

    it('answers GraphQL past the limit with 429, RATE_LIMITED and retryAfter, and recovers', async () => {
      const key = await newKey(app(), org);
      const responses = await Promise.all(Array.from({ length: 6 }, () => app().gql(trivial, {}, key)));
      const limited = responses.filter((r) => r.status === 429);
      assert.equal(limited.length, 2, JSON.stringify(responses.map((r) => r.status)));
      const error = limited[0].errors?.[0] as unknown as { extensions: { code: string; retryAfter: number } };
      assert.equal(error.extensions.code, 'RATE_LIMITED');
      assert.equal(error.extensions.retryAfter, 1);
      const raw = await post(app(), '/graphql', key);
      assert.equal(raw.status, 429);
      assert.equal(raw.headers.get('retry-after'), '1');
      await sleep(1100);
      assert.equal((await app().gql(trivial, {}, key)).status, 200);
    });

    it('answers REST, exports and MCP past the limit with 429 and Retry-After', async () => {
      const key = await newKey(app(), org);
      for (let i = 0; i < 4; i += 1) await fetch(`${app().url}/api/v1/reporting/summary/${org.id}`, { headers: { authorization: `Bearer ${key}` } });
      for (const request of [
        () => fetch(`${app().url}/api/v1/reporting/summary/${org.id}`, { headers: { authorization: `Bearer ${key}` } }),
        () => fetch(`${app().url}/exports/campaigns/00000000-0000-4000-8000-000000000000/orders.csv`, { headers: { authorization: `Bearer ${key}` } }),
        () => post(app(), '/mcp', key, { jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      ]) {
        const response = await request();
        assert.equal(response.status, 429);
        assert.ok(Number(response.headers.get('retry-after')) >= 1);
      }
    });

    it("keeps one key's limit away from another key of the same organisation", async () => {
      const [noisy, quiet] = [await newKey(app(), org), await newKey(app(), org)];
      await Promise.all(Array.from({ length: 6 }, () => app().gql(trivial, {}, noisy)));
      assert.equal((await app().gql(trivial, {}, noisy)).status, 429);
      assert.equal((await app().gql(trivial, {}, quiet)).status, 200);
    });

    it('limits failed authentications per address more tightly, and a valid key still works', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await post(app(), '/graphql', `prk_guess-${i}`)).status);
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      const limited = await post(app(), '/graphql', 'prk_guess-again');
      assert.ok(Number(limited.headers.get('retry-after')) > 1);
      assert.equal(((await limited.json()) as GraphQLResponse<never>).errors?.[0]?.extensions?.code, 'RATE_LIMITED');
      assert.equal((await app().gql(trivial, {}, await newKey(app(), org))).status, 200);
    });
  });

  describe('failed authentications at /admin/jobs (3 per minute)', () => {
    const app = useTestApp({ RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3' });
    const basic = (password: string) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

    it('counts wrong admin keys in the address bucket the API shares, and the right key still works', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${app().url}/admin/jobs/api?limit=1`, { headers: { authorization: basic(`guess-${i}`) } })).status);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      const limited = await fetch(`${app().url}/admin/jobs/api?limit=1`, { headers: { authorization: basic('guess-again') } });
      assert.ok(Number(limited.headers.get('retry-after')) > 1);
      assert.equal((await post(app(), '/graphql', 'prk_guess')).status, 429, 'the same address is limited on the API too');
      assert.equal((await fetch(`${app().url}/admin/jobs/api?limit=1`, { headers: { authorization: basic(ADMIN_KEY) } })).status, 200);
    });
  });

  describe('with Redis, every API process counts in the same bucket', () => {
    const app = useTestAppWithRedis({ RATE_LIMIT_REQUESTS_PER_SECOND: '3', RATE_LIMIT_BURST: '0' });
    let second: RunningApp;
    before(async () => {
      const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'false', DATABASE_URL: app().databaseUrl, REDIS_URL: app().redisUrl, RATE_LIMIT_REQUESTS_PER_SECOND: '3', RATE_LIMIT_BURST: '0' });
      second = await startApp({ config, logger: makeLogger('silent', false), databaseUrl: app().databaseUrl, role: 'api', port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      await second?.stop();
    });

    it('refuses the fourth request of a second even when the requests alternate between two processes', async () => {
      const org = await makeOrganization(app());
      const urls = [app().url, second.url!, app().url, second.url!];
      // Aligned to the start of a second, so all four fall into one window.
      await sleep(1000 - (Date.now() % 1000));
      const statuses = await Promise.all(
        urls.map(async (url) => (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${org.apiKey}` }, body: JSON.stringify({ query: trivial }) })).status),
      );
      assert.deepEqual([...statuses].sort(), [200, 200, 200, 429]);
    });
  });

  describe('expensive fields', () => {
    const app = useTestApp({ MAX_EXPENSIVE_OPERATIONS_PER_ORG: '1', DB_POOL_SIZE: '4' });
    let noisy: TestOrganization;
    let quiet: TestOrganization;

    before(async () => {
      noisy = await makeOrganization(app());
      quiet = await makeOrganization(app());
      const campaignId = await makeCampaign(app(), noisy, {});
      await importRecipients(app(), noisy, campaignId, mailedRecipients(5000));
      const attributions = Array.from({ length: 5000 }, (_, i) => ({ campaignId, recipientExternalId: `r${i + 1}`, orderId: `o${i}`, orderDate: '2024-03-05T12:00:00Z', revenue: 10, orderCount: 1 + (i % 3) }));
      expectData(await app().gql(RecordAttributionsDocument, { attributions }, noisy.apiKey));
    });

    it('refuses more than 10 expensive fields in one operation, and accepts 30 aliases of cheap ones', async () => {
      const refused = await app().gql(aliases(30, 'orgStats(source: RAW, fresh: true)'), {}, noisy.apiKey);
      assert.equal(refused.status, 400);
      assert.match(refused.errors?.[0]?.message ?? '', /too expensive: 30 fields computed from the database/);
      const viaVariables = await app().gql(`query ($s: StatsSource) { ${Array.from({ length: 11 }, (_, i) => `a${i}: orgStats(source: $s) { lastRefreshed }`).join(' ')} }`, { s: 'RAW' }, noisy.apiKey);
      assert.equal(viaVariables.status, 400);
      const ten = await app().gql(aliases(10, 'orgStats(source: RAW, fresh: true)'), {}, noisy.apiKey);
      assert.equal(ten.errors, undefined, JSON.stringify(ten.errors));
      const cheap = await app().gql(aliases(30, 'orgStats'), {}, noisy.apiKey);
      assert.equal(cheap.errors, undefined, JSON.stringify(cheap.errors));
    });

    it("does not let one tenant's flood of expensive stats starve another's trivial query", async () => {
      const gate = app().running.context.services.expensiveOperations;
      let mostAtOnce = 0;
      const sampler = setInterval(() => (mostAtOnce = Math.max(mostAtOnce, gate.active(noisy.id))), 2);
      const started = Date.now();
      let floodDone = 0;
      const flood = Promise.all(
        Array.from({ length: 8 }, async () => {
          const response = await app().gql(aliases(10, 'orgStats(source: RAW, fresh: true)'), {}, noisy.apiKey);
          floodDone += 1;
          return response;
        }),
      );
      await sleep(200);
      const asked = Date.now();
      const answer = await app().gql(trivial, {}, quiet.apiKey);
      const quietMs = Date.now() - asked;
      const doneWhenQuietAnswered = floodDone;
      const responses = await flood;
      const floodMs = Date.now() - started;
      clearInterval(sampler);
      assert.equal(expectData(answer as GraphQLResponse<{ organization: { id: string } }>).organization.id, quiet.id);
      assert.equal(mostAtOnce, 1, 'at most MAX_EXPENSIVE_OPERATIONS_PER_ORG at once');
      assert.ok(doneWhenQuietAnswered < 8, 'answered while the flood was still running');
      assert.ok(quietMs < floodMs / 2, `quiet query ${quietMs} ms, flood ${floodMs} ms`);
      for (const response of responses) assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    });
  });
});
