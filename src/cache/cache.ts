/**
 * The reporting cache: string values under string keys with a TTL. Two implementations:
 * Redis when REDIS_URL is set, an in-process LRU otherwise. Cache failures never fail a
 * request: reads miss and writes are dropped, and `health()` says `degraded`.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /**
   * The values of `keys`, in their order (null: absent), in one round trip where the store
   * allows: MGET on one Redis server; on a cluster, whose slots spread an organisation's keys
   * over every master, one GET per key, pipelined per node.
   */
  getMany(keys: readonly string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Remaining time to live in seconds; null when the key is absent (or the cache is down). */
  ttl(key: string): Promise<number | null>;
  /** Deletes every key starting with `prefix` (Redis: SCAN, never KEYS); returns how many. */
  deleteByPrefix(prefix: string): Promise<number>;
  /**
   * Takes a short lock (single-flight across processes); resolves to a release function, or
   * null when another holder has it. While the cache is down everyone gets the lock: the
   * database is then the only coordination left, and correctness never depends on the lock.
   */
  tryLock(key: string, ttlMs: number): Promise<(() => Promise<void>) | null>;
  health(): Promise<CacheHealth>;
  close(): Promise<void>;
}

export type CacheHealth = 'ok' | 'degraded' | 'in-process';
