import assert from 'node:assert/strict';
import { buildAppSchema } from '../../src/graphql/schema';
import {
  BrevoOutboxDocument,
  BrevoOutboxSummaryDocument,
  RetryOutboxJobDocument,
  CampaignByIdDocument,
  CampaignsDocument,
  CampaignStatsDocument,
  OrgStatsDocument,
  RollingStatsDocument,
  CreateApiKeyDocument,
  CreateOrganizationDocument,
  EnterFunnelDocument,
  FunnelConversionReportDocument,
  FunnelDuplicatesDocument,
  ImportRecipientsDocument,
  MyOrganizationDocument,
  RecipientsDocument,
  RecordAttributionsDocument,
  RecordCertificatePurchaseDocument,
  RevokeApiKeyDocument,
  RunJobDocument,
  ScheduledJobsDocument,
  UpsertCampaignDocument,
  WithdrawAttributionsDocument,
} from '../generated/graphql';
import { ADMIN_KEY, expectData, useTestApp, type GraphQLResponse, type TestApp } from '../helpers/app';
import { queryRows } from '../helpers/db-snapshot';
import { importRecipients, makeCampaign, makeOrganization, ORDER_DATE, SEND_DATE, type TestOrganization } from '../helpers/factories';

/**
 * Organisation B's key against organisation A's ids, for every operation of the schema. The
 * case table is checked against the schema itself, so a new query or mutation fails this test
 * until it has a tenancy case.
 */
interface World {
  app: TestApp;
  a: TestOrganization & { campaignId: string; campaignExternalId: string; keyId: string; funnelEntryId: string };
  b: TestOrganization;
}

type Outcome = 'NOT_FOUND' | 'FORBIDDEN' | 'OK';
type TenancyCase = (w: World) => Promise<{ response: GraphQLResponse<unknown>; expect: Outcome; check?: (data: never) => void }>;

const A_CAMPAIGN_NAME = 'Secret campaign of A';
const A_FUNNEL = { email: 'a-funnel@example.com', testId: 'a-test' };

