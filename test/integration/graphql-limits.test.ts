import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/app';
import { makeOrganization } from '../helpers/factories';

/**
 * A query with `levels` nested fields (introspection types recurse as deep as wanted). `__type`
 * counts like any field; only `__schema` has its own limit (graphql-http.test.ts).
 */
function queryOfDepth(levels: number): string {
  let inner = 'name';
  for (let level = 5; level <= levels; level += 1) inner = `ofType { ${inner} }`;
  return `{ __type(name: "Query") { fields { type { ${inner} } } } }`;
}

function selectionDepth(query: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of query) {
    if (ch === '{') max = Math.max(max, (depth += 1));
    if (ch === '}') depth -= 1;
  }
  return max;
}

describe('GraphQL limits and errors', () => {
  const app = useTestApp();

  it('accepts depth 8 and rejects depth 9', async () => {
    const org = await makeOrganization(app());
    const accepted = queryOfDepth(8);
    assert.equal(selectionDepth(accepted), 8, accepted);
    const ok = await app().gql(accepted, {}, org.apiKey);
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    const rejected = await app().gql(queryOfDepth(9), {}, org.apiKey);
    assert.match(rejected.errors?.[0]?.message ?? '', /depth limit of 8 exceeded, found 9/);
    assert.equal(rejected.data, null);
  });

  it('accepts 30 aliases and rejects 31', async () => {
    const org = await makeOrganization(app());
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: organization { id }`).join(' ')} }`;
    const ok = await app().gql(aliases(30), {}, org.apiKey);
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    const rejected = await app().gql(aliases(31), {}, org.apiKey);
    assert.ok(rejected.errors?.length);
  });

  it('rejects batched HTTP requests', async () => {
    const response = await fetch(`${app().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    assert.equal(response.status, 400);
  });

  it('never shows a stack trace or internal message outside development', async () => {
    const response = await app().gql('{ organization { id } }', {}, 'Bearer-less nonsense');
    const text = JSON.stringify(response.errors);
    assert.ok(!/stacktrace|at .*\.ts:\d+/.test(text), text);
    assert.equal(response.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('reports invalid variables as BAD_USER_INPUT', async () => {
    const org = await makeOrganization(app());
    const response = await app().gql('query ($id: ID!, $after: String) { recipients(campaignId: $id, after: $after) { hasNextPage } }', { id: 1, after: 5 }, org.apiKey);
    assert.equal(response.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const badDate = await app().gql('mutation ($r: [RecipientInput!]!) { importRecipients(campaignId: "x", recipients: $r) { created } }', { r: [{ externalId: 'a', cost: 1, sendDate: '2024-13-01' }] }, org.apiKey);
    assert.equal(badDate.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});
