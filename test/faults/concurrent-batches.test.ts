import assert from 'node:assert/strict';
import { ImportRecipientsDocument, RecordAttributionsDocument, type AttributionInput, type RecipientInput } from '../generated/graphql';
import { useTestApp, type GraphQLResponse } from '../helpers/app';
import { queryRows } from '../helpers/db-snapshot';
import { importRecipients, mailedRecipients, makeCampaign, makeOrganization, ORDER_DATE, type TestOrganization } from '../helpers/factories';

/** A deterministic shuffle (so a failure can be replayed): each batch writes shared rows in its own order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function failuresOf(responses: Array<GraphQLResponse<unknown>>): string[] {
  return responses.flatMap((r) => (r.errors ?? []).map((e) => `${e.extensions?.code}: ${e.message}`));
}

describe('faults: concurrent overlapping batches', function () {
  this.timeout(120_000);
  const app = useTestApp();
  let org: TestOrganization;
  let campaignId: string;
  const RECIPIENTS = 200;

  before(async () => {
    org = await makeOrganization(app());
    campaignId = await makeCampaign(app(), org);
    await importRecipients(app(), org, campaignId, mailedRecipients(RECIPIENTS));
  });

  /** Order o<k> of recipient r<k>; every batch that carries it carries the same values, so the final rows are known. */
  const order = (k: number): AttributionInput => ({
    campaignId,
    recipientExternalId: `r${k}`,
    orderId: `o${k}`,
    orderDate: ORDER_DATE,
    revenue: k,
    orderCount: 1,
  });

  it('8 recordAttributions batches sharing order ids, each in its own order: all succeed, the final rows are right', async () => {
    // Batch b holds orders 1…150 shifted by 5·b: neighbours share 145 orders, all share 115.
    const batches = Array.from({ length: 8 }, (_, b) => shuffled(Array.from({ length: 150 }, (_, i) => order(1 + 5 * b + i)), b + 1));
    const responses = await Promise.all(batches.map((attributions) => app().gql(RecordAttributionsDocument, { attributions }, org.apiKey)));
    assert.deepEqual(failuresOf(responses), [], 'no batch failed');
    const rows = await queryRows<{ order_id: string; revenue: string }>(
      app().databaseUrl,
      `SELECT order_id, revenue::text FROM attributions WHERE org_id = $1 AND campaign_id = $2 ORDER BY order_id`,
      [org.id, campaignId],
    );
    const expected = Array.from({ length: 150 + 5 * 7 }, (_, i) => ({ order_id: `o${i + 1}`, revenue: `${i + 1}.00` })).sort((a, b) => (a.order_id < b.order_id ? -1 : 1));
    assert.deepEqual(rows, expected);
    const created = responses.reduce((sum, r) => sum + ((r.data as { recordAttributions: { created: number } }).recordAttributions.created), 0);
    assert.equal(created, expected.length, 'each order created exactly once');
  });

  it('importRecipients and recordAttributions on the same recipients at once: all succeed', async () => {
    const recipients = (seed: number, cost: number): RecipientInput[] => shuffled(mailedRecipients(RECIPIENTS).map((r) => ({ ...r, cost })), seed);
    const attributions = (seed: number) => shuffled(Array.from({ length: RECIPIENTS }, (_, i) => order(i + 1)), seed);
    const calls = [
      ...[1, 2, 3, 4].map((s) => app().gql(ImportRecipientsDocument, { campaignId, recipients: recipients(s + 10, 0.75) }, org.apiKey)),
      ...[1, 2, 3, 4].map((s) => app().gql(RecordAttributionsDocument, { attributions: attributions(s + 20) }, org.apiKey)),
    ];
    assert.deepEqual(failuresOf(await Promise.all(calls)), [], 'no batch failed');
    const [totals] = await queryRows<{ recipients: number; cost: string; orders: number }>(
      app().databaseUrl,
      `SELECT (SELECT count(*)::int FROM campaign_recipients WHERE campaign_id = $1) AS recipients,
              (SELECT sum(cost)::text FROM campaign_recipients WHERE campaign_id = $1) AS cost,
              (SELECT count(*)::int FROM attributions WHERE campaign_id = $1) AS orders`,
      [campaignId],
    );
    assert.deepEqual(totals, { recipients: RECIPIENTS, cost: (RECIPIENTS * 0.75).toFixed(4), orders: RECIPIENTS });
  });
});
