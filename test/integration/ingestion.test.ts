import assert from 'node:assert/strict';
import {
  CampaignByIdDocument,
  CampaignsDocument,
  ImportRecipientsDocument,
  RecipientsDocument,
  RecordAttributionsDocument,
  UpsertCampaignDocument,
  WithdrawAttributionsDocument,
  type AttributionInput,
  type RecipientInput,
} from '../generated/graphql';
import { assignsToHoldout } from '../../src/campaigns/ingestion.rules';
import { expectData, expectError, useTestApp, type GraphQLResponse } from '../helpers/app';
import { queryRows, snapshotDatabase } from '../helpers/db-snapshot';
import { importRecipients, mailedRecipients, makeCampaign, makeOrganization, ORDER_DATE, SEND_DATE, type TestOrganization } from '../helpers/factories';

describe('ingestion', () => {
  const app = useTestApp();
  let org: TestOrganization;

  before(async () => {
    org = await makeOrganization(app(), { timezone: 'America/New_York' });
  });

  /** Asserts the call is rejected with `code` naming `field`, and that the database is unchanged. */
  async function expectRejected(call: () => Promise<GraphQLResponse<unknown>>, code: string, field?: string, message?: RegExp): Promise<void> {
    const before = await snapshotDatabase(app().databaseUrl);
    const error = expectError(await call());
    assert.equal(error.code, code, error.message);
    if (field !== undefined) assert.equal(error.field, field, error.message);
    if (message) assert.match(error.message, message);
    assert.deepEqual(await snapshotDatabase(app().databaseUrl), before, 'a rejected call must write nothing');
  }

  const attribution = (campaignId: string, overrides: Partial<AttributionInput> = {}): AttributionInput => ({
    campaignId,
    recipientExternalId: 'r1',
    orderId: 'o1',
    orderDate: ORDER_DATE,
    revenue: 10,
    orderCount: 1,
    ...overrides,
  });

  describe('upsertCampaign', () => {
    it('creates, then updates by externalId', async () => {
      const first = expectData(await app().gql(UpsertCampaignDocument, { input: { externalId: 'spring', name: 'Spring' } }, org.apiKey)).upsertCampaign;
      assert.deepEqual({ ...first, id: undefined }, { id: undefined, externalId: 'spring', name: 'Spring', holdoutEnabled: false, holdoutPercent: null });
      const second = expectData(
        await app().gql(UpsertCampaignDocument, { input: { externalId: 'spring', name: 'Spring 2', holdoutEnabled: true, holdoutPercent: 12.5 } }, org.apiKey),
      ).upsertCampaign;
      assert.equal(second.id, first.id);
      assert.equal(second.holdoutPercent, 12.5);
      const listed = expectData(await app().gql(CampaignsDocument, {}, org.apiKey)).campaigns.find((c) => c.id === first.id);
      assert.equal(listed?.name, 'Spring 2');
      assert.equal(expectData(await app().gql(CampaignByIdDocument, { id: first.id }, org.apiKey)).campaign?.externalId, 'spring');
    });

    it('rejects a holdout percentage out of range or without holdoutEnabled', async () => {
      for (const [input, field] of [
        [{ externalId: 'h', name: 'H', holdoutEnabled: true, holdoutPercent: 0 }, 'input.holdoutPercent'],
        [{ externalId: 'h', name: 'H', holdoutEnabled: true, holdoutPercent: 100 }, 'input.holdoutPercent'],
        [{ externalId: 'h', name: 'H', holdoutEnabled: false, holdoutPercent: 10 }, 'input.holdoutPercent'],
        [{ externalId: '', name: 'H' }, 'input.externalId'],
        [{ externalId: 'h', name: '   ' }, 'input.name'],
      ] as const) {
        await expectRejected(() => app().gql(UpsertCampaignDocument, { input }, org.apiKey), 'BAD_USER_INPUT', field);
      }
    });
  });

  describe('importRecipients', () => {
    it('creates, updates and leaves unchanged, storing cost exactly', async () => {
      const campaignId = await makeCampaign(app(), org);
      const recipients: RecipientInput[] = [
        { externalId: 'a', isHoldout: false, sendDate: SEND_DATE, cost: 0.1234 },
        { externalId: 'b', isHoldout: false, sendDate: null, cost: 1 },
      ];
      assert.deepEqual(await importRecipients(app(), org, campaignId, recipients), { created: 2, updated: 0, unchanged: 0 });
      assert.deepEqual(
        await importRecipients(app(), org, campaignId, [recipients[0], { externalId: 'b', sendDate: '2024-03-02', cost: 1 }]),
        { created: 0, updated: 1, unchanged: 1 },
      );
      const rows = await queryRows<{ external_id: string; cost: string; send_date: string | null; is_holdout: boolean }>(
        app().databaseUrl,
        `SELECT external_id, cost::text, to_char(send_date, 'YYYY-MM-DD') AS send_date, is_holdout FROM campaign_recipients WHERE campaign_id = $1 ORDER BY external_id`,
        [campaignId],
      );
      assert.deepEqual(rows, [
        { external_id: 'a', cost: '0.1234', send_date: SEND_DATE, is_holdout: false },
        { external_id: 'b', cost: '1.0000', send_date: '2024-03-02', is_holdout: false },
      ]);
    });

    it('assigns omitted groups by keyed hash, stable across re-imports, and keeps stored groups', async () => {
      const campaignId = await makeCampaign(app(), org, { holdoutEnabled: true, holdoutPercent: 30 });
      const recipients = Array.from({ length: 400 }, (_, i) => ({ externalId: `x${i}`, cost: 0.5 }));
      await importRecipients(app(), org, campaignId, recipients);
      const stored = await queryRows<{ external_id: string; is_holdout: boolean }>(app().databaseUrl, `SELECT external_id, is_holdout FROM campaign_recipients WHERE campaign_id = $1`, [campaignId]);
      for (const row of stored) assert.equal(row.is_holdout, assignsToHoldout(campaignId, row.external_id, 30), row.external_id);
      const holdouts = stored.filter((r) => r.is_holdout).length;
      assert.ok(holdouts > 80 && holdouts < 160, `about 30% held out, got ${holdouts} of 400`);
      assert.deepEqual(await importRecipients(app(), org, campaignId, recipients), { created: 0, updated: 0, unchanged: 400 });
      const again = await queryRows<{ external_id: string; is_holdout: boolean }>(app().databaseUrl, `SELECT external_id, is_holdout FROM campaign_recipients WHERE campaign_id = $1`, [campaignId]);
      assert.deepEqual(new Map(again.map((r) => [r.external_id, r.is_holdout])), new Map(stored.map((r) => [r.external_id, r.is_holdout])));
    });

    it('treats an omitted group as treatment without a holdout percentage', async () => {
      const campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
      await importRecipients(app(), org, campaignId, [{ externalId: 'n1', cost: 1, sendDate: SEND_DATE }]);
      const page = expectData(await app().gql(RecipientsDocument, { campaignId }, org.apiKey)).recipients;
      assert.equal(page.nodes[0].isHoldout, false);
    });

    it('rejects every rule violation, naming item and field, writing nothing', async () => {
      const campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
      await importRecipients(app(), org, campaignId, [
        { externalId: 'held', isHoldout: true, cost: 0 },
        { externalId: 'sent', isHoldout: false, sendDate: SEND_DATE, cost: 1 },
      ]);
      await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { recipientExternalId: 'sent', orderId: 'keep' })] }, org.apiKey);
      const plainCampaign = await makeCampaign(app(), org);
      const ok = { externalId: 'fine', isHoldout: false, sendDate: SEND_DATE, cost: 1 };
      const cases: Array<[RecipientInput[], string, RegExp?]> = [
        [[ok, { externalId: 'neg', cost: -1 }], 'recipients[1].cost', /negative/],
        [[ok, { externalId: 'prec', cost: 0.12345 }], 'recipients[1].cost', /4 decimal/],
        // cost is numeric(14, 4): ten digits before the point, so 1e10 does not fit the column.
        [[ok, { externalId: 'huge', cost: 10_000_000_000 }], 'recipients[1].cost', /less than 10,000,000,000/],
        [[ok, { externalId: 'fine', cost: 2 }], 'recipients[1].externalId', /duplicate of recipients\[0\]/],
        [[ok, { externalId: '', cost: 2 }], 'recipients[1].externalId'],
        [[ok, { externalId: 'future', isHoldout: false, sendDate: '2999-01-01', cost: 1 }], 'recipients[1].sendDate', /future/],
        [[ok, { externalId: 'hs', isHoldout: true, sendDate: SEND_DATE, cost: 1 }], 'recipients[1].sendDate', /holdout/],
        [[ok, { externalId: 'held', isHoldout: false, cost: 1 }], 'recipients[1].isHoldout', /cannot change/],
        [[ok, { externalId: 'sent', isHoldout: true, cost: 1 }], 'recipients[1].isHoldout', /cannot change/],
        [[ok, { externalId: 'held', sendDate: SEND_DATE, cost: 1 }], 'recipients[1].sendDate', /holdout/],
        [[ok, { externalId: 'sent', sendDate: null, cost: 1 }], 'recipients[1].sendDate', /attributed orders/],
      ];
      for (const [recipients, field, message] of cases) {
        await expectRejected(() => app().gql(ImportRecipientsDocument, { campaignId, recipients }, org.apiKey), 'BAD_USER_INPUT', field, message);
      }
      await expectRejected(
        () => app().gql(ImportRecipientsDocument, { campaignId: plainCampaign, recipients: [{ externalId: 'h', isHoldout: true, cost: 1 }] }, org.apiKey),
        'BAD_USER_INPUT',
        'recipients[0].isHoldout',
        /no holdout/,
      );
      await expectRejected(
        () => app().gql(ImportRecipientsDocument, { campaignId, recipients: [{ externalId: 'baddate', sendDate: '2024-02-30', cost: 1 }] }, org.apiKey),
        'BAD_USER_INPUT',
      );
    });

    it('allows a send date to move, and to be removed while the recipient has no active orders', async () => {
      const campaignId = await makeCampaign(app(), org);
      await importRecipients(app(), org, campaignId, [{ externalId: 'm', isHoldout: false, sendDate: SEND_DATE, cost: 1 }]);
      await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { recipientExternalId: 'm', orderId: 'mo' })] }, org.apiKey);
      assert.deepEqual(await importRecipients(app(), org, campaignId, [{ externalId: 'm', sendDate: '2024-02-01', cost: 1 }]), { created: 0, updated: 1, unchanged: 0 });
      expectData(await app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['mo'] }, org.apiKey));
      assert.deepEqual(await importRecipients(app(), org, campaignId, [{ externalId: 'm', sendDate: null, cost: 1 }]), { created: 0, updated: 1, unchanged: 0 });
    });

    it('rejects a batch over 10,000 items', async () => {
      const campaignId = await makeCampaign(app(), org);
      await expectRejected(
        () => app().gql(ImportRecipientsDocument, { campaignId, recipients: mailedRecipients(10_001) }, org.apiKey),
        'BAD_USER_INPUT',
        'recipients',
        /at most 10,000/,
      );
      assert.deepEqual(await importRecipients(app(), org, campaignId, mailedRecipients(10_000)), { created: 10_000, updated: 0, unchanged: 0 });
    });

    it('pages the mailing list by externalId with a cursor', async () => {
      const campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
      await importRecipients(app(), org, campaignId, [
        ...['b', 'a', 'd', 'c', 'e'].map((id) => ({ externalId: id, isHoldout: false, sendDate: SEND_DATE, cost: 1 })),
        { externalId: 'h1', isHoldout: true, cost: 0 },
      ]);
      const first = expectData(await app().gql(RecipientsDocument, { campaignId, isHoldout: false, first: 2 }, org.apiKey)).recipients;
      assert.deepEqual(first.nodes.map((n) => n.externalId), ['a', 'b']);
      assert.equal(first.hasNextPage, true);
      const rest = expectData(await app().gql(RecipientsDocument, { campaignId, isHoldout: false, first: 10, after: first.endCursor }, org.apiKey)).recipients;
      assert.deepEqual(rest.nodes.map((n) => n.externalId), ['c', 'd', 'e']);
      assert.equal(rest.hasNextPage, false);
      const held = expectData(await app().gql(RecipientsDocument, { campaignId, isHoldout: true }, org.apiKey)).recipients;
      assert.deepEqual(held.nodes.map((n) => n.externalId), ['h1']);
      assert.equal(expectError(await app().gql(RecipientsDocument, { campaignId, first: 0 }, org.apiKey)).field, 'first');
    });
  });

  describe('recordAttributions and withdrawAttributions', () => {
    let campaignId: string;
    before(async () => {
      campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
      await importRecipients(app(), org, campaignId, [
        ...mailedRecipients(3),
        { externalId: 'h1', isHoldout: true, cost: 0 },
        { externalId: 'unsent', isHoldout: false, cost: 1 },
      ]);
    });

    async function stored(orderId: string) {
      const [row] = await queryRows<Record<string, unknown>>(
        app().databaseUrl,
        `SELECT r.external_id AS recipient, a.order_date, a.revenue::text, a.order_count, a.is_subscription, a.discount_matched, a.withdrawn_at IS NOT NULL AS withdrawn
           FROM attributions a JOIN campaign_recipients r ON r.id = a.recipient_id WHERE a.campaign_id = $1 AND a.order_id = $2`,
        [campaignId, orderId],
      );
      return row;
    }

    it('records orders for mailed and holdout recipients, then upserts by order id', async () => {
      const created = expectData(
        await app().gql(
          RecordAttributionsDocument,
          {
            attributions: [
              attribution(campaignId, { orderId: 'A', revenue: 0.1 }),
              attribution(campaignId, { orderId: 'B', recipientExternalId: 'h1', revenue: 0.2, orderCount: 2, isSubscription: true }),
            ],
          },
          org.apiKey,
        ),
      ).recordAttributions;
      assert.deepEqual(created, { created: 2, updated: 0, unchanged: 0 });
      assert.equal((await stored('A')).revenue, '0.10');

      const resent = expectData(
        await app().gql(
          RecordAttributionsDocument,
          {
            attributions: [
              attribution(campaignId, { orderId: 'A', recipientExternalId: 'r2', revenue: 99.99, orderDate: '2024-04-01T00:00:00Z', discountMatched: true }),
              attribution(campaignId, { orderId: 'B', recipientExternalId: 'h1', revenue: 0.2, orderCount: 2, isSubscription: true }),
              attribution(campaignId, { orderId: 'C' }),
            ],
          },
          org.apiKey,
        ),
      ).recordAttributions;
      assert.deepEqual(resent, { created: 1, updated: 1, unchanged: 1 });
      const a = await stored('A');
      assert.equal(a.recipient, 'r2');
      assert.equal(a.revenue, '99.99');
      assert.equal(a.discount_matched, true);
      assert.equal((a.order_date as Date).toISOString(), '2024-04-01T00:00:00.000Z');
    });

    it('withdraws orders as tombstones, idempotently, and re-recording brings them back', async () => {
      await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { orderId: 'W', revenue: 5 })] }, org.apiKey);
      assert.deepEqual(expectData(await app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['W'] }, org.apiKey)).withdrawAttributions, { created: 0, updated: 1, unchanged: 0 });
      assert.equal((await stored('W')).withdrawn, true);
      assert.deepEqual(expectData(await app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['W'] }, org.apiKey)).withdrawAttributions, { created: 0, updated: 0, unchanged: 1 });
      const back = expectData(await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { orderId: 'W', revenue: 5 })] }, org.apiKey)).recordAttributions;
      assert.deepEqual(back, { created: 0, updated: 1, unchanged: 0 }, 're-recording a withdrawn order counts as updated');
      assert.equal((await stored('W')).withdrawn, false);
    });

    it('leaves a change-log trace of old and new buckets for every write', async () => {
      await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { orderId: 'T', orderDate: '2024-03-10T12:00:00Z' })] }, org.apiKey);
      await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { orderId: 'T', orderDate: '2024-05-10T12:00:00Z' })] }, org.apiKey);
      await app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['T'] }, org.apiKey);
      const changes = await queryRows<{ order_date: Date }>(app().databaseUrl, `SELECT order_date FROM attribution_changes WHERE campaign_id = $1 AND order_date IN ('2024-03-10T12:00:00Z', '2024-05-10T12:00:00Z')`, [campaignId]);
      const dates = changes.map((c) => c.order_date.toISOString()).sort();
      assert.ok(dates.includes('2024-03-10T12:00:00.000Z'), 'the old day of a moved order is logged');
      assert.ok(dates.filter((d) => d === '2024-05-10T12:00:00.000Z').length >= 2, 'the new day is logged on move and on withdrawal');
    });

    it('rejects every rule violation, naming item and field, writing nothing', async () => {
      const good = attribution(campaignId, { orderId: 'ok-1' });
      const soon = new Date(Date.now() + 23 * 3600 * 1000).toISOString();
      const late = new Date(Date.now() + 25 * 3600 * 1000).toISOString();
      expectData(await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { orderId: 'soon', orderDate: soon })] }, org.apiKey));
      const cases: Array<[AttributionInput, string, RegExp?]> = [
        [attribution(campaignId, { orderId: 'x', revenue: -0.01 }), 'attributions[1].revenue', /negative/],
        [attribution(campaignId, { orderId: 'x', revenue: 1.001 }), 'attributions[1].revenue', /2 decimal/],
        [attribution(campaignId, { orderId: 'x', orderCount: 0 }), 'attributions[1].orderCount'],
        [attribution(campaignId, { orderId: 'x', orderDate: late }), 'attributions[1].orderDate', /24 hours/],
        [attribution(campaignId, { orderId: 'x', recipientExternalId: 'unsent' }), 'attributions[1].recipientExternalId', /not been mailed/],
        [attribution(campaignId, { orderId: 'x', recipientExternalId: 'ghost' }), 'attributions[1].recipientExternalId', /no recipient "ghost"/],
        [attribution(campaignId, { orderId: 'ok-1' }), 'attributions[1].orderId', /duplicate of attributions\[0\]/],
        [attribution(campaignId, { orderId: '' }), 'attributions[1].orderId'],
      ];
      for (const [bad, field, message] of cases) {
        await expectRejected(() => app().gql(RecordAttributionsDocument, { attributions: [good, bad] }, org.apiKey), 'BAD_USER_INPUT', field, message);
      }
      await expectRejected(
        () => app().gql(RecordAttributionsDocument, { attributions: [good, attribution('00000000-0000-4000-8000-000000000000')] }, org.apiKey),
        'NOT_FOUND',
        'attributions[1].campaignId',
      );
      await expectRejected(
        () => app().gql(RecordAttributionsDocument, { attributions: Array.from({ length: 10_001 }, (_, i) => attribution(campaignId, { orderId: `big-${i}` })) }, org.apiKey),
        'BAD_USER_INPUT',
        'attributions',
      );
      await expectRejected(() => app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['A', 'nope'] }, org.apiKey), 'BAD_USER_INPUT', 'orderIds[1]', /no order "nope"/);
      await expectRejected(() => app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['A', 'A'] }, org.apiKey), 'BAD_USER_INPUT', 'orderIds[1]', /duplicate/);
    });

    it('counts an order id in two campaigns once in each', async () => {
      const other = await makeCampaign(app(), org);
      await importRecipients(app(), org, other, mailedRecipients(1));
      const result = expectData(
        await app().gql(RecordAttributionsDocument, { attributions: [attribution(campaignId, { orderId: 'shared' }), attribution(other, { orderId: 'shared' })] }, org.apiKey),
      ).recordAttributions;
      assert.deepEqual(result, { created: 2, updated: 0, unchanged: 0 });
    });
  });
});
