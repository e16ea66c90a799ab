import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { Cache, CacheHealth } from './cache';
import { parseRedisUrl } from './redis-url';

const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Redis glob-escapes a literal prefix for SCAN MATCH. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Redis through ioredis: one server, or a Redis Cluster (REDIS_URL `redis+cluster://…`, see
 * redis-url.ts). Commands fail fast while Redis is away (no offline queue, a short command
 * timeout), so callers fall back to the database instead of waiting; ioredis keeps
 * reconnecting in the background and the cache recovers by itself. Errors are logged at most
 * once per `logIntervalMs`. On a cluster every command names one key (the seed's keys carry
 * no hash tags, so an organisation's keys spread over the slots), and a prefix is deleted by
 * SCAN on every master.
 */
export class RedisCache implements Cache {
  private readonly redis: Redis | Cluster;
  private lastErrorLog = 0;

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly options: { commandTimeoutMs?: number; logIntervalMs?: number } = {},
  ) {
    const target = parseRedisUrl(url);
    if ('error' in target) throw new Error(`REDIS_URL ${target.error}`);
    // Commands issued in one tick go out as one write (a 1,000-campaign list reads 1,000 keys at
    // once; on a cluster, one batch per node).
    const failFast = { commandTimeout: options.commandTimeoutMs ?? 250, connectTimeout: 1000, maxRetriesPerRequest: 0, enableAutoPipelining: true };
    const retry = (attempt: number) => Math.min(attempt * 200, 2000);
    this.redis =
      target.kind === 'server'
        ? new Redis(target.url, { ...failFast, lazyConnect: false, enableOfflineQueue: false, retryStrategy: retry })
        : new Cluster(target.nodes, {
            enableOfflineQueue: false,
            enableAutoPipelining: true,
            clusterRetryStrategy: retry,
            slotsRefreshTimeout: 1000,
            redisOptions: { ...failFast, username: target.username, password: target.password, ...(target.tls ? { tls: {} } : {}) },
          });
    this.redis.on('error', (err) => this.logFailure(err));
  }

  private logFailure(err: unknown): void {
    const now = Date.now();
    if (now - this.lastErrorLog < (this.options.logIntervalMs ?? 30_000)) return;
    this.lastErrorLog = now;
    this.logger.warn({ err }, 'Redis cache unavailable; answering from the database');
  }

  /** While (re)connecting, waits for the connection at most one command timeout. */
  private async connection(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis not ready (${this.redis.status})`));
      }, this.options.commandTimeoutMs ?? 250);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', onReady);
    });
  }

  private async attempt<T>(fallback: T, command: () => Promise<T>): Promise<T> {
    try {
      await this.connection();
      return await command();
    } catch (err) {
      this.logFailure(err);
      return fallback;
    }
  }

  get(key: string): Promise<string | null> {
    return this.attempt(null, () => this.redis.get(key));
  }

  getMany(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return Promise.resolve([]);
    const redis = this.redis;
    return this.attempt<(string | null)[]>(
      keys.map(() => null),
      // A multi-key command must stay within one slot on a cluster: one GET per key there.
      () => (redis instanceof Cluster ? Promise.all(keys.map((key) => redis.get(key))) : redis.mget(...keys)),
    );
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.attempt(null, () => this.redis.set(key, value, 'EX', ttlSeconds));
  }

  ttl(key: string): Promise<number | null> {
    return this.attempt(null, async () => {
      const seconds = await this.redis.ttl(key);
      return seconds < 0 ? null : seconds;
    });
  }

  deleteByPrefix(prefix: string): Promise<number> {
    return this.attempt(0, async () => {
      const cluster = this.redis instanceof Cluster ? this.redis : null;
      let deleted = 0;
      for (const node of cluster ? cluster.nodes('master') : [this.redis as Redis]) {
        let cursor = '0';
        do {
          const [next, keys] = await node.scan(cursor, 'MATCH', `${globEscape(prefix)}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length === 0) continue;
          // A multi-key UNLINK must stay within one slot on a cluster: one key per command there.
          deleted += cluster ? (await Promise.all(keys.map((key) => cluster.unlink(key)))).reduce((a, b) => a + b, 0) : await node.unlink(...keys);
        } while (cursor !== '0');
      }
      return deleted;
    });
  }

  async tryLock(key: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const token = randomUUID();
    const taken = await this.attempt<'OK' | null | 'down'>('down', () => this.redis.set(key, token, 'PX', ttlMs, 'NX'));
    if (taken === null) return null;
    // Release only our own lock: it may have expired and been taken by someone else since.
    return async () => {
      await this.attempt(0, () => this.redis.eval(RELEASE_SCRIPT, 1, key, token) as Promise<number>);
    };
  }

  async health(): Promise<CacheHealth> {
    return this.attempt<CacheHealth>('degraded', async () => ((await this.redis.ping()) === 'PONG' ? 'ok' : 'degraded'));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
