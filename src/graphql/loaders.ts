import DataLoader from 'dataloader';
import { requireOrganization, type Principal } from '../organizations/auth';
import type { StatsResponseData } from '../reporting/stats.service';
import type { Services } from '../services';

export interface CampaignStatsKey {
  campaignId: string;
  from: string | null;
  to: string | null;
}

export interface Loaders {
  /** `Campaign.stats` for every campaign of a response in one batch (4 statements per range at most). */
  campaignStats: DataLoader<CampaignStatsKey, StatsResponseData, string>;
}

/** Created per request, so batches never mix callers or outlive a response. */
export function makeLoaders(services: Services, principal: Principal): Loaders {
  return {
    campaignStats: new DataLoader<CampaignStatsKey, StatsResponseData, string>(
      async (keys) => {
        const orgId = requireOrganization(principal);
        const byRange = new Map<string, CampaignStatsKey[]>();
        for (const key of keys) {
          const range = `${key.from ?? ''}|${key.to ?? ''}`;
          const group = byRange.get(range);
          if (group) group.push(key);
          else byRange.set(range, [key]);
        }
        const results = new Map<string, StatsResponseData>();
        for (const group of byRange.values()) {
          const { from, to } = group[0];
          const ids = [...new Set(group.map((k) => k.campaignId))];
          // Whole-campaign responses come from the reporting cache; ranged ones are computed.
          const answers =
            from === null && to === null
              ? await services.statsCache.campaignStatsMany(orgId, ids)
              : await services.stats.forCampaigns(orgId, ids, { range: { from, to }, source: 'AGGREGATES' });
          for (const key of group) results.set(JSON.stringify(key), answers.get(key.campaignId)!);
        }
        return keys.map((key) => results.get(JSON.stringify(key))!);
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
  };
}
