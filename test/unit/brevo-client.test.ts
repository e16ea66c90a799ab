import assert from 'node:assert/strict';
import { classify, contactRequest } from '../../src/outbox/brevo.client';

describe('Brevo client: classification and request body', () => {
  it('classifies answers exactly as spec §9', () => {
    const http = (status: number, body = 'x', reset: number | null = null) => classify({ kind: 'http', status, body, rateLimitResetSeconds: reset });
    assert.equal(http(201).kind, 'success');
    assert.equal(http(204).kind, 'success');
    assert.equal(http(200).kind, 'fatal');
    for (const status of [400, 401, 403, 404, 409, 422]) assert.equal(http(status).kind, 'fatal', String(status));
    for (const status of [408, 429, 500, 502, 503, 504]) assert.equal(http(status).kind, 'transient', String(status));
    assert.deepEqual(http(429, 'slow', 42), { kind: 'transient', error: 'HTTP 429: slow', rateLimited: true, resetSeconds: 42 });
    assert.equal(classify({ kind: 'network', error: 'timeout after 5 ms' }).kind, 'transient');
    const long = http(400, 'y'.repeat(1000));
    assert.ok(long.kind === 'fatal' && long.error.length === 'HTTP 400: '.length + 300);
  });

  it('builds upper-case attributes, the funnel list and updateEnabled', () => {
    const lists = { listLanguage: 3, listNonLanguage: 4 };
    assert.deepEqual(
      contactRequest({ email: 'a@example.com', funnelType: 'non_language', testId: 't', userId: null, source: 's', attributes: { CERTIFICATE_PURCHASED: true, CERTIFICATE_PURCHASED_AT: '2024-06-01' } }, lists),
      { email: 'a@example.com', attributes: { FUNNEL_TYPE: 'non_language', TEST_ID: 't', CERTIFICATE_PURCHASED: true, CERTIFICATE_PURCHASED_AT: '2024-06-01' }, listIds: [4], updateEnabled: true },
    );
    assert.equal(contactRequest({ email: 'a@example.com', funnelType: 'language', attributes: {} }, { listLanguage: null, listNonLanguage: 4 }).listIds, undefined);
  });
});
