import { Redis } from 'ioredis';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** A refused request: how long until the next one can succeed. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds, at least 1, for Retry-After. */
  retryAfterSeconds: number;
}

const ALLOWED: RateLimitDecision = { allowed: true, retryAfterSeconds: 0 };

function decisionOf(rejection: unknown): RateLimitDecision {
  if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
  throw rejection;
}

/**
 * The per-key request limits and the per-address failed-authentication limit. With Redis every
 * API process counts in the same buckets; each limiter has an in-memory twin as its insurance,
 * so a Redis outage makes the limits per process instead of failing requests.
 */
export class RateLimits {
  private readonly requests: BurstyRateLimiter | RateLimiterAbstract;
  private readonly authFailures: RateLimiterAbstract;

  private constructor(
    limits: Config['limits'],
    private readonly redis: Redis | null,
  ) {
    const make = (options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract => {
      const memory = new RateLimiterMemory(options);
      return redis ? new RateLimiterRedis({ ...options, keyPrefix: `paperrun:rl:${options.keyPrefix}`, storeClient: redis, insuranceLimiter: memory }) : memory;
    };
    // A token bucket in rate-limiter-flexible's terms: the steady rate per second, and a reserve
    // of `burst` requests per minute drawn on only when the steady rate is spent.
    const steady = make({ keyPrefix: 'req', points: limits.requestsPerSecond, duration: 1 });
    this.requests = limits.burst > 0 ? new BurstyRateLimiter(steady, make({ keyPrefix: 'burst', points: limits.burst, duration: 60 })) : steady;
    this.authFailures = make({ keyPrefix: 'authfail', points: limits.authFailuresPerMinute, duration: 60 });
  }

  static create(config: Config, logger: Logger): RateLimits {
    if (config.redisUrl === null) return new RateLimits(config.limits, null);
    const redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 250,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    let lastLog = 0;
    redis.on('error', (err) => {
      if (Date.now() - lastLog < 60_000) return;
      lastLog = Date.now();
      logger.warn({ err }, 'rate limits: Redis unavailable, counting in process');
    });
    return new RateLimits(config.limits, redis);
  }

  /** Takes one request from the bucket of `identity` (an API key id, or an address). */
  async takeRequest(identity: string): Promise<RateLimitDecision> {
    return this.requests.consume(identity).then(() => ALLOWED, decisionOf);
  }

  /** Counts a failed authentication from `address`; refused once the minute's allowance is spent. */
  async recordAuthFailure(address: string): Promise<RateLimitDecision> {
    return this.authFailures.consume(address).then(() => ALLOWED, decisionOf);
  }

  async close(): Promise<void> {
    if (this.redis) this.redis.disconnect();
  }
}
