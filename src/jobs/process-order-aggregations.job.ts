import { runTotals, type AggregationService } from '../reporting/aggregation.service';
import type { StatsCacheService } from '../reporting/stats-cache.service';
import type { JobDefinition } from './job-definition';

/** Each run also refreshes the cached responses of the campaigns it changed and of their organisation. */
export function processOrderAggregationsJob(aggregation: AggregationService, statsCache: StatsCacheService): JobDefinition {
  return {
    name: 'process-order-aggregations',
    description: 'Folds changed attributions (and the trailing window) into the daily buckets',
    interval: '15 minutes',
    async run() {
      const { organizations, failures } = await aggregation.run();
      for (const o of organizations) if (o.changedCampaignIds.length > 0) await statsCache.refresh(o.orgId, o.changedCampaignIds);
      const { changes, changedCampaigns, rebuilt } = runTotals(organizations);
      const summary = `${organizations.length} organisation(s) (${rebuilt} rebuilt), ${changes} change(s) applied, ${changedCampaigns} campaign(s) changed`;
      // The others ran and their caches are fresh; the run still fails, so it is logged and counted.
      if (failures.length > 0) {
        throw new Error(`${summary}; failed for ${failures.length} organisation(s): ${failures.map((f) => `${f.orgId}: ${f.error}`).join('; ')}`);
      }
      return summary;
    },
  };
}
