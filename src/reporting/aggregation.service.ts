import type { DataSource } from 'typeorm';
import { addDays } from '../dates';
import { dbOf, withAdvisoryLock, withTransaction } from '../db/db';
import { notFound } from '../errors';
import { AggregationRepository, type BucketDifference } from './aggregation.repository';

export interface OrganizationAggregationResult {
  orgId: string;
  mode: 'incremental' | 'full';
  changesConsumed: number;
  /** Campaigns whose buckets changed: their cached stats are stale. */
  changedCampaignIds: string[];
}

export interface AggregationRunResult {
  organizations: OrganizationAggregationResult[];
  /** Organisations whose run failed and rolled back (the next run retries them); the others still ran. */
  failures: Array<{ orgId: string; error: string }>;
}

/** What a run did, summed over its organisations. */
export function runTotals(organizations: OrganizationAggregationResult[]): { changes: number; changedCampaigns: number; rebuilt: number } {
  return {
    changes: organizations.reduce((sum, o) => sum + o.changesConsumed, 0),
    changedCampaigns: organizations.reduce((sum, o) => sum + o.changedCampaignIds.length, 0),
    rebuilt: organizations.filter((o) => o.mode === 'full').length,
  };
}

/**
 * `process_order_aggregations` (spec §7, docs/aggregation.md). Per organisation, one
 * repeatable-read transaction, taken after a per-organisation advisory lock so it sees every
 * earlier run: the consumed change log is applied as exact deltas and the sliding window is
 * recomputed from raw. An organisation never rebuilt (new, or after an upgrade) is rebuilt.
 */
export class AggregationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly slidingWindowDays: number,
  ) {}

  /**
   * One tick over every reporting-enabled organisation, each on its own (a failed one is
   * reported in `failures`), or just `orgId` (its failure is thrown). `onProgress` hears the
   * number of organisations done (0 first) out of the total.
   */
  async run(options: { orgId?: string; full?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<AggregationRunResult> {
    const full = options.full ?? false;
    const orgIds = options.orgId ? [options.orgId] : await this.enabledOrganizationIds();
    const organizations: OrganizationAggregationResult[] = [];
    const failures: AggregationRunResult['failures'] = [];
    options.onProgress?.(0, orgIds.length);
    for (const orgId of orgIds) {
      try {
        organizations.push(await this.aggregateOrganization(orgId, full));
      } catch (error) {
        if (options.orgId) throw error;
        // One organisation's failure must not starve the others: each is its own transaction.
        failures.push({ orgId, error: error instanceof Error ? error.message : String(error) });
      }
      options.onProgress?.(organizations.length + failures.length, orgIds.length);
    }
    return { organizations, failures };
  }

  aggregateOrganization(orgId: string, full: boolean): Promise<OrganizationAggregationResult> {
    return withAdvisoryLock(this.dataSource, `aggregation:${orgId}`, () =>
      withTransaction(
        this.dataSource,
        async (db) => {
          const repository = new AggregationRepository(db);
          const clock = await repository.organizationClock(orgId);
          if (!clock) throw notFound('Organization', orgId, 'org');
          if (full || !(await repository.hasBeenRebuilt(orgId))) {
            const changesConsumed = await repository.discardChanges(orgId);
            await repository.prepareRebuild();
            await repository.disableJit();
            await repository.useTimeZone(clock.timezone);
            let changedCampaignIds: string[];
            if (await repository.hasBuckets(orgId)) {
              await repository.computeAllBuckets(orgId);
              await repository.avoidNestedLoops();
              changedCampaignIds = await repository.writeAllBuckets(orgId);
            } else {
              changedCampaignIds = await repository.insertAllBuckets(orgId);
            }
            await repository.markRebuilt(orgId);
            return { orgId, mode: 'full', changesConsumed, changedCampaignIds: changedCampaignIds.sort() };
          }
          const windowStart = addDays(clock.today, 1 - this.slidingWindowDays);
          await repository.prepareTick();
          await repository.useTimeZone(clock.timezone);
          await repository.computeDeltas(orgId, windowStart, clock.today);
          const changesConsumed = await repository.consumeChanges(orgId);
          const deltaCampaigns = await repository.applyDeltas(orgId);
          await repository.collectWindowDays(orgId, windowStart, clock.today);
          await repository.computeWindowBuckets(orgId, clock.timezone);
          const windowCampaigns = await repository.changedWindowCampaigns(orgId);
          await repository.upsertWindowBuckets(orgId);
          await repository.deleteStaleWindowBuckets(orgId);
          return { orgId, mode: 'incremental', changesConsumed, changedCampaignIds: [...new Set([...deltaCampaigns, ...windowCampaigns])].sort() };
        },
        { isolation: 'REPEATABLE READ' },
      ),
    );
  }

  /** Buckets that differ from the reference recomputation, in a read-only snapshot. */
  async verify(orgId: string): Promise<BucketDifference[]> {
    return withTransaction(
      this.dataSource,
      async (db) => {
        const repository = new AggregationRepository(db);
        const clock = await repository.organizationClock(orgId);
        if (!clock) throw notFound('Organization', orgId, 'org');
        return repository.differencesFromRaw(orgId, clock.timezone);
      },
      { readOnly: true, isolation: 'REPEATABLE READ' },
    );
  }

  async enabledOrganizationIds(): Promise<string[]> {
    return (await new AggregationRepository(dbOf(this.dataSource)).enabledOrganizationIds()).map((o) => o.id);
  }
}
