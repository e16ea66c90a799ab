import type { Logger } from '../logger';
import type { Cache } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';

export function makeCache(redisUrl: string | null, logger: Logger): Cache {
  return redisUrl ? new RedisCache(redisUrl, logger) : new MemoryCache();
}
