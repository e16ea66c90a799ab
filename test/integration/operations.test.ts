import assert from 'node:assert/strict';
import { EnterFunnelDocument, MyOrganizationDocument } from '../generated/graphql';
import { ADMIN_KEY, useTestApp, useTestAppWithRedis } from '../helpers/app';
import { queryRows } from '../helpers/db-snapshot';
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
    assert.match(text, /paperrun_http_request_duration_seconds_bucket/);
    assert.match(text, /paperrun_graphql_operation_duration_seconds_count\{operation="query",outcome="success"\} [1-9]/);
    assert.ok(!text.includes(org.id));
    // The project's own metrics carry the application prefix; only prom-client's defaults do not.
    const names = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
    assert.deepEqual([...names].filter((name) => !/^(paperrun|process|nodejs)_/.test(name)), []);
    assert.ok([...names].filter((name) => name.startsWith('paperrun_')).length >= 8);
  });

  it('/metrics shows the Brevo outbox backlog of all organisations together', async () => {
    const gauges = async () => {
      const text = await (await fetch(`${app().url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
      return { pending: value('paperrun_brevo_outbox_jobs\\{state="pending"\\}'), due: value('paperrun_brevo_outbox_jobs\\{state="due"\\}'), age: value('paperrun_brevo_outbox_oldest_pending_age_seconds') };
    };
    const before = await gauges();
    const [a, b] = [await makeOrganization(app()), await makeOrganization(app())];
    for (const [org, email] of [[a, 'x@example.com'], [a, 'y@example.com'], [b, 'z@example.com']] as const) {
      const result = await app().gql(EnterFunnelDocument, { input: { email, funnelType: 'LANGUAGE', testId: 't1' } }, org.apiKey);
      assert.equal(result.errors, undefined);
    }
    await queryRows(app().databaseUrl, `UPDATE brevo_sync_outbox SET next_attempt_at = now() + interval '1 hour', created_at = now() - interval '90 seconds' WHERE org_id = $1`, [b.id]);
    const after = await gauges();
    assert.equal(after.pending - before.pending, 3);
    assert.equal(after.due - before.due, 2);
    assert.ok(after.age >= 90 && after.age < 600, `oldest pending age ${after.age}`);
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
