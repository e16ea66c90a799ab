import assert from 'node:assert/strict';
import { Client } from 'pg';
import {
  CreateApiKeyDocument,
  CreateOrganizationDocument,
  MyOrganizationDocument,
  RevokeApiKeyDocument,
} from '../generated/graphql';
import { ADMIN_KEY, expectData, expectError, useTestApp } from '../helpers/app';
import { makeOrganization } from '../helpers/factories';

describe('organisations and API keys', () => {
  const app = useTestApp();

  it('creates an organisation whose key reads only that organisation', async () => {
    const created = expectData(await app().gql(CreateOrganizationDocument, { input: { name: '  Acme  ', timezone: 'Europe/Berlin' } }, ADMIN_KEY));
    assert.equal(created.createOrganization.organization.name, 'Acme');
    assert.equal(created.createOrganization.organization.timezone, 'Europe/Berlin');
    assert.equal(created.createOrganization.organization.reportingEnabled, true);
    assert.match(created.createOrganization.apiKey, /^prk_/);
    const me = expectData(await app().gql(MyOrganizationDocument, {}, created.createOrganization.apiKey));
    assert.equal(me.organization.id, created.createOrganization.organization.id);
  });

  it('stores only a hash of each key', async () => {
    const org = await makeOrganization(app());
    const client = new Client({ connectionString: app().databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT key_prefix, encode(key_hash, 'hex') AS hash FROM api_keys WHERE org_id = $1`, [org.id]);
      assert.equal(rows.length, 1);
      const dump = JSON.stringify((await client.query('SELECT * FROM api_keys')).rows);
      assert.ok(!dump.includes(org.apiKey), 'the plaintext key must not be stored');
      assert.equal(rows[0].hash.length, 64);
    } finally {
      await client.end();
    }
  });

  it('rejects an unknown time zone naming the field, writing nothing', async () => {
    const error = expectError(await app().gql(CreateOrganizationDocument, { input: { name: 'Nowhere', timezone: 'Mars/Olympus' } }, ADMIN_KEY));
    assert.equal(error.code, 'BAD_USER_INPUT');
    assert.equal(error.field, 'input.timezone');
  });

  it('distinguishes missing, bad, organisation and admin keys', async () => {
    const org = await makeOrganization(app());
    assert.equal(expectError(await app().gql(MyOrganizationDocument, {}, null)).code, 'UNAUTHENTICATED');
    assert.equal(expectError(await app().gql(MyOrganizationDocument, {}, 'prk_not-a-key')).code, 'UNAUTHENTICATED');
    assert.equal(expectError(await app().gql(MyOrganizationDocument, {}, ADMIN_KEY)).code, 'FORBIDDEN');
    assert.equal(expectError(await app().gql(CreateOrganizationDocument, { input: { name: 'X' } }, org.apiKey)).code, 'FORBIDDEN');
    assert.equal(expectError(await app().gql(CreateOrganizationDocument, { input: { name: 'X' } }, null)).code, 'UNAUTHENTICATED');
  });

  it('creates extra keys, and a revoked or expired key stops working at once', async () => {
    const org = await makeOrganization(app());
    const second = expectData(await app().gql(CreateApiKeyDocument, { organizationId: org.id, label: 'ci' }, ADMIN_KEY)).createApiKey;
    assert.equal(expectData(await app().gql(MyOrganizationDocument, {}, second.apiKey)).organization.id, org.id);
    assert.equal(expectData(await app().gql(RevokeApiKeyDocument, { id: second.id }, ADMIN_KEY)).revokeApiKey, true);
    assert.equal(expectData(await app().gql(RevokeApiKeyDocument, { id: second.id }, ADMIN_KEY)).revokeApiKey, true, 'revoking twice is harmless');
    assert.equal(expectError(await app().gql(MyOrganizationDocument, {}, second.apiKey)).code, 'UNAUTHENTICATED');
    assert.equal(expectData(await app().gql(MyOrganizationDocument, {}, org.apiKey)).organization.id, org.id, 'other keys keep working');

    const past = expectError(await app().gql(CreateApiKeyDocument, { organizationId: org.id, expiresAt: '2020-01-01T00:00:00Z' }, ADMIN_KEY));
    assert.equal(past.field, 'expiresAt');
    const soon = expectData(await app().gql(CreateApiKeyDocument, { organizationId: org.id, expiresAt: new Date(Date.now() + 1500).toISOString() }, ADMIN_KEY)).createApiKey;
    assert.equal(expectData(await app().gql(MyOrganizationDocument, {}, soon.apiKey)).organization.id, org.id);
    await new Promise((r) => setTimeout(r, 1600));
    assert.equal(expectError(await app().gql(MyOrganizationDocument, {}, soon.apiKey)).code, 'UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for unknown organisations and keys', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    assert.equal(expectError(await app().gql(CreateApiKeyDocument, { organizationId: missing }, ADMIN_KEY)).code, 'NOT_FOUND');
    assert.equal(expectError(await app().gql(CreateApiKeyDocument, { organizationId: 'not-a-uuid' }, ADMIN_KEY)).code, 'NOT_FOUND');
    assert.equal(expectError(await app().gql(RevokeApiKeyDocument, { id: missing }, ADMIN_KEY)).code, 'NOT_FOUND');
  });
});
