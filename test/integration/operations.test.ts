import assert from 'node:assert/strict';
import { MyOrganizationDocument } from '../generated/graphql';
import { ADMIN_KEY, useTestApp, useTestAppWithRedis } from '../helpers/app';
import { makeOrganization } from '../helpers/factories';

describe('operational routes', () => {
  const app = useTestApp();

  it('/healthz answers without a key', async () => {
    const response = await fetch(`${app().url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('/readyz reports database, cache and job runtime', async () => {
    const response = await fetch(`${app().url}/readyz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', checks: { database: 'ok', cache: 'in-process', jobs: 'ok' } });
  });

  it('/metrics exposes HTTP and GraphQL latency without tenant data', async () => {
    const org = await makeOrganization(app());
    await app().gql(MyOrganizationDocument, {}, org.apiKey);
    const text = await (await fetch(`${app().url}/metrics`)).text();
    assert.match(text, /http_request_duration_seconds_bucket/);
    assert.match(text, /graphql_operation_duration_seconds_count\{operation="query",outcome="success"\} [1-9]/);
    assert.ok(!text.includes(org.id));
  });

  it('/admin/jobs needs the admin key', async () => {
    const org = await makeOrganization(app());
    assert.equal((await fetch(`${app().url}/admin/jobs/`)).status, 401);
    assert.equal((await fetch(`${app().url}/admin/jobs/`, { headers: { authorization: `Bearer ${org.apiKey}` } })).status, 403);
    const ok = await fetch(`${app().url}/admin/jobs/`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /<html/i);
    const basic = Buffer.from(`admin:${ADMIN_KEY}`).toString('base64');
    assert.equal((await fetch(`${app().url}/admin/jobs/`, { headers: { authorization: `Basic ${basic}` } })).status, 200);
  });
});

describe('operational routes with Redis', () => {
  const app = useTestAppWithRedis();

  it('/readyz reports the Redis cache as ok', async () => {
    const body = (await (await fetch(`${app().url}/readyz`)).json()) as { checks: { cache: string } };
    assert.equal(body.checks.cache, 'ok');
  });
});
