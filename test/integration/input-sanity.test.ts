import assert from 'node:assert/strict';
import { EnterFunnelDocument, FunnelConversionReportDocument, ImportRecipientsDocument, OrgStatsDocument, RecipientsDocument, RecordAttributionsDocument } from '../generated/graphql';
import { expectData, expectError, useTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

describe('input sanity: dates from 2000-01-01 to 2100-01-01', () => {
  const app = useTestApp();
  let org: TestOrganization;
  let campaignId: string;

  before(async () => {
    org = await makeOrganization(app());
    campaignId = await makeCampaign(app(), org, {});
  });

  it('rejects a send date before 2000, naming it, and writes nothing', async () => {
    const error = expectError(await app().gql(ImportRecipientsDocument, { campaignId, recipients: [{ externalId: 'early', isHoldout: false, sendDate: '1900-01-01', cost: 1 }] }, org.apiKey));
    assert.deepEqual([error.code, error.field, error.message], ['BAD_USER_INPUT', 'recipients[0].sendDate', 'recipients[0].sendDate: must be on or after 2000-01-01']);
    assert.equal(expectData(await app().gql(RecipientsDocument, { campaignId }, org.apiKey)).recipients.nodes.length, 0);
    await importRecipients(app(), org, campaignId, [{ externalId: 'y2k', isHoldout: false, sendDate: '2000-01-01', cost: 1 }]);
  });

  it('rejects an order date before 2000', async () => {
    const error = expectError(
      await app().gql(RecordAttributionsDocument, { attributions: [{ campaignId, recipientExternalId: 'y2k', orderId: 'o1', orderDate: '1999-12-31T23:59:59Z', revenue: 1, orderCount: 1 }] }, org.apiKey),
    );
    assert.deepEqual([error.code, error.field], ['BAD_USER_INPUT', 'attributions[0].orderDate']);
    expectData(await app().gql(RecordAttributionsDocument, { attributions: [{ campaignId, recipientExternalId: 'y2k', orderId: 'o1', orderDate: '2000-01-02T00:00:00Z', revenue: 1, orderCount: 1 }] }, org.apiKey));
  });

  it('rejects stats and report ranges outside the bounds', async () => {
    for (const [variables, field, message] of [
      [{ fromDate: '1900-01-01' }, 'fromDate', /on or after 2000-01-01/],
      [{ toDate: '2200-01-01' }, 'toDate', /on or before 2100-01-01/],
    ] as const) {
      const stats = expectError(await app().gql(OrgStatsDocument, variables, org.apiKey));
      assert.deepEqual([stats.code, stats.field], ['BAD_USER_INPUT', field]);
      assert.match(stats.message, message);
      const report = expectError(await app().gql(FunnelConversionReportDocument, variables, org.apiKey));
      assert.deepEqual([report.code, report.field], ['BAD_USER_INPUT', field]);
    }
    const rest = await fetch(`${app().url}/api/v1/reporting/summary/${org.id}?from_date=1900-01-01`, { headers: { authorization: `Bearer ${org.apiKey}` } });
    assert.equal(rest.status, 400);
    expectData(await app().gql(OrgStatsDocument, { fromDate: '2000-01-01', toDate: '2100-01-01' }, org.apiKey));
  });

  it('rejects a funnel entry dated before 2000', async () => {
    const error = expectError(await app().gql(EnterFunnelDocument, { input: { email: 'a@example.com', funnelType: 'LANGUAGE', testId: 't', enteredAt: '1990-05-01T00:00:00Z' } }, org.apiKey));
    assert.deepEqual([error.code, error.field], ['BAD_USER_INPUT', 'input.enteredAt']);
  });
});
