import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { FakeBrevo, type FakeRequest } from '../helpers/fake-brevo';
import { createTestDatabase } from '../helpers/environment';
import { queryRows } from '../helpers/db-snapshot';
import { DatabaseProxy, killProcess, outboxCounts, seedOrganization, seedOutbox, startServerProcess, targetOf, waitUntil } from './fault-helpers';

const ENTRIES = 100;
const JOBS_PER_ENTRY = 2;
const TOTAL = ENTRIES * JOBS_PER_ENTRY;
const TWO_MINUTES = 120_000;

/** A worker with short intervals, lease and lock lifetime, so the suite takes seconds, not minutes. */
function workerEnv(databaseUrl: string, brevoUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    BREVO_API_KEY: 'fault-suite-key',
    BREVO_BASE_URL: brevoUrl,
    BREVO_RATE_LIMIT_RPS: '1000',
    BREVO_TIMEOUT_MS: '1000',
    SCHEDULER_ENABLED: 'true',
    OUTBOX_INTERVAL: '2 seconds',
    OUTBOX_LEASE_SECONDS: '5',
    JOB_LOCK_LIFETIME_MS: '10000',
    AGGREGATION_INTERVAL: '1 day',
    REPORTING_SYNC_INTERVAL: '1 day',
    API_KEY_PRUNE_INTERVAL: '1 day',
    DB_CONNECT_TIMEOUT_MS: '2000',
  };
}

/** Every job delivered, at most `maxDuplicates` extra deliveries, and each entry's jobs in order. */
function assertDelivered(requests: FakeRequest[], maxDuplicates: number): void {
  const byEmail = new Map<string, number[]>();
  for (const r of requests) byEmail.set(r.body.email, [...(byEmail.get(r.body.email) ?? []), Number(r.body.attributes.SEQ)]);
  assert.equal(byEmail.size, ENTRIES, 'every entry reached Brevo');
  for (const [email, seqs] of byEmail) {
    assert.deepEqual([...new Set(seqs)], [1, 2], `${email}: both jobs delivered, in entry order (got ${seqs.join(', ')})`);
    assert.deepEqual([...seqs].sort(), seqs, `${email}: entry order kept (got ${seqs.join(', ')})`);
  }
  const duplicates = requests.length - TOTAL;
  assert.ok(duplicates <= maxDuplicates, `at most ${maxDuplicates} duplicate(s), got ${duplicates}`);
}

describe('faults: the job worker', function () {
  this.timeout(4 * 60_000);
  const fake = new FakeBrevo();
  let database: { url: string; drop(): Promise<void> };
  let workers: ChildProcess[] = [];

  before(async () => {
    await fake.start();
  });
  beforeEach(async () => {
    fake.reset();
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const w of workers) await killProcess(w, 'SIGKILL');
    workers = [];
    await database.drop();
  });
  after(async () => fake.stop());

  it('SIGKILL mid-outbox-batch, then a restart: every job delivered within 2 minutes, at most the in-flight one twice, entry order kept', async () => {
    const orgId = await seedOrganization(database.url);
    await seedOutbox(database.url, orgId, ENTRIES, JOBS_PER_ENTRY);
    const first = startServerProcess('worker', workerEnv(database.url, fake.url));
    workers.push(first);
    const killed = new Promise<void>((resolve) => {
      fake.respond = (_req, i) => {
        // Killed with the 41st request in flight: mid-batch (batches hold 25 jobs), unanswered.
        if (i === 40) void killProcess(first, 'SIGKILL').then(resolve);
        return { status: 201, body: '{"id":1}', delayMs: 20 };
      };
    });
    await killed;
    const killedAt = Date.now();
    const afterKill = await outboxCounts(database.url);
    assert.ok(afterKill.pending > 0 && afterKill.pending < TOTAL, `killed mid-run (${afterKill.pending} pending)`);
    const [lock] = await queryRows<{ locked: boolean }>(database.url, `SELECT locked_at IS NOT NULL AS locked FROM agenda_jobs WHERE name = 'process-brevo-outbox'`);
    assert.equal(lock.locked, true, 'the dead worker left the job locked');

    workers.push(startServerProcess('worker', workerEnv(database.url, fake.url)));
    const took = await waitUntil('all outbox jobs delivered after the restart', TWO_MINUTES, async () => (await outboxCounts(database.url)).success === TOTAL, 500);
    assertDelivered(fake.requests, 1);
    console.log(`      SIGKILL: ${afterKill.pending} jobs pending at the kill, all delivered ${((Date.now() - killedAt) / 1000).toFixed(1)} s after it (${(took / 1000).toFixed(1)} s of polling), ${fake.requests.length - TOTAL} duplicate(s)`);
  });

  it('its database connections cut mid-run: jobs resume within 2 minutes without a restart', async () => {
    const proxy = await new DatabaseProxy(targetOf(database.url)).start();
    try {
      const orgId = await seedOrganization(database.url);
      await seedOutbox(database.url, orgId, ENTRIES, JOBS_PER_ENTRY);
      workers.push(startServerProcess('worker', workerEnv(proxy.urlFor(database.url), fake.url)));
      const cut = new Promise<void>((resolve) => {
        fake.respond = (_req, i) => {
          // Every connection of the worker dies with a request in flight (a fail-over, a restart).
          if (i === 40) setTimeout(() => {
            proxy.cut();
            resolve();
          }, 5);
          return { status: 201, body: '{"id":1}', delayMs: 20 };
        };
      });
      await cut;
      const cutAt = Date.now();
      const atCut = await outboxCounts(database.url);
      assert.ok(atCut.pending > 0, 'jobs were still pending when the connections died');
      await waitUntil('all outbox jobs delivered after the connections were cut', TWO_MINUTES, async () => (await outboxCounts(database.url)).success === TOTAL, 500);
      assertDelivered(fake.requests, 1);
      console.log(`      connections cut: ${atCut.pending} jobs pending, all delivered ${((Date.now() - cutAt) / 1000).toFixed(1)} s after the cut, ${fake.requests.length - TOTAL} duplicate(s)`);
    } finally {
      await proxy.stop();
    }
  });
});
