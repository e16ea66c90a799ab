import { LRUCache } from 'lru-cache';
import type { Cache, CacheHealth } from './cache';

/** The in-process cache used when no REDIS_URL is configured. */
export class MemoryCache implements Cache {
  private readonly lru: LRUCache<string, string>;
  private readonly locks = new Map<string, number>();

  constructor(maxEntries = 10_000) {
    this.lru = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
  }

  async get(key: string): Promise<string | null> {
    return this.lru.get(key) ?? null;
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.map((key) => this.lru.get(key) ?? null);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async ttl(key: string): Promise<number | null> {
    if (!this.lru.has(key)) return null;
    return Math.ceil(this.lru.getRemainingTTL(key) / 1000);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (const key of [...this.lru.keys()]) {
      if (key.startsWith(prefix) && this.lru.delete(key)) deleted += 1;
    }
    return deleted;
  }

  async tryLock(key: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const now = Date.now();
    const heldUntil = this.locks.get(key);
    if (heldUntil !== undefined && heldUntil > now) return null;
    this.locks.set(key, now + ttlMs);
    return async () => {
      this.locks.delete(key);
    };
  }

  async health(): Promise<CacheHealth> {
    return 'in-process';
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
