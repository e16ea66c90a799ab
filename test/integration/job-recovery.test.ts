import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { JobRuntime } from '../../src/jobs/job-runtime';
import { makeLogger } from '../../src/logger';
import { Metrics } from '../../src/metrics';
import { startTestApp, type TestApp } from '../helpers/app';
import { queryRows } from '../helpers/db-snapshot';
import { createTestDatabase } from '../helpers/environment';

describe('job recovery and staleness', () => {
  describe('/readyz', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ SCHEDULER_ENABLED: 'true', API_KEY_PRUNE_INTERVAL: '1 minute', OUTBOX_INTERVAL: '1 day', AGGREGATION_INTERVAL: '1 day', REPORTING_SYNC_INTERVAL: '1 day' });
    });
    after(async () => app.stop());

    it('names a job that has not finished a run for more than twice its interval', async () => {
      const ready = async () => {
        const response = await fetch(`${app.url}/readyz`);
        return { status: response.status, body: (await response.json()) as { status: string; checks: { jobs: string }; staleJobs?: string[] } };
      };
      assert.deepEqual((await ready()).body.staleJobs, undefined);
      // After its first run (at start-up), the next is a minute away: the test's edit is not overwritten.
      const deadline = Date.now() + 20_000;
      const finished = async () => (await queryRows(app.databaseUrl, `SELECT 1 FROM agenda_jobs WHERE name = 'prune-api-keys' AND last_finished_at IS NOT NULL AND locked_at IS NULL`)).length === 1;
      while (!(await finished()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Its last run finished 3 minutes ago although it runs every minute (a wedged or failing job).
      await queryRows(app.databaseUrl, `UPDATE agenda_jobs SET last_finished_at = now() - interval '3 minutes', created_at = now() - interval '1 hour' WHERE name = 'prune-api-keys'`);
      const stale = await ready();
      assert.equal(stale.status, 200, 'stale jobs do not take the API out of service');
      assert.equal(stale.body.status, 'degraded');
      assert.equal(stale.body.checks.jobs, 'stale');
      assert.deepEqual(stale.body.staleJobs, ['prune-api-keys']);
    });
  });

  describe('Agenda locks', () => {
    let database: { url: string; drop(): Promise<void> };
    let pool: Pool;
    const runtimes: JobRuntime[] = [];
    before(async () => {
      database = await createTestDatabase();
      pool = new Pool({ connectionString: database.url, max: 8 });
    });
    after(async () => {
      for (const r of runtimes) await r.stop();
      await pool.end();
      await database.drop();
    });

    function runtime(run: () => Promise<string>, lockLifetimeMs: number): JobRuntime {
      const r = new JobRuntime({
        pool,
        definitions: [{ name: 'probe', description: 'test job', interval: '1 second', run }],
        logger: makeLogger('silent', false),
        metrics: new Metrics({ collectProcessMetrics: false }),
        schedulerEnabled: true,
        lockLifetimeMs,
      });
      runtimes.push(r);
      return r;
    }

    it('a run longer than the lock lifetime keeps its lock by heartbeat: two workers never run it at once', async function () {
      this.timeout(60_000);
      let running = 0;
      let overlap = 0;
      let finished = 0;
      const body = async () => {
        running += 1;
        if (running > 1) overlap += 1;
        await new Promise((r) => setTimeout(r, 4_000));
        running -= 1;
        finished += 1;
        return 'done';
      };
      // Lock lifetime 1 s, runs of 4 s: without the heartbeat the second worker would take the lock over mid-run.
      await runtime(body, 1_000).start({ worker: true });
      await runtime(body, 1_000).start({ worker: true });
      const deadline = Date.now() + 30_000;
      while (finished < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.ok(finished >= 3, `runs finished: ${finished}`);
      assert.equal(overlap, 0, 'never two runs at once');
      const [row] = await queryRows<{ fail_reason: string | null }>(database.url, `SELECT fail_reason FROM agenda_jobs WHERE name = 'probe'`);
      assert.doesNotMatch(row.fail_reason ?? '', /lock lifetime exceeded|canceled/, 'no run was cancelled as expired');
    });

    it('a worker starting up releases the lock a dead worker left, instead of waiting out its lifetime', async () => {
      for (const r of runtimes.splice(0)) await r.stop();
      await queryRows(database.url, `UPDATE agenda_jobs SET locked_at = now(), next_run_at = now() WHERE name = 'probe'`);
      let runs = 0;
      // A lifetime of an hour: only the start-up recovery can free the lock in time.
      await runtime(async () => {
        runs += 1;
        return 'done';
      }, 3_600_000).start({ worker: true });
      const deadline = Date.now() + 20_000;
      while (runs === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.ok(runs > 0, 'the job ran although a dead worker had left it locked');
    });
  });
});
