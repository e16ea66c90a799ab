import assert from 'node:assert/strict';
import { Client } from 'pg';
import {
  CampaignStatsDocument,
  CampaignsWithStatsDocument,
  EnterFunnelDocument,
  FunnelConversionReportDocument,
  FunnelDuplicatesDocument,
  OrgStatsDocument,
  RecipientsDocument,
  RecordAttributionsDocument,
  RecordCertificatePurchaseDocument,
  ResetReportingCacheDocument,
  RollingStatsDocument,
  RunJobDocument,
  WithdrawAttributionsDocument,
  BrevoOutboxDocument,
} from '../generated/graphql';
import { ADMIN_KEY, expectData, startTestApp } from '../helpers/app';
import { catalogueProblems, joinProblems, loadSqlParser, tenantTables } from '../helpers/citus-rules';
import { importRecipients, makeCampaign, makeOrganization } from '../helpers/factories';

/**
 * The README's Citus plan (every table distributed by org_id, co-located, `organizations` a
 * reference table) stays true: the catalogue and the statements the API and the jobs run obey
 * the rules Citus enforces for co-located distributed tables.
 */
describe('Citus readiness: catalogue and query paths keyed by org_id', function () {
  this.timeout(180_000);
  /** Tables that are not distributed by org_id, and why (reference tables are replicated to every node). */
  const GLOBAL = new Map([
    ['organizations', 'reference table: every tenant row references it'],
    ['api_keys', 'reference table: authentication finds the organisation from the key (UNIQUE (key_hash)), before any tenant is known'],
    ['typeorm_migrations', 'migration bookkeeping, on the coordinator'],
    ['agenda_jobs', 'the job queue, on the coordinator'],
    ['agenda_logs', 'job run logs, on the coordinator'],
    ['aggregation_round', 'the start of the aggregation run in progress (one row), on the coordinator'],
  ]);

  before(loadSqlParser);

  it('the rules find what they must (a schema broken on purpose)', async () => {
    const app = await startTestApp();
    const client = new Client({ connectionString: app.databaseUrl });
    await client.connect();
    try {
      await client.query(`
        CREATE SCHEMA selfcheck;
        CREATE TABLE selfcheck.organizations (id uuid PRIMARY KEY);
        CREATE TABLE selfcheck.good (org_id uuid REFERENCES selfcheck.organizations (id), id bigint, PRIMARY KEY (org_id, id));
        CREATE TABLE selfcheck.bad_pk (org_id uuid, id bigint PRIMARY KEY);
        CREATE TABLE selfcheck.bad_unique (org_id uuid, id bigint, code text, PRIMARY KEY (org_id, id), UNIQUE (code, org_id));
        CREATE UNIQUE INDEX bad_index ON selfcheck.bad_unique (code);
        CREATE TABLE selfcheck.bad_fk (org_id uuid, id bigint, good_id bigint, PRIMARY KEY (org_id, id), FOREIGN KEY (good_id, org_id) REFERENCES selfcheck.good (id, org_id));
        CREATE UNIQUE INDEX good_reverse ON selfcheck.good (id, org_id);
        CREATE TABLE selfcheck.stray (id int PRIMARY KEY);`);
      const problems = await catalogueProblems(client, 'selfcheck', new Map([['organizations', 'reference']]));
      assert.deepEqual(problems.sort(), [
        'bad_fk: foreign key bad_fk_good_id_org_id_fkey (good_id, org_id) → good (id, org_id) does not pair org_id with org_id first',
        'bad_pk: primary key (id) does not lead with org_id',
        'bad_unique: unique bad_index (code) does not lead with org_id',
        'bad_unique: unique bad_unique_code_org_id_key (code, org_id) does not lead with org_id',
        'good: unique good_reverse (id, org_id) does not lead with org_id',
        'stray: no org_id column and not a known global table',
      ]);
      const tenants = { tenantTables: await tenantTables(client, 'selfcheck') };
      assert.deepEqual(joinProblems('SELECT 1 FROM good g JOIN bad_fk f ON f.good_id = g.id WHERE g.org_id = $1', tenants), ['good g and bad_fk f are joined without org_id']);
      assert.deepEqual(joinProblems('SELECT 1 FROM good g JOIN bad_fk f ON f.good_id = g.id AND f.org_id = g.org_id', tenants), []);
      assert.deepEqual(joinProblems('SELECT 1 FROM good g WHERE g.org_id = $1 AND EXISTS (SELECT 1 FROM bad_fk f WHERE f.good_id = g.id)', tenants), [
        'bad_fk f is correlated with good g without org_id',
      ]);
      assert.deepEqual(joinProblems('SELECT 1 FROM good g CROSS JOIN LATERAL (SELECT 1 FROM bad_fk WHERE org_id = g.org_id AND good_id = g.id) x', tenants), []);
    } finally {
      await client.end();
      await app.stop();
    }
  });

  it('every tenant table, and every statement of a workload of the API and the jobs, is keyed by org_id', async () => {
    const statements = new Set<string>();
    // Observe (not replace) every statement the process sends.
    const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const send = prototype.query;
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
      if (typeof text === 'string') statements.add(text);
      return send.apply(this, args);
    };
    const app = await startTestApp({ SCHEDULER_ENABLED: 'false' });
    try {
      const org = await makeOrganization(app, { timezone: 'America/New_York' });
      const campaignId = await makeCampaign(app, org, { holdoutEnabled: true, holdoutPercent: 10 });
      await importRecipients(app, org, campaignId, [
        { externalId: 'r1', isHoldout: false, sendDate: '2025-01-01', cost: 1 },
        { externalId: 'h1', isHoldout: true, cost: 0 },
      ]);
      const order = (orderId: string, recipientExternalId: string, orderDate: string) => ({ campaignId, recipientExternalId, orderId, orderDate, revenue: 10, orderCount: 1 });
      expectData(await app.gql(RecordAttributionsDocument, { attributions: [order('o1', 'r1', '2025-01-05T10:00:00Z'), order('o2', 'h1', '2025-01-06T10:00:00Z')] }, org.apiKey));
      expectData(await app.gql(RunJobDocument, { name: 'process-order-aggregations' }, ADMIN_KEY));
      expectData(await app.gql(RecordAttributionsDocument, { attributions: [order('o3', 'r1', new Date().toISOString()), { ...order('o1', 'r1', '2025-01-05T10:00:00Z'), revenue: 12 }] }, org.apiKey));
      expectData(await app.gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['o2'] }, org.apiKey));
      expectData(await app.gql(RunJobDocument, { name: 'process-order-aggregations' }, ADMIN_KEY));
      expectData(await app.gql(RunJobDocument, { name: 'process-reporting-sync' }, ADMIN_KEY));
      for (const source of ['AGGREGATES', 'RAW'] as const) {
        expectData(await app.gql(CampaignStatsDocument, { campaignId, source, fresh: true }, org.apiKey));
        expectData(await app.gql(OrgStatsDocument, { source, fromDate: '2025-01-01' }, org.apiKey));
      }
      expectData(await app.gql(CampaignsWithStatsDocument, {}, org.apiKey));
      expectData(await app.gql(RollingStatsDocument, { campaignId, windowDays: 7 }, org.apiKey));
      expectData(await app.gql(RecipientsDocument, { campaignId, first: 10 }, org.apiKey));
      expectData(await app.gql(EnterFunnelDocument, { input: { email: 'a@example.com', funnelType: 'LANGUAGE', testId: 't1', source: 'x' } }, org.apiKey));
      expectData(await app.gql(RecordCertificatePurchaseDocument, { input: { email: 'a@example.com', testId: 't1' } }, org.apiKey));
      expectData(await app.gql(FunnelConversionReportDocument, { bySource: true }, org.apiKey));
      expectData(await app.gql(FunnelDuplicatesDocument, {}, org.apiKey));
      expectData(await app.gql(BrevoOutboxDocument, { first: 10 }, org.apiKey));
      expectData(await app.gql(ResetReportingCacheDocument, {}, org.apiKey));
      for (const kind of ['orders', 'recipients']) await (await fetch(`${app.url}/exports/campaigns/${campaignId}/${kind}.csv`, { headers: { authorization: `Bearer ${org.apiKey}` } })).text();

      const client = new Client({ connectionString: app.databaseUrl });
      await client.connect();
      try {
        assert.deepEqual(await catalogueProblems(client, 'public', GLOBAL), []);
        const catalogue = { tenantTables: new Set([...(await tenantTables(client, 'public'))].filter((t) => !GLOBAL.has(t))) };
        const problems = [...statements].flatMap((sql) => joinProblems(sql, catalogue).map((p) => `${p}: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`));
        assert.ok(statements.size > 50, `${statements.size} statements observed`);
        assert.deepEqual(problems, []);
      } finally {
        await client.end();
      }
    } finally {
      prototype.query = send;
      await app.stop();
    }
  });
});
