import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { parseRedisUrl } from '../../src/cache/redis-url';

describe('REDIS_URL: one server or a Redis Cluster', () => {
  const cases: Array<[string, ReturnType<typeof parseRedisUrl>]> = [
    ['redis://127.0.0.1:6379', { kind: 'server', url: 'redis://127.0.0.1:6379' }],
    ['rediss://user:pw@cache.example:6380/2', { kind: 'server', url: 'rediss://user:pw@cache.example:6380/2' }],
    ['redis+cluster://127.0.0.1:7000,127.0.0.1:7001', { kind: 'cluster', nodes: [{ host: '127.0.0.1', port: 7000 }, { host: '127.0.0.1', port: 7001 }], tls: false }],
    ['rediss+cluster://app:s%40cret@a.example:6379', { kind: 'cluster', nodes: [{ host: 'a.example', port: 6379 }], username: 'app', password: 's@cret', tls: true }],
    ['redis+cluster://:pw@[::1]:7000/', { kind: 'cluster', nodes: [{ host: '::1', port: 7000 }], password: 'pw', tls: false }],
    ['redis+cluster://127.0.0.1', { error: 'cluster node "127.0.0.1" must be host:port' }],
    ['redis+cluster://a:1,b:99999', { error: 'cluster node "b:99999" must be host:port' }],
    ['http://127.0.0.1:6379', { error: 'must be a redis:// or rediss:// URL, or redis+cluster://host:port,host:port for a Redis Cluster' }],
  ];
  for (const [url, expected] of cases) {
    it(`${url}`, () => assert.deepEqual(parseRedisUrl(url), expected));
  }

  it('is validated at boot, naming the variable', () => {
    assert.equal(loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001' }).redisUrl, 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001');
    assert.throws(() => loadConfig({ REDIS_URL: 'redis+cluster://nowhere' }), /REDIS_URL.*must be host:port/);
  });
});
