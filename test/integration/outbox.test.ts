import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Config } from '../../src/config';
import { dbOf } from '../../src/db/db';
import { OutboxService, type OutboxServiceOptions } from '../../src/outbox/outbox.service';
import {
  BrevoOutboxDocument,
  BrevoOutboxSummaryDocument,
  EnterFunnelDocument,
  RecordCertificatePurchaseDocument,
  RetryOutboxJobDocument,
  RunJobDocument,
} from '../generated/graphql';
import { ADMIN_KEY, expectData, expectError, startTestApp, type TestApp } from '../helpers/app';
import { queryRows } from '../helpers/db-snapshot';
import { FakeBrevo } from '../helpers/fake-brevo';
import { makeOrganization, type TestOrganization } from '../helpers/factories';

const API_KEY = 'test-brevo-key';
const MIN = 60_000;
const T0 = new Date('2030-01-01T00:00:00.000Z');

interface JobRow {
  id: string;
  funnel_entry_id: string;
  operation: string;
  status: string;
  retry_count: number;
  next_attempt_at: Date | null;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  processed_at: Date | null;
}

describe('Brevo outbox', () => {
  const fake = new FakeBrevo();
  let app: TestApp;
  let org: TestOrganization;
  let clock = T0;

  function settings(overrides: Partial<Config['brevo']> = {}): Config['brevo'] {
    return { apiKey: API_KEY, baseUrl: fake.url, listLanguage: 7, listNonLanguage: 8, maxRetries: 5, rateLimitRps: 0, timeoutMs: 300, ...overrides };
  }

  function service(overrides: Partial<Config['brevo']> = {}, options: OutboxServiceOptions = {}, logger = pino({ level: 'silent' })): OutboxService {
    return new OutboxService(dbOf(app.running.context.dataSource), settings(overrides), logger, { now: () => clock, ...options });
  }

  const jobs = () =>
    queryRows<JobRow>(
      app.databaseUrl,
      `SELECT id::text AS id, funnel_entry_id::text AS funnel_entry_id, operation, status, retry_count, next_attempt_at, locked_until, locked_by, last_error, processed_at
         FROM brevo_sync_outbox ORDER BY id`,
    );

  /** n entries (alternating funnel types) with one upsert job each, straight in SQL. */
  async function seedJobs(n: number, tag: string): Promise<void> {
    await queryRows(
      app.databaseUrl,
      `WITH e AS (
         INSERT INTO funnel_entries (org_id, email, funnel_type, test_id)
         SELECT $1, 'u' || g || '-' || $3 || '@example.com', CASE WHEN g % 2 = 0 THEN 'language' ELSE 'non_language' END, 'seed-test'
           FROM generate_series(1, $2::int) g
         RETURNING id, email, funnel_type, test_id)
       INSERT INTO brevo_sync_outbox (org_id, funnel_entry_id, operation, payload)
       SELECT $1, id, 'upsert_contact', jsonb_build_object('email', email, 'funnelType', funnel_type, 'testId', test_id, 'userId', null, 'source', null,
                                                          'attributes', jsonb_build_object('ENTERED_AT', '2024-03-09'))
         FROM e ORDER BY id`,
      [org.id, n, tag],
    );
  }

  async function enter(email: string, funnelType: 'LANGUAGE' | 'NON_LANGUAGE' = 'LANGUAGE') {
    return expectData(await app.gql(EnterFunnelDocument, { input: { email, funnelType, testId: 'english-b2', userId: 'u1', source: 'src', enteredAt: '2024-03-09T10:00:00Z' } }, org.apiKey)).enterFunnel.entry;
  }

  before(async () => {
    await fake.start();
    app = await startTestApp({ BREVO_API_KEY: API_KEY, BREVO_BASE_URL: fake.url, BREVO_RATE_LIMIT_RPS: '10000', BREVO_TIMEOUT_MS: '500', BREVO_LIST_LANGUAGE: '7', BREVO_LIST_NON_LANGUAGE: '8' });
    org = await makeOrganization(app);
  });

  after(async () => {
    await app?.stop();
    await fake.stop();
  });

  beforeEach(async () => {
    fake.reset();
    clock = T0;
    await queryRows(app.databaseUrl, 'DELETE FROM brevo_sync_outbox');
    await queryRows(app.databaseUrl, 'DELETE FROM funnel_entries');
  });

  it('delivers an entry and a purchase through the job: the request contract and the success row', async () => {
    const entry = await enter('anna@example.com');
    expectData(await app.gql(RunJobDocument, { name: 'process-brevo-outbox' }, ADMIN_KEY));
    expectData(await app.gql(RecordCertificatePurchaseDocument, { input: { email: 'anna@example.com', testId: 'english-b2', purchasedAt: '2024-06-01T10:00:00Z' } }, org.apiKey));
    expectData(await app.gql(RunJobDocument, { name: 'process-brevo-outbox' }, ADMIN_KEY));

    assert.equal(fake.requests.length, 2);
    const [upsert, update] = fake.requests;
    assert.equal(upsert.method, 'POST');
    assert.equal(upsert.path, '/v3/contacts');
    assert.equal(upsert.headers['api-key'], API_KEY);
    assert.equal(upsert.body.email, 'anna@example.com');
    assert.deepEqual(upsert.body.listIds, [7]);
    assert.equal(upsert.body.updateEnabled, true);
    assert.equal(upsert.body.attributes.FUNNEL_TYPE, 'language');
    assert.equal(upsert.body.attributes.TEST_ID, 'english-b2');
    assert.equal(upsert.body.attributes.USER_ID, 'u1');
    assert.match(String(upsert.body.attributes.ENTERED_AT), /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(
      [update.body.attributes.CERTIFICATE_PURCHASED, update.body.attributes.CERTIFICATE_PURCHASED_AT, update.body.listIds, update.body.updateEnabled],
      [true, '2024-06-01', [7], true],
    );

    const rows = await jobs();
    assert.deepEqual(rows.map((r) => [r.operation, r.status, r.retry_count, r.next_attempt_at, r.locked_until, r.locked_by]), [
      ['upsert_contact', 'success', 0, null, null, null],
      ['update_contact', 'success', 0, null, null, null],
    ]);
    assert.ok(rows.every((r) => r.processed_at instanceof Date));

    const listed = expectData(await app.gql(BrevoOutboxDocument, { funnelEntryId: entry.id }, org.apiKey)).brevoOutbox;
    assert.deepEqual(listed.map((j) => [j.operation, j.status]), [['update_contact', 'SUCCESS'], ['upsert_contact', 'SUCCESS']]);
    assert.equal((listed[1].payload as { email: string }).email, 'anna@example.com');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    assert.match(metrics, /paperrun_brevo_outbox_deliveries_total\{outcome="success"\} 2/);
  });

  it('uses the non-language list and treats 204 as delivered', async () => {
    await enter('nl@example.com', 'NON_LANGUAGE');
    fake.respond = () => ({ status: 204 });
    const run = await service().processDueJobs();
    assert.equal(run.delivered, 1);
    assert.deepEqual(fake.requests[0].body.listIds, [8]);
    assert.equal((await jobs())[0].status, 'success');
  });

  it('omits listIds when no list is configured for the funnel type', async () => {
    await enter('nolist@example.com');
    await service({ listLanguage: null }).processDueJobs();
    assert.equal(fake.requests[0].body.listIds, undefined);
  });

  it('reschedules transient failures at now + retry_count × 5 min, never earlier, and fails after max retries', async () => {
    await enter('flaky@example.com');
    fake.respond = () => ({ status: 503, body: 'upstream unavailable' });
    const worker = service({ maxRetries: 5 });
    let expected = T0.getTime();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const run = await worker.processDueJobs();
      assert.equal(run.retried, 1, `attempt ${attempt}`);
      const [row] = await jobs();
      expected = clock.getTime() + attempt * 5 * MIN;
      assert.deepEqual([row.status, row.retry_count, row.next_attempt_at?.getTime(), row.locked_until, row.locked_by], ['pending', attempt, expected, null, null]);
      assert.equal(row.last_error, 'HTTP 503: upstream unavailable');
      // One millisecond before its time the job is not picked.
      clock = new Date(expected - 1);
      const calls = fake.requests.length;
      assert.equal((await worker.processDueJobs()).claimed, 0);
      assert.equal(fake.requests.length, calls);
      clock = new Date(expected);
    }
    // The sixth failure: retry_count 6 > 5 → failed, no schedule.
    const run = await worker.processDueJobs();
    assert.equal(run.failed, 1);
    const [row] = await jobs();
    assert.deepEqual([row.status, row.retry_count, row.next_attempt_at, row.processed_at], ['failed', 6, null, null]);
    assert.equal(fake.requests.length, 6);
    clock = new Date(clock.getTime() + 24 * 60 * MIN);
    assert.equal((await worker.processDueJobs()).claimed, 0);
  });

  it('max retries 0: the first transient failure is final; 1: the second', async () => {
    await enter('zero@example.com');
    fake.respond = () => ({ status: 500, body: 'boom' });
    await service({ maxRetries: 0 }).processDueJobs();
    assert.deepEqual((await jobs()).map((r) => [r.status, r.retry_count, r.next_attempt_at]), [['failed', 1, null]]);

    await queryRows(app.databaseUrl, 'DELETE FROM brevo_sync_outbox');
    await enter('one@example.com');
    const worker = service({ maxRetries: 1 });
    await worker.processDueJobs();
    assert.deepEqual((await jobs()).map((r) => [r.status, r.retry_count]), [['pending', 1]]);
    clock = new Date(T0.getTime() + 5 * MIN);
    await worker.processDueJobs();
    assert.deepEqual((await jobs()).map((r) => [r.status, r.retry_count, r.next_attempt_at]), [['failed', 2, null]]);
  });

  for (const [status, body] of [
    [400, '{"code":"duplicate_parameter","message":"Contact already exist"}'],
    [401, '{"code":"unauthorized","message":"Key not found"}'],
    [404, '{"code":"document_not_found"}'],
  ] as const) {
    it(`a ${status} is fatal: failed at once, retry_count 1, the status and body in last_error`, async () => {
      await enter(`fatal${status}@example.com`);
      fake.respond = () => ({ status, body });
      const run = await service().processDueJobs();
      assert.equal(run.failed, 1);
      const [row] = await jobs();
      assert.deepEqual([row.status, row.retry_count, row.next_attempt_at, row.locked_until], ['failed', 1, null, null]);
      assert.equal(row.last_error, `HTTP ${status}: ${body}`);
    });
  }

  it('408, a timeout and a network error are transient', async () => {
    await enter('t408@example.com');
    fake.respond = () => ({ status: 408, body: 'request timeout' });
    await service().processDueJobs();
    assert.deepEqual((await jobs()).map((r) => [r.status, r.retry_count, r.last_error]), [['pending', 1, 'HTTP 408: request timeout']]);

    await queryRows(app.databaseUrl, 'DELETE FROM brevo_sync_outbox');
    await enter('slow@example.com');
    fake.respond = () => ({ status: 201, delayMs: 1000 });
    await service({ timeoutMs: 150 }).processDueJobs();
    let [row] = await jobs();
    assert.deepEqual([row.status, row.retry_count, row.next_attempt_at?.getTime()], ['pending', 1, T0.getTime() + 5 * MIN]);
    assert.match(row.last_error ?? '', /timeout after 150 ms/);

    await queryRows(app.databaseUrl, 'DELETE FROM brevo_sync_outbox');
    await enter('down@example.com');
    await service({ baseUrl: 'http://127.0.0.1:1/v3' }).processDueJobs();
    [row] = await jobs();
    assert.deepEqual([row.status, row.retry_count], ['pending', 1]);
    assert.match(row.last_error ?? '', /network error/);
  });

  it('a 429 ends the run: its next attempt honours x-sib-ratelimit-reset, the rest stay due and untouched', async () => {
    await seedJobs(5, 'rl');
    fake.respond = (_req, i) => (i === 1 ? { status: 429, body: '{"message":"Too many requests"}', headers: { 'x-sib-ratelimit-limit': '10', 'x-sib-ratelimit-remaining': '0', 'x-sib-ratelimit-reset': '3600' } } : { status: 201 });
    const run = await service().processDueJobs();
    assert.deepEqual([run.delivered, run.retried, run.rateLimited], [1, 1, true]);
    assert.equal(fake.requests.length, 2);
    const rows = await jobs();
    assert.deepEqual(rows.map((r) => [r.status, r.retry_count, r.next_attempt_at?.getTime() ?? null, r.locked_until, r.last_error?.slice(0, 8) ?? null]), [
      ['success', 0, null, null, null],
      ['pending', 1, T0.getTime() + 3600_000, null, 'HTTP 429'],
      ['pending', 0, null, null, null],
      ['pending', 0, null, null, null],
      ['pending', 0, null, null, null],
    ]);
    // A short reset: the schedule (5 min) is the later one.
    fake.reset();
    fake.respond = () => ({ status: 429, body: 'slow down', headers: { 'x-sib-ratelimit-reset': '10' } });
    await service().processDueJobs();
    assert.equal(fake.requests.length, 1);
    assert.equal((await jobs())[2].next_attempt_at?.getTime(), T0.getTime() + 5 * MIN);
  });

  it("delivers one entry's jobs in the order written; a job failed for good does not hold back later ones", async () => {
    await enter('order@example.com');
    expectData(await app.gql(RecordCertificatePurchaseDocument, { input: { email: 'order@example.com', testId: 'english-b2', purchasedAt: '2024-06-01T10:00:00Z' } }, org.apiKey));
    fake.respond = (_req, i) => (i === 0 ? { status: 502, body: 'bad gateway' } : { status: 201 });
    const worker = service();
    await worker.processDueJobs();
    // The upsert failed transiently; the update must not overtake it.
    assert.equal(fake.requests.length, 1);
    assert.deepEqual((await jobs()).map((r) => [r.operation, r.status, r.retry_count]), [['upsert_contact', 'pending', 1], ['update_contact', 'pending', 0]]);
    clock = new Date(T0.getTime() + 5 * MIN);
    await worker.processDueJobs();
    assert.deepEqual(fake.requests.map((r) => 'CERTIFICATE_PURCHASED' in r.body.attributes), [false, false, true]);
    assert.deepEqual((await jobs()).map((r) => r.status), ['success', 'success']);

    await queryRows(app.databaseUrl, 'DELETE FROM brevo_sync_outbox');
    await queryRows(app.databaseUrl, 'DELETE FROM funnel_entries');
    fake.reset();
    await enter('order2@example.com');
    expectData(await app.gql(RecordCertificatePurchaseDocument, { input: { email: 'order2@example.com', testId: 'english-b2', purchasedAt: '2024-06-01T10:00:00Z' } }, org.apiKey));
    fake.respond = (_req, i) => (i === 0 ? { status: 400, body: '{"code":"invalid_parameter"}' } : { status: 201 });
    await service().processDueJobs();
    assert.deepEqual((await jobs()).map((r) => r.status), ['failed', 'success']);
  });

  it('without BREVO_API_KEY calls nothing, leaves jobs pending and logs once', async () => {
    await enter('off@example.com');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _enc, cb) => (lines.push(chunk.toString()), cb()) }));
    const worker = service({ apiKey: null }, {}, logger);
    const first = await worker.processDueJobs();
    await worker.processDueJobs();
    assert.equal(first.enabled, false);
    assert.equal(fake.requests.length, 0);
    assert.deepEqual((await jobs()).map((r) => [r.status, r.retry_count, r.locked_until]), [['pending', 0, null]]);
    assert.equal(lines.filter((l) => l.includes('Brevo delivery is off')).length, 1);
  });

  it('four concurrent workers on 5,000 jobs: each job delivered exactly once', async function () {
    // Bounded by work, not by a performance target: a busy machine may need more than the default.
    this.timeout(240_000);
    await seedJobs(5000, 'cc');
    fake.respond = () => ({ status: 201, delayMs: Math.random() < 0.1 ? 5 : 0 });
    // A request timeout far above the fake's answer time: on a loaded machine the suite's 300 ms
    // would turn a slow answer into a transient failure, due again only minutes later.
    const workers = [1, 2, 3, 4].map((i) => service({ timeoutMs: 10_000 }, { workerId: `w${i}`, batchSize: 50, now: () => new Date() }));
    const runs = await Promise.all(workers.map((w) => w.processDueJobs()));
    assert.equal(runs.reduce((n, r) => n + r.delivered, 0), 5000);
    assert.ok(runs.filter((r) => r.delivered > 0).length > 1, 'work was shared');
    const emails = fake.requests.map((r) => r.body.email);
    assert.equal(emails.length, 5000);
    assert.equal(new Set(emails).size, 5000);
    assert.ok((await jobs()).every((r) => r.status === 'success' && r.locked_by === null));
  });

  it('a job whose lease ran out (its worker died) is taken again', async () => {
    await seedJobs(3, 'lease');
    // A dead worker's claim: leased until T0 + 1 min.
    await queryRows(app.databaseUrl, `UPDATE brevo_sync_outbox SET locked_until = $1, locked_by = 'dead'`, [new Date(T0.getTime() + MIN)]);
    const worker = service();
    assert.equal((await worker.processDueJobs()).claimed, 0);
    clock = new Date(T0.getTime() + MIN + 1);
    assert.equal((await worker.processDueJobs()).delivered, 3);
  });

  it('paces requests to BREVO_RATE_LIMIT_RPS', async () => {
    await seedJobs(11, 'pace');
    const started = Date.now();
    await service({ rateLimitRps: 20 }).processDueJobs();
    assert.equal(fake.requests.length, 11);
    // 11 requests at 20/s: the last starts at least 10 × 50 ms after the first.
    assert.ok(fake.requests[10].at - fake.requests[0].at >= 480, `spread ${fake.requests[10].at - fake.requests[0].at} ms`);
    assert.ok(Date.now() - started >= 480);
  });

  it('crash: a worker SIGKILLed mid-batch loses nothing; after the lease another worker finishes', async function () {
    this.timeout(60_000);
    const total = 120;
    // Long enough for the survivor to deliver the 70 unleased jobs before it runs out.
    const leaseMs = 5000;
    await seedJobs(total, 'crash');
    const child = fork(path.join(__dirname, '../helpers/outbox-worker.ts'), [], {
      execArgv: ['-r', path.join(__dirname, '../../register.js')],
      env: { ...process.env, DATABASE_URL: app.databaseUrl, BREVO_BASE_URL: fake.url, LEASE_MS: String(leaseMs), BATCH_SIZE: '50' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    fake.respond = (_req, i) => {
      if (i === 30) child.kill('SIGKILL'); // mid-batch, with this request in flight
      return { status: 201, delayMs: 5 };
    };
    assert.equal(await exited, 'SIGKILL');
    const killedAt = Date.now();
    const heldByDead = (await jobs()).filter((r) => r.status === 'pending' && r.locked_by === 'doomed-worker').length;
    assert.ok(heldByDead > 0, 'the dead worker held a leased batch');

    // Before the lease runs out, another worker takes only what is not leased.
    const worker = service({}, { now: () => new Date(), workerId: 'survivor' });
    await worker.processDueJobs();
    assert.equal((await jobs()).filter((r) => r.status === 'pending').length, heldByDead);
    // After the lease, it finishes.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + leaseMs + 50 - Date.now())));
    await worker.processDueJobs();
    const rows = await jobs();
    assert.ok(rows.every((r) => r.status === 'success'), 'every job ends success');
    const deliveries = new Map<string, number>();
    for (const r of fake.requests) deliveries.set(r.body.email, (deliveries.get(r.body.email) ?? 0) + 1);
    assert.equal(deliveries.size, total, 'no job lost');
    const duplicates = fake.requests.length - total;
    // The request in flight when the worker died is delivered again (harmless: updateEnabled).
    assert.ok(duplicates <= 1, `duplicates: ${duplicates}`);
    console.log(`      crash test: ${heldByDead} leased jobs recovered, ${duplicates} duplicate delivery(ies) of ${fake.requests.length}`);
  });

  it('GraphQL: brevoOutbox filters, brevoOutboxSummary counts, retryOutboxJob revives a failed job', async () => {
    await seedJobs(3, 'gql');
    fake.respond = (_req, i) => [{ status: 201 }, { status: 400, body: 'bad' }, { status: 503, body: 'later' }][i];
    await service({}, { now: () => new Date() }).processDueJobs();

    const summary = expectData(await app.gql(BrevoOutboxSummaryDocument, {}, org.apiKey)).brevoOutboxSummary;
    assert.deepEqual([summary.pending, summary.due, summary.success, summary.failed], [1, 0, 1, 1]);
    assert.ok(summary.oldestPendingAgeSeconds !== null && summary.oldestPendingAgeSeconds >= 0);

    const failed = expectData(await app.gql(BrevoOutboxDocument, { status: 'FAILED' }, org.apiKey)).brevoOutbox;
    assert.equal(failed.length, 1);
    assert.equal(failed[0].lastError, 'HTTP 400: bad');
    assert.equal(expectData(await app.gql(BrevoOutboxDocument, { first: 2 }, org.apiKey)).brevoOutbox.length, 2);
    const all = expectData(await app.gql(BrevoOutboxDocument, {}, org.apiKey)).brevoOutbox;
    assert.deepEqual(all.map((j) => Number(j.id)), all.map((j) => Number(j.id)).sort((a, b) => b - a), 'newest first');
    assert.equal(expectError(await app.gql(BrevoOutboxDocument, { first: 501 }, org.apiKey)).code, 'BAD_USER_INPUT');
    for (const funnelEntryId of ['999999999', 'not-an-id']) {
      const unknown = expectError(await app.gql(BrevoOutboxDocument, { funnelEntryId }, org.apiKey));
      assert.deepEqual([unknown.code, unknown.field], ['NOT_FOUND', 'funnelEntryId']);
    }

    const retried = expectData(await app.gql(RetryOutboxJobDocument, { id: failed[0].id }, org.apiKey)).retryOutboxJob;
    assert.deepEqual([retried.status, retried.retryCount, retried.nextAttemptAt], ['PENDING', 1, null]);
    const after = expectData(await app.gql(BrevoOutboxSummaryDocument, {}, org.apiKey)).brevoOutboxSummary;
    assert.deepEqual([after.pending, after.due, after.failed], [2, 1, 0]);
    assert.equal(expectError(await app.gql(RetryOutboxJobDocument, { id: '999999999' }, org.apiKey)).code, 'NOT_FOUND');
    assert.equal(expectError(await app.gql(BrevoOutboxSummaryDocument, {}, ADMIN_KEY)).code, 'FORBIDDEN');
  });
});
