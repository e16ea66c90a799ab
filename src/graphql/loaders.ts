import DataLoader from 'dataloader';
import { requireOrganization, type Principal } from '../organizations/auth';
import type { PartialStatsResponse, StatsPart } from '../reporting/stats.service';
import type { Services } from '../services';

export interface CampaignStatsKey {
  campaignId: string;
  from: string | null;
  to: string | null;
  /** The parts of the response the query selects (selectedParts). */
  parts: ReadonlySet<StatsPart>;
}

export interface Loaders {
  /** `Campaign.stats` for every campaign of a response in one batch (5 statements per range at most), the parts any of them selects. */
  campaignStats: DataLoader<CampaignStatsKey, PartialStatsResponse, string>;
}

/** The parts' share of a key, per parts set (one per field selection: see selectedParts). */
const partsKeys = new WeakMap<ReadonlySet<StatsPart>, string>();
function partsKey(parts: ReadonlySet<StatsPart>): string {
  let key = partsKeys.get(parts);
  if (key === undefined) {
    key = [...parts].sort().join(',');
    partsKeys.set(parts, key);
  }
  return key;
}

/** Ids are UUIDs and days YYYY-MM-DD: '|' separates them unambiguously. */
const loaderKey = (key: CampaignStatsKey) => `${key.campaignId}|${key.from ?? ''}|${key.to ?? ''}|${partsKey(key.parts)}`;

/** Created per request, so batches never mix callers or outlive a response. */
export function makeLoaders(services: Services, principal: Principal): Loaders {
  return {
    campaignStats: new DataLoader<CampaignStatsKey, PartialStatsResponse, string>(
      async (keys) => {
        const orgId = requireOrganization(principal);
        const byRange = new Map<string, CampaignStatsKey[]>();
        for (const key of keys) {
          const range = `${key.from ?? ''}|${key.to ?? ''}`;
          const group = byRange.get(range);
          if (group) group.push(key);
          else byRange.set(range, [key]);
        }
        const results = new Map<string, PartialStatsResponse>();
        for (const group of byRange.values()) {
          const { from, to } = group[0];
          const ids = [...new Set(group.map((k) => k.campaignId))];
          const parts = new Set(group.flatMap((k) => [...k.parts]));
          // Whole-campaign responses come from the reporting cache; ranged ones are computed.
          const answers =
            from === null && to === null
              ? await services.statsCache.campaignStatsParts(orgId, ids, parts)
              : await services.stats.forCampaignsParts(orgId, ids, { range: { from, to }, source: 'AGGREGATES' }, parts);
          for (const key of group) results.set(loaderKey(key), answers.get(key.campaignId)!);
        }
        return keys.map((key) => results.get(loaderKey(key))!);
      },
      { cacheKeyFn: loaderKey },
    ),
  };
}