const cases: Record<string, TenancyCase> = {
  'Query.organization': async ({ app, a, b }) => ({
    response: await app.gql(MyOrganizationDocument, {}, b.apiKey),
    expect: 'OK',
    check: (data: { organization: { id: string } }) => assert.notEqual(data.organization.id, a.id),
  }),
  'Query.campaigns': async ({ app, b }) => ({ response: await app.gql(CampaignsDocument, {}, b.apiKey), expect: 'OK' }),
  'Query.campaign': async ({ app, a, b }) => ({
    response: await app.gql(CampaignByIdDocument, { id: a.campaignId }, b.apiKey),
    expect: 'OK',
    check: (data: { campaign: unknown }) => assert.equal(data.campaign, null),
  }),
  'Query.orgStats': async ({ app, b }) => ({
    response: await app.gql(OrgStatsDocument, { source: 'RAW' }, b.apiKey),
    expect: 'OK',
    check: (data: { orgStats: { stats: { campaignOrders: number; totalCost: number } } }) => assert.deepEqual([data.orgStats.stats.campaignOrders, data.orgStats.stats.totalCost], [0, 0]),
  }),
  'Query.campaignStats': async ({ app, a, b }) => ({ response: await app.gql(CampaignStatsDocument, { campaignId: a.campaignId, source: 'RAW' }, b.apiKey), expect: 'NOT_FOUND' }),
  'Query.rollingStats': async ({ app, a, b }) => ({ response: await app.gql(RollingStatsDocument, { campaignId: a.campaignId }, b.apiKey), expect: 'NOT_FOUND' }),
  'Query.recipients': async ({ app, a, b }) => ({ response: await app.gql(RecipientsDocument, { campaignId: a.campaignId }, b.apiKey), expect: 'NOT_FOUND' }),
  'Mutation.createExportLink': async ({ app, a, b }) => ({
    response: await app.gql(`mutation { createExportLink(campaignId: "${a.campaignId}", kind: ORDERS) { url } }`, {}, b.apiKey),
    expect: 'NOT_FOUND',
  }),
  'Query.scheduledJobs': async ({ app, b }) => ({ response: await app.gql(ScheduledJobsDocument, {}, b.apiKey), expect: 'FORBIDDEN' }),
  'Mutation.createOrganization': async ({ app, b }) => ({ response: await app.gql(CreateOrganizationDocument, { input: { name: 'Intruder' } }, b.apiKey), expect: 'FORBIDDEN' }),
  'Mutation.createApiKey': async ({ app, a, b }) => ({ response: await app.gql(CreateApiKeyDocument, { organizationId: a.id }, b.apiKey), expect: 'FORBIDDEN' }),
  'Mutation.revokeApiKey': async ({ app, a, b }) => ({ response: await app.gql(RevokeApiKeyDocument, { id: a.keyId }, b.apiKey), expect: 'FORBIDDEN' }),
  'Mutation.runJob': async ({ app, b }) => ({ response: await app.gql(RunJobDocument, { name: 'prune-api-keys' }, b.apiKey), expect: 'FORBIDDEN' }),
  'Mutation.resetReportingCache': async ({ app, b }) => ({
    response: await app.gql('mutation { resetReportingCache }', {}, b.apiKey),
    expect: 'OK',
    check: (data: { resetReportingCache: boolean }) => assert.equal(data.resetReportingCache, true),
  }),
  'Mutation.upsertCampaign': async ({ app, a, b }) => ({
    // Same external id as A's campaign: B gets a campaign of its own, A's is untouched.
    response: await app.gql(UpsertCampaignDocument, { input: { externalId: a.campaignExternalId, name: 'B takes over?' } }, b.apiKey),
    expect: 'OK',
    check: (data: { upsertCampaign: { id: string } }) => assert.notEqual(data.upsertCampaign.id, a.campaignId),
  }),
  'Mutation.importRecipients': async ({ app, a, b }) => ({
    response: await app.gql(ImportRecipientsDocument, { campaignId: a.campaignId, recipients: [{ externalId: 'a-r1', isHoldout: false, sendDate: SEND_DATE, cost: 99 }] }, b.apiKey),
    expect: 'NOT_FOUND',
  }),
  'Mutation.recordAttributions': async ({ app, a, b }) => ({
    response: await app.gql(
      RecordAttributionsDocument,
      { attributions: [{ campaignId: a.campaignId, recipientExternalId: 'a-r1', orderId: 'a-o1', orderDate: ORDER_DATE, revenue: 1, orderCount: 1 }] },
      b.apiKey,
    ),
    expect: 'NOT_FOUND',
  }),
  'Mutation.withdrawAttributions': async ({ app, a, b }) => ({
    response: await app.gql(WithdrawAttributionsDocument, { campaignId: a.campaignId, orderIds: ['a-o1'] }, b.apiKey),
    expect: 'NOT_FOUND',
  }),
  'Query.funnelConversionReport': async ({ app, b }) => ({
    response: await app.gql(FunnelConversionReportDocument, { bySource: true }, b.apiKey),
    expect: 'OK',
    check: (data: { funnelConversionReport: { rows: Array<{ source: string | null; entries: number }> } }) =>
      assert.deepEqual(data.funnelConversionReport.rows.map((r) => [r.source, r.entries]), [[null, 0], [null, 0]]),
  }),
  'Query.holdoutPlan': async ({ app, b }) => ({
    // Pure arithmetic over its arguments: nothing of any organisation is read or written.
    response: await app.gql('{ holdoutPlan(recipients: 10000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.5) { feasible holdoutRecipients } }', {}, b.apiKey),
    expect: 'OK',
    check: (data: { holdoutPlan: { feasible: boolean; holdoutRecipients: number | null } }) => assert.deepEqual(data.holdoutPlan, { feasible: true, holdoutRecipients: 1900 }),
  }),
  'Query.funnelDuplicates': async ({ app, b }) => ({
    // A has a duplicate group; B sees none.
    response: await app.gql(FunnelDuplicatesDocument, {}, b.apiKey),
    expect: 'OK',
    check: (data: { funnelDuplicates: unknown[] }) => assert.deepEqual(data.funnelDuplicates, []),
  }),
  'Mutation.enterFunnel': async ({ app, a, b }) => ({
    // The same key as A's entry: B gets an entry of its own, A's is untouched.
    response: await app.gql(EnterFunnelDocument, { input: { ...A_FUNNEL, funnelType: 'LANGUAGE' } }, b.apiKey),
    expect: 'OK',
    check: (data: { enterFunnel: { created: boolean; entry: { id: string } } }) => {
      assert.equal(data.enterFunnel.created, true);
      assert.notEqual(data.enterFunnel.entry.id, a.funnelEntryId);
    },
  }),
  'Mutation.recordCertificatePurchase': async ({ app, b }) => ({
    response: await app.gql(RecordCertificatePurchaseDocument, { input: { ...A_FUNNEL, funnelType: 'NON_LANGUAGE' } }, b.apiKey),
    expect: 'OK',
    check: (data: { recordCertificatePurchase: unknown[] }) => assert.deepEqual(data.recordCertificatePurchase, []),
  }),
  // Spec §11: another organisation's id answers NOT_FOUND, not an empty list.
  'Query.brevoOutbox': async ({ app, a, b }) => ({
    response: await app.gql(BrevoOutboxDocument, { funnelEntryId: a.funnelEntryId }, b.apiKey),
    expect: 'NOT_FOUND',
  }),
  'Query.brevoOutboxSummary': async ({ app, b }) => ({
    response: await app.gql(BrevoOutboxSummaryDocument, {}, b.apiKey),
    expect: 'OK',
    check: (data: { brevoOutboxSummary: { success: number; failed: number } }) => assert.deepEqual([data.brevoOutboxSummary.success, data.brevoOutboxSummary.failed], [0, 0]),
  }),
  'Mutation.retryOutboxJob': async ({ app, a, b }) => {
    const [job] = await queryRows<{ id: string }>(app.databaseUrl, `SELECT id::text AS id FROM brevo_sync_outbox WHERE org_id = $1 ORDER BY id LIMIT 1`, [a.id]);
    return { response: await app.gql(RetryOutboxJobDocument, { id: job.id }, b.apiKey), expect: 'NOT_FOUND' };
  },
};

