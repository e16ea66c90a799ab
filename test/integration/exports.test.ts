import assert from 'node:assert/strict';
import { RecordAttributionsDocument, WithdrawAttributionsDocument } from '../generated/graphql';
import { ADMIN_KEY, expectData, useTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

describe('CSV exports', () => {
  const app = useTestApp();
  let org: TestOrganization;
  let other: TestOrganization;
  let campaignId: string;

  before(async () => {
    org = await makeOrganization(app(), { timezone: 'America/New_York' });
    other = await makeOrganization(app());
    campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
    await importRecipients(app(), org, campaignId, [
      { externalId: 'b,"quoted"', isHoldout: false, sendDate: '2024-03-01', cost: 0.4567 },
      { externalId: 'a', isHoldout: false, sendDate: '2024-03-01', cost: 1 },
      { externalId: 'h', isHoldout: true, cost: 0 },
    ]);
    expectData(
      await app().gql(
        RecordAttributionsDocument,
        {
          attributions: [
            { campaignId, recipientExternalId: 'a', orderId: 'o1', orderDate: '2024-03-06T04:30:00.123Z', revenue: 19.9, orderCount: 1, isSubscription: true },
            { campaignId, recipientExternalId: 'h', orderId: 'o2', orderDate: '2024-03-07T12:00:00Z', revenue: 5, orderCount: 2, discountMatched: true },
            { campaignId, recipientExternalId: 'a', orderId: 'gone', orderDate: '2024-03-08T12:00:00Z', revenue: 1, orderCount: 2 },
          ],
        },
        org.apiKey,
      ),
    );
    expectData(await app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: ['gone'] }, org.apiKey));
  });

  const get = (path: string, key: string | null) => fetch(`${app().url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('streams one row per active attribution with its recipient, side, flags and revenue', async () => {
    const response = await get(`/exports/campaigns/${campaignId}/orders.csv`, org.apiKey);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(
      await response.text(),
      [
        'order_id,order_date,local_day,recipient_external_id,is_holdout,revenue,order_count,is_subscription,discount_matched',
        '"o1",2024-03-06T04:30:00.123Z,2024-03-05,"a",false,19.90,1,true,false',
        '"o2",2024-03-07T12:00:00.000Z,2024-03-07,"h",true,5.00,2,false,true',
        '',
      ].join('\n'),
    );
  });

  it('streams the mailing list, optionally one side, with CSV quoting', async () => {
    const all = await (await get(`/exports/campaigns/${campaignId}/recipients.csv`, org.apiKey)).text();
    assert.equal(all, ['external_id,is_holdout,send_date,cost', '"a",false,2024-03-01,1.0000', '"b,""quoted""",false,2024-03-01,0.4567', '"h",true,,0.0000', ''].join('\n'));
    const mailList = await (await get(`/exports/campaigns/${campaignId}/recipients.csv?holdout=false`, org.apiKey)).text();
    assert.equal(mailList.trim().split('\n').length, 3);
    assert.equal((await get(`/exports/campaigns/${campaignId}/recipients.csv?holdout=maybe`, org.apiKey)).status, 400);
  });

  describe('formula injection (OWASP CSV injection)', () => {
    const hostile = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];
    let hostileCampaign: string;

    before(async () => {
      hostileCampaign = await makeCampaign(app(), org, {});
      await importRecipients(
        app(),
        org,
        hostileCampaign,
        hostile.map((externalId) => ({ externalId, isHoldout: false, sendDate: '2024-03-01', cost: 1 })),
      );
      expectData(
        await app().gql(
          RecordAttributionsDocument,
          { attributions: hostile.map((id, i) => ({ campaignId: hostileCampaign, recipientExternalId: id, orderId: hostile[(i + 1) % hostile.length], orderDate: `2024-03-0${i + 2}T12:00:00Z`, revenue: 1, orderCount: 1 })) },
          org.apiKey,
        ),
      );
    });

    const cellsOf = (csv: string, column: number) =>
      csv
        .split('\n')
        .slice(1, -1)
        .map((line) => line.split(',')[column]);
    const neutralised = (value: string) => `"'${value}"`;

    it('prefixes a single quote to every user-text cell starting with = + - @ tab or CR, quoted', async () => {
      const recipients = await (await get(`/exports/campaigns/${hostileCampaign}/recipients.csv`, org.apiKey)).text();
      assert.deepEqual(cellsOf(recipients, 0).sort(), hostile.map(neutralised).sort());
      const orders = await (await get(`/exports/campaigns/${hostileCampaign}/orders.csv`, org.apiKey)).text();
      assert.deepEqual(cellsOf(orders, 0).sort(), hostile.map(neutralised).sort());
      assert.deepEqual(cellsOf(orders, 3).sort(), hostile.map(neutralised).sort());
    });

    it('gives the stored values with ?raw=true, and refuses a raw that is not a boolean', async () => {
      const recipients = await (await get(`/exports/campaigns/${hostileCampaign}/recipients.csv?raw=true`, org.apiKey)).text();
      assert.ok(recipients.includes("\n=cmd|' /C calc'!A0,false"), recipients);
      assert.ok(recipients.includes('\n@SUM(A1),false'), recipients);
      const orders = await (await get(`/exports/campaigns/${hostileCampaign}/orders.csv?raw=true`, org.apiKey)).text();
      assert.ok(orders.includes('\n@SUM(A1),'), orders);
      const bad = await get(`/exports/campaigns/${hostileCampaign}/orders.csv?raw=yes`, org.apiKey);
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { error: string }).error, 'raw: must be true or false');
    });
  });

  it('checks the id before any header: a quote or NUL in it never reaches Content-Disposition', async () => {
    for (const id of ['x%22%3B%20filename%3D%22evil.html', 'a%00b', `${campaignId}%22`, '%0d%0aSet-Cookie:%20x=1']) {
      const response = await get(`/exports/campaigns/${id}/orders.csv`, org.apiKey);
      assert.equal(response.status, 404, id);
      assert.equal(response.headers.get('content-disposition'), null, id);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/, id);
    }
    const ok = await get(`/exports/campaigns/${campaignId.toUpperCase()}/recipients.csv`, org.apiKey);
    assert.equal(ok.headers.get('content-disposition'), `attachment; filename="campaign-${campaignId}-recipients.csv"`);
  });

  it('answers 401, 403 and 404 like GraphQL, and another organisation gets nothing', async () => {
    assert.equal((await get(`/exports/campaigns/${campaignId}/orders.csv`, null)).status, 401);
    assert.equal((await get(`/exports/campaigns/${campaignId}/orders.csv`, 'prk_wrong')).status, 401);
    assert.equal((await get(`/exports/campaigns/${campaignId}/orders.csv`, ADMIN_KEY)).status, 403);
    for (const path of [`/exports/campaigns/${campaignId}/orders.csv`, `/exports/campaigns/${campaignId}/recipients.csv`, '/exports/campaigns/not-a-uuid/orders.csv']) {
      const response = await get(path, other.apiKey);
      assert.equal(response.status, 404, path);
      const body = await response.text();
      assert.ok(!body.includes('19.90') && !body.includes('quoted'), body);
    }
  });
});
