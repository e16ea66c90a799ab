import { availableParallelism } from 'node:os';
import type { DataSource } from 'typeorm';
import type { Cache } from '../cache/cache';
import { dbOf } from '../db/db';
import type { Logger } from '../logger';
import { ReportingSyncRepository, type SyncCandidate } from './reporting-sync.repository';
import { campaignKey, organizationKey, STATS_CACHE_FORMAT_VERSION, type StatsCacheService } from './stats-cache.service';
import { StatsRefreshThreads } from './stats-refresh-threads';

export interface ReportingSyncOptions {
  /** Worker threads for a large run (0: always in process). Default: SYNC_THREADS, if the machine has that many cores. */
  threads?: number;
  /** Organisations to rewrite from which a run uses the threads (default THREADS_FROM). */
  threadsFrom?: number;
}

type QueuedCandidate = SyncCandidate & { reason: SyncReason };

/** How many organisations one sync refreshes at a time (in this process, or per worker thread). */
const CONCURRENCY = 2;
/**
 * A run with at least this many organisations to rewrite builds their responses on worker
 * threads (stats-refresh-threads.ts), one per core up to SYNC_THREADS: the responses are
 * JavaScript work, and at 2,000 organisations one core is the limit. Smaller runs (most: only
 * what changed) stay in process, where starting threads would cost more than it saves.
 */
const THREADS_FROM = 200;
const SYNC_THREADS = 2;
/** How many organisations' cached keys are looked at (TTL) at a time. */
const TTL_CHECK_BATCH = 100;
/**
 * A response is rewritten once its remaining TTL falls below 30 to 90 minutes (spread by
 * organisation, so responses first written in one run do not all come due in one later run):
 * far more than the sync's 450-second interval, so a written key never expires between runs.
 */
const MIN_REFRESH_BEFORE_EXPIRY_SECONDS = 30 * 60;
const REFRESH_SPREAD_SECONDS = 60 * 60;

/** This organisation's threshold, from its id: the same on every run and in every process. */
export function refreshBeforeExpirySeconds(orgId: string): number {
  return MIN_REFRESH_BEFORE_EXPIRY_SECONDS + (Number.parseInt(orgId.slice(0, 8), 16) % REFRESH_SPREAD_SECONDS);
}

export type SyncReason = 'new' | 'changed' | 'expiring';

/**
 * Why an organisation's responses must be rewritten, or null: never written by the sync, its
 * data (or its local day) changed since, or one of its keys is missing (a reset, an eviction,
 * a cache restart) or nearing the end of its TTL.
 */
export function syncReason(candidate: Pick<SyncCandidate, 'fingerprint' | 'synced_fingerprint'>, ttls: Array<number | null>, refreshBelowSeconds: number): SyncReason | null {
  if (candidate.synced_fingerprint === null) return 'new';
  if (candidate.synced_fingerprint !== candidate.fingerprint) return 'changed';
  return ttls.some((ttl) => ttl === null || ttl < refreshBelowSeconds) ? 'expiring' : null;
}

/**
 * `process_reporting_sync` (seed 000, docs/aggregation.md): for each eligible organisation
 * (reporting enabled, at least one campaign) whose responses are missing, expiring, or computed
 * from data that changed since, recompute and rewrite its organisation and campaign responses
 * (4 h TTL). An organisation whose responses would come out the same keeps them.
 */
export class ReportingSyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statsCache: StatsCacheService,
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly options: ReportingSyncOptions = {},
  ) {}

  /** `threads`: worker threads that built the responses (0: in process). */
  async run(): Promise<{ organizations: number; refreshed: number; keys: number; threads: number; ms: number }> {
    const started = Date.now();
    const repository = new ReportingSyncRepository(dbOf(this.dataSource));
    const candidates = await repository.eligibleWithFingerprints(STATS_CACHE_FORMAT_VERSION);
    const queue: QueuedCandidate[] = [];
    for (let i = 0; i < candidates.length; i += TTL_CHECK_BATCH) {
      const batch = candidates.slice(i, i + TTL_CHECK_BATCH);
      const reasons = await Promise.all(batch.map(async (c) => syncReason(c, await this.ttls(c), refreshBeforeExpirySeconds(c.org_id))));
      batch.forEach((c, k) => {
        const reason = reasons[k];
        if (reason) queue.push({ ...c, reason });
      });
    }
    const refreshed = queue.length;
    let keys = 0;
    const threads = await this.threadsFor(refreshed);
    // Each lane takes the next organisation, has its responses written, then marks it synced.
    const lane = async (refresh: (candidate: QueuedCandidate) => Promise<number>) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const orgStarted = Date.now();
        const written = await refresh(next);
        await repository.markSynced(next.org_id, next.fingerprint);
        keys += written;
        this.logger.info({ orgId: next.org_id, reason: next.reason, keys: written, ms: Date.now() - orgStarted }, 'reporting sync refreshed an organisation');
      }
    };
    try {
      const lanes = threads
        ? Array.from({ length: threads.size * CONCURRENCY }, (_, i) =>
            lane(async (c) => this.statsCache.storeSerialized(await threads.compute(i % threads.size, c.org_id, c.campaign_ids))),
          )
        : Array.from({ length: Math.min(CONCURRENCY, refreshed) }, () => lane((c) => this.statsCache.refresh(c.org_id, c.campaign_ids)));
      await Promise.all(lanes);
    } finally {
      await threads?.close();
    }
    return { organizations: candidates.length, refreshed, keys, threads: threads?.size ?? 0, ms: Date.now() - started };
  }

  /** Worker threads for a run of `refreshed` organisations, or null (in process; also when they fail to start). */
  private async threadsFor(refreshed: number): Promise<StatsRefreshThreads | null> {
    const count = this.options.threads ?? (availableParallelism() >= SYNC_THREADS ? SYNC_THREADS : 0);
    if (count === 0 || refreshed < (this.options.threadsFrom ?? THREADS_FROM)) return null;
    try {
      return await StatsRefreshThreads.start(this.dataSource, count);
    } catch (error) {
      this.logger.warn({ err: error }, 'reporting sync: worker threads did not start, refreshing in process');
      return null;
    }
  }

  /** Remaining TTLs of the organisation's keys (null: missing, or the cache is down). */
  private ttls(candidate: SyncCandidate): Promise<Array<number | null>> {
    const keys = [organizationKey(candidate.org_id), ...candidate.campaign_ids.map((id) => campaignKey(candidate.org_id, id))];
    return Promise.all(keys.map((key) => this.cache.ttl(key)));
  }
}
