import assert from 'node:assert/strict';
import { ANONYMOUS_BODY_LIMIT_BYTES, BODY_LIMIT_BYTES } from '../../src/http/graphql-request';
import { MAX_BATCH_SIZE, MAX_ID_LENGTH } from '../../src/campaigns/ingestion.rules';
import { getIntrospectionQuery } from 'graphql';

/** The largest legitimate batches: every item at its maximum, ids of 3-byte UTF-8 characters. */
function largestBodies(indent?: number): { recordAttributions: number; importRecipients: number } {
  const id = '漢'.repeat(MAX_ID_LENGTH);
  const campaignId = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const attributions = Array.from({ length: MAX_BATCH_SIZE }, () => ({
    campaignId,
    recipientExternalId: id,
    orderId: id,
    orderDate: '2024-03-06T04:30:00.123Z',
    revenue: 999_999_999_999.99,
    orderCount: 2_147_483_647,
    isSubscription: false,
    discountMatched: false,
  }));
  const recipients = Array.from({ length: MAX_BATCH_SIZE }, () => ({ externalId: id, isHoldout: false, sendDate: '2024-03-01', cost: 99_999_999.9999 }));
  const size = (body: unknown) => Buffer.byteLength(JSON.stringify(body, null, indent));
  return {
    recordAttributions: size({ query: 'mutation ($a: [AttributionInput!]!) { recordAttributions(attributions: $a) { created updated unchanged } }', variables: { a: attributions } }),
    importRecipients: size({ query: 'mutation ($c: ID!, $r: [RecipientInput!]!) { importRecipients(campaignId: $c, recipients: $r) { created updated unchanged } }', variables: { c: campaignId, r: recipients } }),
  };
}

describe('request body limits', () => {
  it('fit the largest legitimate 10,000-item batch, compact or indented', () => {
    const compact = largestBodies();
    const indented = largestBodies(2);
    assert.ok(compact.recordAttributions > 14_000_000 && compact.recordAttributions < 14_500_000, String(compact.recordAttributions));
    for (const size of [...Object.values(compact), ...Object.values(indented)]) assert.ok(size < BODY_LIMIT_BYTES, `${size} bytes`);
    assert.ok(BODY_LIMIT_BYTES < 25 * 1024 * 1024);
  });

  it('without a key, fit the introspection query and little else', () => {
    assert.ok(Buffer.byteLength(JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }) })) < ANONYMOUS_BODY_LIMIT_BYTES);
  });
});
