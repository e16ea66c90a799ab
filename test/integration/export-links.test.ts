import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { exportLinkUrl } from '../../src/reporting/export-link';
import { exportLinkSecret } from '../../src/reporting/export-link.service';
import { ADMIN_KEY, expectData, expectError, useTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

const CREATE = `mutation ($campaignId: ID!, $kind: ExportKind!, $holdout: Boolean) {
  createExportLink(campaignId: $campaignId, kind: $kind, holdout: $holdout) { url expiresAt }
}`;

describe('signed export links', () => {
  const app = useTestApp({ EXPORT_LINK_TTL_SECONDS: '120' });
  let org: TestOrganization;
  let other: TestOrganization;
  let campaignId: string;
  let otherCampaignId: string;

  before(async () => {
    org = await makeOrganization(app());
    other = await makeOrganization(app());
    campaignId = await makeCampaign(app(), org, { holdoutEnabled: true });
    otherCampaignId = await makeCampaign(app(), org, {});
    await importRecipients(app(), org, campaignId, [
      { externalId: 'r1', isHoldout: false, sendDate: '2024-03-01', cost: 0.5 },
      { externalId: 'h1', isHoldout: true, cost: 0 },
    ]);
  });

  const create = async (variables: { campaignId: string; kind: string; holdout?: boolean }, key = org.apiKey) =>
    app().gql<{ createExportLink: { url: string; expiresAt: string } }, typeof variables>(CREATE, variables, key);
  const open = (url: string) => fetch(`${app().url}${url}`);

  it('gives a server-relative link without a key that downloads the export, expiring in EXPORT_LINK_TTL_SECONDS', async () => {
    const before = Date.now();
    const link = expectData(await create({ campaignId, kind: 'RECIPIENTS', holdout: false })).createExportLink;
    assert.match(link.url, new RegExp(`^/exports/campaigns/${campaignId}/recipients\\.csv\\?org=${org.id}&expires=\\d+&holdout=false&signature=[A-Za-z0-9_-]{43}$`));
    assert.doesNotMatch(link.url, /prk_/);
    const ttl = (Date.parse(link.expiresAt) - before) / 1000;
    assert.ok(ttl > 115 && ttl <= 121, String(ttl));
    const response = await open(link.url);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'external_id,is_holdout,send_date,cost\nr1,false,2024-03-01,0.5000\n');

    const orders = expectData(await create({ campaignId, kind: 'ORDERS' })).createExportLink;
    const ordersResponse = await open(orders.url);
    assert.equal(ordersResponse.status, 200);
    assert.match(await ordersResponse.text(), /^order_id,/);
  });

  it('refuses an expired link, correctly signed, with 403', async () => {
    const secret = exportLinkSecret(loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY }));
    const expired = exportLinkUrl(secret, { orgId: org.id, campaignId, kind: 'ORDERS', holdout: null, expires: Math.floor(Date.now() / 1000) - 1 });
    const response = await open(expired);
    assert.equal(response.status, 403);
    assert.match(((await response.json()) as { error: string }).error, /expired/);
    const fresh = exportLinkUrl(secret, { orgId: org.id, campaignId, kind: 'ORDERS', holdout: null, expires: Math.floor(Date.now() / 1000) + 60 });
    assert.equal((await open(fresh)).status, 200, 'the same signature scheme with a future expiry works');
  });

  it('fails for another campaign, organisation, kind or side, and for a tampered signature or expiry (4xx, never 5xx)', async () => {
    const { url } = expectData(await create({ campaignId, kind: 'RECIPIENTS', holdout: false })).createExportLink;
    const variants = [
      url.replace(campaignId, otherCampaignId),
      url.replace(`org=${org.id}`, `org=${other.id}`),
      url.replace('recipients.csv', 'orders.csv'),
      url.replace('holdout=false', 'holdout=true'),
      url.replace(/&holdout=false/, ''),
      url.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 3600}`),
      url.replace(/signature=(.)/, (_m, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`),
    ];
    for (const variant of variants) assert.equal((await open(variant)).status, 403, variant);
    for (const malformed of [url.replace(/signature=.*/, 'signature=short'), url.replace(/expires=\d+/, 'expires=soon'), url.replace(/org=[^&]+/, 'org='), `${url}&signature=again`]) {
      assert.equal((await open(malformed)).status, 400, malformed);
    }
  });

  it("answers NOT_FOUND for another organisation's campaign, and keeps the Bearer routes", async () => {
    assert.equal(expectError(await create({ campaignId, kind: 'ORDERS' }, other.apiKey)).code, 'NOT_FOUND');
    assert.equal(expectError(await create({ campaignId: 'nope', kind: 'ORDERS' })).code, 'NOT_FOUND');
    const holdoutOnOrders = expectError(await create({ campaignId, kind: 'ORDERS', holdout: true }));
    assert.deepEqual([holdoutOnOrders.code, holdoutOnOrders.field], ['BAD_USER_INPUT', 'holdout']);
    const bearer = await fetch(`${app().url}/exports/campaigns/${campaignId}/orders.csv`, { headers: { authorization: `Bearer ${org.apiKey}` } });
    assert.equal(bearer.status, 200);
    assert.equal((await fetch(`${app().url}/exports/campaigns/${campaignId}/orders.csv`)).status, 401);
  });
});
