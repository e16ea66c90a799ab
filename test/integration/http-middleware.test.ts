import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { makeOriginPolicy } from '../../src/http/cors';
import { useTestApp } from '../helpers/app';

const ALLOWED = 'https://app.example.com';

/** A raw HTTP exchange (fetch would decompress and hide Content-Encoding). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('HTTP middleware: CORS and compression', () => {
  const app = useTestApp({ CORS_ORIGINS: ALLOWED });

  for (const path of ['/graphql', '/mcp', '/api/v1/reporting/summary/1', '/exports/campaigns/1/orders.csv']) {
    it(`answers a preflight to ${path} for an allowed origin, and gives a refused origin no CORS headers`, async () => {
      const preflight = (origin: string) =>
        raw(`${app().url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
      const allowed = await preflight(ALLOWED);
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED);
      assert.match(String(allowed.headers['access-control-allow-headers']), /Authorization/);
      assert.equal(allowed.headers['access-control-allow-credentials'], undefined, 'Bearer only, no cookies');
      const refused = await preflight('https://evil.example.net');
      assert.equal(refused.headers['access-control-allow-origin'], undefined);
    });
  }

  it('exposes x-request-id to an allowed origin on the actual request', async () => {
    const response = await fetch(`${app().url}/graphql`, { method: 'POST', headers: { origin: ALLOWED, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });

  it('compresses responses over 1 KB with br or gzip as asked, and leaves small ones alone', async () => {
    const body = JSON.stringify({ query: getIntrospectionQuery() });
    const post = (encoding: string) => raw(`${app().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': encoding }, body });
    const br = await post('br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(JSON.parse(brotliDecompressSync(br.body).toString('utf8')).data.__schema);
    const gzip = await post('gzip');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    const plain = gunzipSync(gzip.body);
    assert.ok(gzip.body.length < plain.length / 3, `${gzip.body.length} of ${plain.length} bytes`);
    const small = await raw(`${app().url}/healthz`, { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(small.headers['content-encoding'], undefined);
  });
});

describe('CORS origin policy', () => {
  it('allows CORS_ORIGINS everywhere and any localhost port in development only', () => {
    const development = makeOriginPolicy({ nodeEnv: 'development', corsOrigins: [ALLOWED] });
    const production = makeOriginPolicy({ nodeEnv: 'production', corsOrigins: [ALLOWED] });
    const table: Array<[string, boolean, boolean]> = [
      [ALLOWED, true, true],
      ['http://localhost:5173', true, false],
      ['http://localhost', true, false],
      ['http://127.0.0.1:3000', true, false],
      ['https://localhost:5173', false, false],
      ['http://localhost.evil.net', false, false],
      ['https://app.example.com.evil.net', false, false],
    ];
    for (const [origin, inDevelopment, inProduction] of table) {
      assert.equal(development(origin), inDevelopment, origin);
      assert.equal(production(origin), inProduction, origin);
    }
  });
});
