import type { DataSource } from 'typeorm';
import type { Cache } from '../cache/cache';
import { dbOf } from '../db/db';
import type { Logger } from '../logger';
import { ReportingSyncRepository, type SyncCandidate } from './reporting-sync.repository';
import { campaignKey, organizationKey, STATS_CACHE_FORMAT_VERSION, type StatsCacheService } from './stats-cache.service';

/** How many organisations one sync refreshes at a time. */
const CONCURRENCY = 2;
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
  ) {}

  async run(): Promise<{ organizations: number; refreshed: number; keys: number; ms: number }> {
    const started = Date.now();
    const repository = new ReportingSyncRepository(dbOf(this.dataSource));
    const candidates = await repository.eligibleWithFingerprints(STATS_CACHE_FORMAT_VERSION);
    const queue: Array<SyncCandidate & { reason: SyncReason }> = [];
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
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const orgStarted = Date.now();
        const written = await this.statsCache.refresh(next.org_id, next.campaign_ids);
        await repository.markSynced(next.org_id, next.fingerprint);
        keys += written;
        this.logger.info({ orgId: next.org_id, reason: next.reason, keys: written, ms: Date.now() - orgStarted }, 'reporting sync refreshed an organisation');
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, refreshed) }, worker));
    return { organizations: candidates.length, refreshed, keys, ms: Date.now() - started };
  }

  /** Remaining TTLs of the organisation's keys (null: missing, or the cache is down). */
  private ttls(candidate: SyncCandidate): Promise<Array<number | null>> {
    const keys = [organizationKey(candidate.org_id), ...candidate.campaign_ids.map((id) => campaignKey(candidate.org_id, id))];
    return Promise.all(keys.map((key) => this.cache.ttl(key)));
  }
}
