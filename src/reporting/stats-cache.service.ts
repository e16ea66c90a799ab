import { LRUCache } from 'lru-cache';
import type { Cache } from '../cache/cache';
import type { Logger } from '../logger';
import { ExpensiveOperationGate } from './expensive-operations';
import { isEveryPart, type PartialStatsResponse, type StatsOptions, type StatsPart, type StatsResponseData, type StatsService } from './stats.service';

/**
 * The reporting cache of seed 000 (spec §8, §11 "Cache"): whole-campaign and organisation
 * StatsResponses (source AGGREGATES, no date range) under the seed's keys. TTL 4 h when
 * written by the sync job or an aggregation run, 20 min when written on a request's miss.
 * Concurrent misses of one key compute once: a promise per key within a process, a short
 * cache lock across processes. Date-ranged and RAW requests always compute.
 *
 * In front of the shared cache sits a small in-process copy of parsed responses (5 s): a hit
 * then costs neither a round trip nor parsing a response of two year-long rolling series.
 * This process's writes and resets update it at once; another API process may serve a
 * response up to 5 s older than the shared cache (e.g. just after a reset elsewhere).
 *
 * Every cached response carries the format version of the release that computed it; one of
 * another version (e.g. first-edition experiment statistics, written before an upgrade, which
 * carry no version) is a miss, so an upgrade never serves numbers by the old rules.
 *
 * The cache holds whole responses only. A query that selects a part of a response (a campaign
 * list showing the stats block) is served from a cached response when there is one, else
 * computes just that part and writes nothing: a later hit is the whole response the sync job
 * or a whole-response miss computed, the same numbers.
 */
/** Bump whenever a cached StatsResponse would differ: 2 = the second edition of spec §5. */
export const STATS_CACHE_FORMAT_VERSION = 2;
export const SYNC_TTL_SECONDS = 4 * 60 * 60;
export const MISS_TTL_SECONDS = 20 * 60;
const LOCK_TTL_MS = 15_000;
const LOCK_WAIT_MS = 5_000;
const LOCAL_TTL_MS = 5_000;
const LOCAL_ENTRIES = 2_000;

export const organizationKey = (orgId: string) => `/api/v1/reporting/summary/${orgId}`;
export const campaignKey = (orgId: string, campaignId: string) => `${organizationKey(orgId)}/campaigns/${campaignId}`;

/** A response as held in either cache: with the format version it was written in. */
export interface CachedResponse {
  formatVersion: number;
  response: StatsResponseData;
}

function serialize(entry: CachedResponse): string {
  return JSON.stringify(entry);
}

/** The cached response, or null when it is of another format version (a miss). */
function deserialize(text: string): CachedResponse | null {
  const parsed = JSON.parse(text) as { formatVersion?: unknown; response?: StatsResponseData & { lastRefreshed: string } };
  if (parsed.formatVersion !== STATS_CACHE_FORMAT_VERSION || parsed.response === undefined) return null;
  return { formatVersion: STATS_CACHE_FORMAT_VERSION, response: { ...parsed.response, lastRefreshed: new Date(parsed.response.lastRefreshed) } };
}

/** A response ready for the shared cache: its key and its serialized entry. */
export interface SerializedResponse {
  key: string;
  text: string;
}

/** The organisation's response and its campaigns', serialized as the cache holds them (sync and threads alike). */
export function serializedResponses(orgId: string, organization: StatsResponseData, campaigns: Map<string, StatsResponseData>): SerializedResponse[] {
  const entry = (response: StatsResponseData) => serialize({ formatVersion: STATS_CACHE_FORMAT_VERSION, response });
  return [{ key: organizationKey(orgId), text: entry(organization) }, ...[...campaigns].map(([campaignId, response]) => ({ key: campaignKey(orgId, campaignId), text: entry(response) }))];
}

/** What `refresh` computes, without writing it: for the sync's worker threads (stats-refresh-threads.ts). */
export async function computeSyncResponses(stats: StatsService, orgId: string, campaignIds: string[]): Promise<SerializedResponse[]> {
  const options: StatsOptions = { range: { from: null, to: null }, source: 'AGGREGATES' };
  const [organization, campaigns] = await Promise.all([stats.orgStats(orgId, options), stats.forCampaigns(orgId, campaignIds, options)]);
  return serializedResponses(orgId, organization, campaigns);
}

export type LocalResponseCache = LRUCache<string, CachedResponse>;

export const makeLocalResponseCache = (): LocalResponseCache => new LRUCache<string, CachedResponse>({ max: LOCAL_ENTRIES, ttl: LOCAL_TTL_MS });

