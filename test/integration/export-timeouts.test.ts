import assert from 'node:assert/strict';
import { Client } from 'pg';
import { useTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization } from '../helpers/factories';

/**
 * A CSV export outlasts an API request's statement timeout: its COPY runs under the jobs' limit
 * (DB_JOB_STATEMENT_TIMEOUT_MS), and the connection goes back to the pool with the request limit.
 */
describe('CSV exports and statement timeouts', () => {
  const app = useTestApp({ DB_STATEMENT_TIMEOUT_MS: '500', DB_JOB_STATEMENT_TIMEOUT_MS: '60000', DB_POOL_SIZE: '2' });

  it('streams an export that takes longer than an API statement may, then API statements keep their limit', async () => {
    const org = await makeOrganization(app());
    const campaignId = await makeCampaign(app(), org);
    await importRecipients(app(), org, campaignId, [{ externalId: 'r1', isHoldout: false, sendDate: '2024-03-01', cost: 1 }]);

    // Another session holds the recipients table for 1.5 s: the export's COPY waits that long.
    const blocker = new Client({ connectionString: app().databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE campaign_recipients IN ACCESS EXCLUSIVE MODE');
      const download = fetch(`${app().url}/exports/campaigns/${campaignId}/recipients.csv`, { headers: { authorization: `Bearer ${org.apiKey}` } });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await blocker.query('COMMIT');
      const response = await download;
      assert.equal(response.status, 200);
      assert.equal(await response.text(), 'external_id,is_holdout,send_date,cost\n"r1",false,2024-03-01,1.0000\n');
    } finally {
      await blocker.end();
    }

    // Every pooled connection answers with the request limit again (the COPY's was reset).
    const pool = app().running.context.dataSource;
    const timeouts = await Promise.all([1, 2].map(() => pool.query<Array<{ statement_timeout: string }>>('SHOW statement_timeout')));
    assert.deepEqual(timeouts.map((rows) => rows[0].statement_timeout), ['500ms', '500ms']);
  });
});
