import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { Cache, CacheHealth } from './cache';

const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Redis glob-escapes a literal prefix for SCAN MATCH. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Redis through ioredis. Commands fail fast while Redis is away (no offline queue, a short
 * command timeout), so callers fall back to the database instead of waiting; ioredis keeps
 * reconnecting in the background and the cache recovers by itself. Errors are logged at most
 * once per `logIntervalMs`.
 */
export class RedisCache implements Cache {
  private readonly redis: Redis;
  private lastErrorLog = 0;

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly options: { commandTimeoutMs?: number; logIntervalMs?: number } = {},
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
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
      let cursor = '0';
      let deleted = 0;
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${globEscape(prefix)}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) deleted += await this.redis.unlink(...keys);
      } while (cursor !== '0');
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