const cacheable = (options: StatsOptions) => options.source === 'AGGREGATES' && options.range.from === null && options.range.to === null;

export class StatsCacheService {
  private readonly inflight = new Map<string, Promise<StatsResponseData>>();

  constructor(
    private readonly cache: Cache,
    private readonly stats: StatsService,
    private readonly logger: Logger,
    private readonly gate: ExpensiveOperationGate = ExpensiveOperationGate.unlimited(),
    private readonly local: LocalResponseCache = makeLocalResponseCache(),
  ) {}

  /** Computations that bypass the cache wait for their organisation's turn (expensive-operations.ts). */
  private gated(orgId: string, options: StatsOptions, fresh: boolean, compute: () => Promise<StatsResponseData>): () => Promise<StatsResponseData> {
    return fresh || !cacheable(options) ? () => this.gate.run(orgId, compute) : compute;
  }

  campaignStats(orgId: string, campaignId: string, options: StatsOptions, fresh: boolean): Promise<StatsResponseData> {
    const compute = this.gated(orgId, options, fresh, () => this.stats.campaignStats(orgId, campaignId, options));
    return cacheable(options) ? this.cached(campaignKey(orgId, campaignId), compute, fresh) : compute();
  }

  /**
   * Whole-campaign responses of many campaigns: cached ones read, the misses computed in one
   * batch (a fixed number of statements) and written with the 20-minute TTL.
   */
  async campaignStatsMany(orgId: string, campaignIds: string[]): Promise<Map<string, StatsResponseData>> {
    const { found, missing } = await this.cachedCampaigns(orgId, campaignIds);
    if (missing.length > 0) {
      const computed = await this.stats.forCampaigns(orgId, missing, { range: { from: null, to: null }, source: 'AGGREGATES' });
      for (const [campaignId, response] of computed) {
        await this.store(campaignKey(orgId, campaignId), response, MISS_TTL_SECONDS);
        found.set(campaignId, response);
      }
    }
    return found;
  }

  /**
   * The parts of many campaigns' whole-campaign responses: cached responses where there are,
   * the misses' parts computed in one batch and not written (the whole response when every
   * part is asked for: campaignStatsMany).
   */
  async campaignStatsParts(orgId: string, campaignIds: string[], parts: ReadonlySet<StatsPart>): Promise<Map<string, PartialStatsResponse>> {
    if (isEveryPart(parts)) return this.campaignStatsMany(orgId, campaignIds);
    const { found, missing } = await this.cachedCampaigns(orgId, campaignIds);
    const answers = new Map<string, PartialStatsResponse>(found);
    if (missing.length > 0) {
      const computed = await this.stats.forCampaignsParts(orgId, missing, { range: { from: null, to: null }, source: 'AGGREGATES' }, parts);
      for (const [campaignId, response] of computed) answers.set(campaignId, response);
    }
    return answers;
  }

  /** The campaigns' cached whole responses (the shared cache's in one read), and the campaigns without one. */
  private async cachedCampaigns(orgId: string, campaignIds: string[]): Promise<{ found: Map<string, StatsResponseData>; missing: string[] }> {
    const found = new Map<string, StatsResponseData>();
    const elsewhere: string[] = [];
    for (const campaignId of campaignIds) {
      const hit = this.near(campaignKey(orgId, campaignId));
      if (hit) found.set(campaignId, hit);
      else elsewhere.push(campaignId);
    }
    const keys = elsewhere.map((campaignId) => campaignKey(orgId, campaignId));
    const texts = await this.cache.getMany(keys);
    const missing: string[] = [];
    elsewhere.forEach((campaignId, i) => {
      const hit = this.keptNear(keys[i], texts[i]);
      if (hit) found.set(campaignId, hit);
      else missing.push(campaignId);
    });
    return { found, missing };
  }

  /** A campaign's response with at least `parts`: the cached whole response when cacheable (as campaignStats), else those parts computed. */
  campaignStatsSelected(orgId: string, campaignId: string, options: StatsOptions, fresh: boolean, parts: ReadonlySet<StatsPart>): Promise<PartialStatsResponse> {
    if (cacheable(options) || isEveryPart(parts)) return this.campaignStats(orgId, campaignId, options, fresh);
    return this.gate.run(orgId, () => this.stats.campaignStatsParts(orgId, campaignId, options, parts));
  }