async function organizationRows(app: TestApp, orgId: string): Promise<string> {
  const rows = await queryRows<{ t: string; h: string }>(
    app.databaseUrl,
    `SELECT 'campaigns' AS t, md5(string_agg(c::text, '|' ORDER BY c.id)) AS h FROM campaigns c WHERE org_id = $1
     UNION ALL SELECT 'recipients', md5(string_agg(r::text, '|' ORDER BY r.id)) FROM campaign_recipients r WHERE org_id = $1
     UNION ALL SELECT 'attributions', md5(string_agg(x::text, '|' ORDER BY x.id)) FROM attributions x WHERE org_id = $1
     UNION ALL SELECT 'keys', md5(string_agg(k::text, '|' ORDER BY k.id)) FROM api_keys k WHERE org_id = $1
     UNION ALL SELECT 'funnel entries', md5(string_agg(f::text, '|' ORDER BY f.id)) FROM funnel_entries f WHERE org_id = $1
     UNION ALL SELECT 'outbox', md5(string_agg(j::text, '|' ORDER BY j.id)) FROM brevo_sync_outbox j WHERE org_id = $1
     UNION ALL SELECT 'org', md5(o::text) FROM organizations o WHERE id = $1`,
    [orgId],
  );
  return JSON.stringify(rows);
}

describe('tenancy: another organisation\'s key reads and changes nothing', () => {
  const app = useTestApp();
  let world: World;

  before(async () => {
    const a = await makeOrganization(app());
    const b = await makeOrganization(app());
    const campaignExternalId = 'a-spring';
    const campaignId = await makeCampaign(app(), a, { externalId: campaignExternalId, name: A_CAMPAIGN_NAME, holdoutEnabled: true });
    await importRecipients(app(), a, campaignId, [
      { externalId: 'a-r1', isHoldout: false, sendDate: SEND_DATE, cost: 0.75 },
      { externalId: 'a-h1', isHoldout: true, cost: 0 },
    ]);
    expectData(
      await app().gql(
        RecordAttributionsDocument,
        { attributions: [{ campaignId, recipientExternalId: 'a-r1', orderId: 'a-o1', orderDate: ORDER_DATE, revenue: 42, orderCount: 1 }] },
        a.apiKey,
      ),
    );
    const key = expectData(await app().gql(CreateApiKeyDocument, { organizationId: a.id, label: 'second' }, ADMIN_KEY)).createApiKey;
    await makeCampaign(app(), b, { externalId: 'b-own', name: 'B campaign' });
    const funnelEntryId = expectData(await app().gql(EnterFunnelDocument, { input: { ...A_FUNNEL, funnelType: 'NON_LANGUAGE' } }, a.apiKey)).enterFunnel.entry.id;
    expectData(await app().gql(EnterFunnelDocument, { input: { ...A_FUNNEL, funnelType: 'LANGUAGE', source: 'a-source' } }, a.apiKey));
    // A whitespace variant (as a raw SQL import could store it), so A has a duplicate group.
    await queryRows(app().databaseUrl, `INSERT INTO funnel_entries (org_id, email, funnel_type, test_id) VALUES ($1, $2, 'language', $3)`, [a.id, A_FUNNEL.email, `${A_FUNNEL.testId} `]);
    world = { app: app(), a: { ...a, campaignId, campaignExternalId, keyId: key.id, funnelEntryId }, b };
  });

  it('has a tenancy case for every query and mutation of the schema', () => {
    const schema = buildAppSchema();
    const operations = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
    ].sort();
    assert.deepEqual(Object.keys(cases).sort(), operations, 'add a tenancy case for each new operation');
  });

  for (const [operation, run] of Object.entries(cases)) {
    it(`${operation} with B's key against A's ids`, async () => {
      const before = await organizationRows(world.app, world.a.id);
      const { response, expect, check } = await run(world);
      if (expect === 'OK') {
        assert.equal(response.errors, undefined, JSON.stringify(response.errors));
        check?.(response.data as never);
      } else {
        assert.equal(response.errors?.[0]?.extensions?.code, expect, JSON.stringify(response.errors));
      }
      const data = JSON.stringify(response.data ?? null);
      for (const secret of [world.a.id, world.a.campaignId, A_CAMPAIGN_NAME, 'a-r1', 'a-h1', 'a-o1', world.a.keyId, 'a-source']) {
        assert.ok(!data.includes(secret), `${operation} leaked ${secret}: ${data}`);
      }
      assert.equal(await organizationRows(world.app, world.a.id), before, `${operation} changed A's data`);
    });
  }
});
