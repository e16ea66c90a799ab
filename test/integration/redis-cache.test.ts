import assert from 'node:assert/strict';
import { RedisCache } from '../../src/cache/redis-cache';
import { MemoryCache } from '../../src/cache/memory-cache';
import type { Cache } from '../../src/cache/cache';
import { makeLogger } from '../../src/logger';
import { redisUrlForTests } from '../helpers/environment';

/** The same contract for both cache implementations, against a real Redis for RedisCache. */
function cacheContract(name: string, make: () => Cache | null): void {
  describe(name, () => {
    let cache: Cache;
    const prefix = `/test/${process.pid}/${Math.random().toString(36).slice(2)}`;
    before(function () {
      const made = make();
      if (!made) this.skip();
      cache = made;
    });
    after(async () => {
      if (cache) {
        await cache.deleteByPrefix(prefix);
        await cache.close();
      }
    });

    it('stores values with a TTL', async () => {
      await cache.set(`${prefix}/a`, 'value-a', 1200);
      assert.equal(await cache.get(`${prefix}/a`), 'value-a');
      const ttl = await cache.ttl(`${prefix}/a`);
      assert.ok(ttl !== null && ttl > 1190 && ttl <= 1200, `ttl ${ttl}`);
      assert.equal(await cache.get(`${prefix}/missing`), null);
      assert.equal(await cache.ttl(`${prefix}/missing`), null);
      await cache.set(`${prefix}/b`, 'value-b', 60);
      assert.deepEqual(await cache.getMany([`${prefix}/b`, `${prefix}/missing`, `${prefix}/a`]), ['value-b', null, 'value-a'], 'in the keys’ order');
      assert.deepEqual(await cache.getMany([]), []);
    });

    it('deletes by prefix only the matching keys, even with glob characters in the prefix', async () => {
      await cache.set(`${prefix}/org[1]/x`, '1', 60);
      await cache.set(`${prefix}/org[1]/y`, '2', 60);
      await cache.set(`${prefix}/org11/z`, '3', 60);
      assert.equal(await cache.deleteByPrefix(`${prefix}/org[1]/`), 2);
      assert.equal(await cache.get(`${prefix}/org[1]/x`), null);
      assert.equal(await cache.get(`${prefix}/org11/z`), '3');
    });
  });
}

describe('cache implementations', () => {
  cacheContract('MemoryCache', () => new MemoryCache());
  cacheContract('RedisCache', () => {
    const url = redisUrlForTests();
    return url ? new RedisCache(url, makeLogger('silent', false)) : null;
  });

  it('RedisCache degrades instead of failing when Redis is unreachable', async () => {
    const cache = new RedisCache('redis://127.0.0.1:1', makeLogger('silent', false));
    try {
      await cache.set('k', 'v', 10);
      assert.equal(await cache.get('k'), null);
      assert.deepEqual(await cache.getMany(['k', 'l']), [null, null]);
      assert.equal(await cache.health(), 'degraded');
    } finally {
      await cache.close();
    }
  });
});