  /** The organisation's response with at least `parts` (see campaignStatsSelected). */
  orgStatsSelected(orgId: string, options: StatsOptions, fresh: boolean, parts: ReadonlySet<StatsPart>): Promise<PartialStatsResponse> {
    if (cacheable(options) || isEveryPart(parts)) return this.orgStats(orgId, options, fresh);
    return this.gate.run(orgId, () => this.stats.orgStatsParts(orgId, options, parts));
  }

  orgStats(orgId: string, options: StatsOptions, fresh: boolean): Promise<StatsResponseData> {
    const compute = this.gated(orgId, options, fresh, () => this.stats.orgStats(orgId, options));
    return cacheable(options) ? this.cached(organizationKey(orgId), compute, fresh) : compute();
  }

  private async cached(key: string, compute: () => Promise<StatsResponseData>, fresh: boolean): Promise<StatsResponseData> {
    if (!fresh) {
      const hit = this.near(key) ?? (await this.shared(key));
      if (hit) return hit;
    }
    const running = this.inflight.get(key);
    if (running) return running;
    const flight = this.computeOnce(key, compute, fresh).finally(() => this.inflight.delete(key));
    this.inflight.set(key, flight);
    return flight;
  }

  /** Another process holding the key's lock is computing it: wait for its result a moment. */
  private async computeOnce(key: string, compute: () => Promise<StatsResponseData>, fresh: boolean): Promise<StatsResponseData> {
    const release = await this.cache.tryLock(`${key}:lock`, LOCK_TTL_MS);
    if (!release && !fresh) {
      const deadline = Date.now() + LOCK_WAIT_MS;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const hit = await this.shared(key);
        if (hit) return hit;
      }
    }
    try {
      const response = await compute();
      await this.store(key, response, MISS_TTL_SECONDS);
      return response;
    } finally {
      await release?.();
    }
  }

  /**
   * Recomputes and rewrites (4 h TTL) the organisation's response and those of `campaignIds`
   * (default: every campaign) — the sync job and aggregation runs.
   */
  async refresh(orgId: string, campaignIds: string[]): Promise<number> {
    const options: StatsOptions = { range: { from: null, to: null }, source: 'AGGREGATES' };
    const [organization, campaigns] = await Promise.all([this.stats.orgStats(orgId, options), this.stats.forCampaigns(orgId, campaignIds, options)]);
    // All at once: one pipeline of writes to Redis rather than a round trip per response.
    await Promise.all([this.store(organizationKey(orgId), organization, SYNC_TTL_SECONDS), ...[...campaigns].map(([campaignId, response]) => this.store(campaignKey(orgId, campaignId), response, SYNC_TTL_SECONDS))]);
    this.logger.debug({ orgId, campaigns: campaigns.size }, 'reporting cache refreshed');
    return campaigns.size + 1;
  }

  /**
   * Writes responses computed elsewhere (the sync's worker threads) with the sync's 4 h TTL, all
   * at once. This process's copies of those keys are dropped rather than parsed: its next read
   * takes the new response from the shared cache.
   */
  async storeSerialized(responses: SerializedResponse[]): Promise<number> {
    for (const { key } of responses) this.local.delete(key);
    await Promise.all(responses.map(({ key, text }) => this.cache.set(key, text, SYNC_TTL_SECONDS)));
    return responses.length;
  }

  /** Clears the organisation's keys only (SCAN, never KEYS); returns how many were deleted. */
  reset(orgId: string): Promise<number> {
    const prefix = organizationKey(orgId);
    for (const key of [...this.local.keys()]) if (key.startsWith(prefix)) this.local.delete(key);
    return this.cache.deleteByPrefix(prefix);
  }

  /** The in-process copy, if of this format version. */
  private near(key: string): StatsResponseData | null {
    const entry = this.local.get(key);
    return entry?.formatVersion === STATS_CACHE_FORMAT_VERSION ? entry.response : null;
  }

  /** The shared cache's copy, if of this format version (then also kept in process). */
  private async shared(key: string): Promise<StatsResponseData | null> {
    return this.keptNear(key, await this.cache.get(key));
  }

  /** A shared cache's text as a response, if of this format version (then also kept in process). */
  private keptNear(key: string, text: string | null): StatsResponseData | null {
    const entry = text === null ? null : deserialize(text);
    if (entry === null) return null;
    this.local.set(key, entry);
    return entry.response;
  }

  private async store(key: string, response: StatsResponseData, ttlSeconds: number): Promise<void> {
    const entry = { formatVersion: STATS_CACHE_FORMAT_VERSION, response };
    this.local.set(key, entry);
    await this.cache.set(key, serialize(entry), ttlSeconds);
  }
}
