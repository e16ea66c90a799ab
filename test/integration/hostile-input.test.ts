import assert from 'node:assert/strict';
import { connect } from 'node:net';
import {
  EnterFunnelDocument,
  ImportRecipientsDocument,
  RecipientsDocument,
  RecordAttributionsDocument,
  RecordCertificatePurchaseDocument,
  UpsertCampaignDocument,
  WithdrawAttributionsDocument,
} from '../generated/graphql';
import { expectData, expectError, useTestApp } from '../helpers/app';
import { importRecipients, mailedRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

/** Sends only the head of a request announcing `contentLength` bytes, and reads the answer. */
function headOnlyRequest(url: string, path: string, headers: Record<string, string>, contentLength: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const lines = [`POST ${path} HTTP/1.1`, `Host: ${hostname}`, 'Content-Type: application/json', `Content-Length: ${contentLength}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.on('connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n{"query":"`));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer without the body: ${JSON.stringify(answer)}`));
    }, 5000);
  });
}

describe('hostile input', () => {
  const app = useTestApp();
  let org: TestOrganization;
  let campaignId: string;

  before(async () => {
    org = await makeOrganization(app());
    campaignId = await makeCampaign(app(), org, {});
    await importRecipients(app(), org, campaignId, mailedRecipients(3));
  });

  describe('NUL characters in string arguments', () => {
    const nul = 'a\u0000b';
    const cases = (): Array<{ name: string; run: () => ReturnType<ReturnType<typeof app>['gql']>; field: string }> => [
      { name: 'upsertCampaign', run: () => app().gql(UpsertCampaignDocument, { input: { externalId: 'c-nul', name: nul } }, org.apiKey), field: 'input.name' },
      { name: 'importRecipients', run: () => app().gql(ImportRecipientsDocument, { campaignId, recipients: [{ externalId: 'ok', cost: 1 }, { externalId: nul, cost: 1 }] }, org.apiKey), field: 'recipients[1].externalId' },
      {
        name: 'recordAttributions',
        run: () => app().gql(RecordAttributionsDocument, { attributions: [{ campaignId, recipientExternalId: 'r1', orderId: nul, orderDate: '2024-03-02T00:00:00Z', revenue: 1, orderCount: 1 }] }, org.apiKey),
        field: 'attributions[0].orderId',
      },
      { name: 'withdrawAttributions', run: () => app().gql(WithdrawAttributionsDocument, { campaignId, orderIds: [nul] }, org.apiKey), field: 'orderIds[0]' },
      { name: 'enterFunnel', run: () => app().gql(EnterFunnelDocument, { input: { email: 'a@example.com', funnelType: 'LANGUAGE', testId: 't', source: nul } }, org.apiKey), field: 'input.source' },
      { name: 'recordCertificatePurchase', run: () => app().gql(RecordCertificatePurchaseDocument, { input: { email: 'a@example.com', testId: nul } }, org.apiKey), field: 'input.testId' },
      { name: 'a literal argument', run: () => app().gql(`mutation { withdrawAttributions(campaignId: "${campaignId}", orderIds: ["x\\u0000"]) { created } }`, {}, org.apiKey), field: 'orderIds[0]' },
    ];

    it('answers BAD_USER_INPUT naming the field, for every mutation, and writes nothing', async () => {
      for (const { name, run, field } of cases()) {
        const response = await run();
        const error = expectError(response);
        assert.equal(error.code, 'BAD_USER_INPUT', `${name}: ${error.message}`);
        assert.equal(error.field, field, name);
        assert.match(error.message, /NUL/, name);
        assert.equal(response.status, 400, name);
      }
      const page = expectData(await app().gql(RecipientsDocument, { campaignId, first: 100 }, org.apiKey));
      assert.deepEqual(page.recipients.nodes.map((r) => r.externalId), ['r1', 'r2', 'r3']);
    });
  });

  describe('recipients(after:) cursors', () => {
    it('pages with the cursors it hands out', async () => {
      const first = expectData(await app().gql(RecipientsDocument, { campaignId, first: 2 }, org.apiKey));
      const next = expectData(await app().gql(RecipientsDocument, { campaignId, first: 2, after: first.recipients.endCursor }, org.apiKey));
      assert.deepEqual(next.recipients.nodes.map((r) => r.externalId), ['r3']);
    });

    it('answers BAD_USER_INPUT for a cursor it never handed out, instead of ignoring it', async () => {
      const nulCursor = Buffer.from('r\u0000', 'utf8').toString('base64url');
      const invalidUtf8 = Buffer.from([0xff, 0xfe]).toString('base64url');
      for (const after of ['not a cursor!', '', 'cg=', 'c', invalidUtf8, nulCursor, Buffer.from('x'.repeat(201)).toString('base64url')]) {
        const error = expectError(await app().gql(RecipientsDocument, { campaignId, first: 2, after }, org.apiKey));
        assert.equal(error.code, 'BAD_USER_INPUT', JSON.stringify(after));
        assert.equal(error.field, 'after', JSON.stringify(after));
      }
    });
  });

  describe('deeply nested queries', () => {
    const nested = (levels: number) => `{${'a{'.repeat(levels)}b${'}'.repeat(levels)}}`;

    it('refuses 4,900 levels with a 400 naming the problem, with and without a key', async () => {
      for (const key of [null, org.apiKey]) {
        const response = await app().gql(nested(4900), {}, key);
        assert.equal(response.status, 400);
        assert.match(response.errors?.[0]?.message ?? '', /nests brackets more than 64 levels deep/);
      }
    });

    it('refuses deep nesting inside arguments too, and still answers ordinary queries', async () => {
      const deepList = `{ organization(x: ${'['.repeat(3000)}1${']'.repeat(3000)}) { id } }`;
      const response = await app().gql(deepList, {}, org.apiKey);
      assert.equal(response.status, 400);
      assert.match(response.errors?.[0]?.message ?? '', /levels deep/);
      const ok = expectData(await app().gql<{ organization: { id: string } }, Record<string, never>>('{ organization { id } }', {}, org.apiKey));
      assert.equal(ok.organization.id, org.id);
    });
  });

  describe('bodies', () => {
    it('answers a request with an invalid key before reading its body (401)', async () => {
      const answer = await headOnlyRequest(app().url, '/graphql', { Authorization: 'Bearer prk_not-a-key' }, 24 * 1024 * 1024);
      assert.match(answer, /^HTTP\/1\.1 401/);
    });

    it('answers a request without a key announcing a large body with 413, before reading it', async () => {
      const answer = await headOnlyRequest(app().url, '/graphql', {}, 24 * 1024 * 1024);
      assert.match(answer, /^HTTP\/1\.1 413/);
      const mcp = await headOnlyRequest(app().url, '/mcp', {}, 24 * 1024 * 1024);
      assert.match(mcp, /^HTTP\/1\.1 401/);
    });

    it('refuses a real oversized body with a valid key with 413 and a clear message', async () => {
      const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(17 * 1024 * 1024) } });
      const response = await fetch(`${app().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${org.apiKey}` }, body });
      assert.equal(response.status, 413);
      const answer = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      assert.equal(answer.errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
      assert.match(answer.errors[0].message, /larger than 16 MiB: split the batch/);
    });

    it('refuses a real large body without a key (413), and still answers a small anonymous request', async () => {
      const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1024 * 1024) } });
      const response = await fetch(`${app().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(response.status, 413);
      assert.match(((await response.json()) as { errors: Array<{ message: string }> }).errors[0].message, /without an API key/);
      const small = await app().gql('{ __typename }', {}, null);
      assert.equal(small.status, 200);
    });
  });
});
