import assert from 'node:assert/strict';
import { RunJobDocument, ScheduledJobsDocument } from '../generated/graphql';
import { ADMIN_KEY, expectData, expectError, startTestApp, useTestApp, type TestApp } from '../helpers/app';
import { queryRows } from '../helpers/db-snapshot';
import { makeOrganization } from '../helpers/factories';

async function addDeadKey(app: TestApp, orgId: string, revokedDaysAgo: number): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO api_keys (org_id, label, key_prefix, key_hash, revoked_at)
     VALUES ($1, 'old', 'prk_old', gen_random_bytes(32), now() - make_interval(days => $2)) RETURNING id`,
    [orgId, revokedDaysAgo],
  );
  return row.id;
}

async function keyExists(app: TestApp, id: string): Promise<boolean> {
  return (await queryRows(app.databaseUrl, 'SELECT 1 FROM api_keys WHERE id = $1', [id])).length === 1;
}

describe('job runtime', () => {
  describe('with the scheduler off', () => {
    const app = useTestApp({ SCHEDULER_ENABLED: 'false' });

    it('lists every defined job with a null nextRunAt', async () => {
      const jobs = expectData(await app().gql(ScheduledJobsDocument, {}, ADMIN_KEY)).scheduledJobs;
      const prune = jobs.find((j) => j.name === 'prune-api-keys');
      assert.ok(prune, 'prune-api-keys is defined');
      assert.equal(prune.nextRunAt, null);
      assert.equal(prune.interval, '1 day');
    });

    it('runJob runs the job now and returns once it completed', async () => {
      const org = await makeOrganization(app());
      const dead = await addDeadKey(app(), org.id, 31);
      const recent = await addDeadKey(app(), org.id, 5);
      assert.equal(expectData(await app().gql(RunJobDocument, { name: 'prune-api-keys' }, ADMIN_KEY)).runJob, true);
      assert.equal(await keyExists(app(), dead), false, 'a key revoked 31 days ago is pruned');
      assert.equal(await keyExists(app(), recent), true, 'a key revoked 5 days ago is kept');
    });

    it('rejects an unknown job name', async () => {
      const error = expectError(await app().gql(RunJobDocument, { name: 'no-such-job' }, ADMIN_KEY));
      assert.equal(error.code, 'BAD_USER_INPUT');
      assert.equal(error.field, 'name');
    });
  });

  describe('with the scheduler on', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ SCHEDULER_ENABLED: 'true', API_KEY_PRUNE_INTERVAL: '2 seconds' });
    });
    after(async () => app.stop());

    it('stores its schedule in PostgreSQL and runs the scheduled job', async () => {
      const org = await makeOrganization(app);
      const dead = await addDeadKey(app, org.id, 40);
      const deadline = Date.now() + 30_000;
      while ((await keyExists(app, dead)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      assert.equal(await keyExists(app, dead), false, 'the scheduled run pruned the dead key');
      const [stored] = await queryRows<{ type: string; repeat_interval: string; last_finished_at: Date | null }>(
        app.databaseUrl,
        `SELECT type, repeat_interval, last_finished_at FROM agenda_jobs WHERE name = 'prune-api-keys'`,
      );
      assert.equal(stored.type, 'single');
      assert.equal(stored.repeat_interval, '2 seconds');
      const listed = expectData(await app.gql(ScheduledJobsDocument, {}, ADMIN_KEY)).scheduledJobs.find((j) => j.name === 'prune-api-keys');
      assert.ok(listed?.nextRunAt, 'nextRunAt is set while the scheduler is on');
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      assert.match(metrics, /paperrun_job_runs_total\{job="prune-api-keys",trigger="schedule",outcome="success"\} [1-9]/);
    });
  });
});
