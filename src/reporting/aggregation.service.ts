import type { DataSource } from 'typeorm';
import { dbOf, withTransaction } from '../db/db';
import { notFound } from '../errors';
import { AggregationRepository, type BucketDifference } from './aggregation.repository';

export interface OrganizationAggregationResult {
  orgId: string;
  changesConsumed: number;
  bucketsRecomputed: number;
  bucketsDeleted: number;
  /** Campaigns whose buckets changed: their cached stats are stale. */
  changedCampaignIds: string[];
}

export interface AggregationRunResult {
  organizations: OrganizationAggregationResult[];
}

/**
 * `process_order_aggregations` (spec §7, docs/aggregation.md): per organisation, one
 * transaction under an advisory lock recomputes every bucket whose inputs changed plus the
 * trailing sliding window, with set-based SQL.
 */
export class AggregationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly slidingWindowDays: number,
  ) {}

  /** One tick over every reporting-enabled organisation (or just `orgId`). */
  async run(options: { orgId?: string; full?: boolean; onOrganizationDone?: (result: OrganizationAggregationResult) => void } = {}): Promise<AggregationRunResult> {
    const orgIds = options.orgId ? [options.orgId] : (await new AggregationRepository(dbOf(this.dataSource)).enabledOrganizationIds()).map((o) => o.id);
    const organizations: OrganizationAggregationResult[] = [];
    for (const orgId of orgIds) {
      const result = await this.aggregateOrganization(orgId, options.full ?? false);
      organizations.push(result);
      options.onOrganizationDone?.(result);
    }
    return { organizations };
  }

  async aggregateOrganization(orgId: string, full: boolean): Promise<OrganizationAggregationResult> {
    return withTransaction(this.dataSource, async (db) => {
      const repository = new AggregationRepository(db);
      await repository.lockOrganization(orgId);
      const clock = await repository.organizationClock(orgId);
      if (!clock) throw notFound('Organization', orgId, 'org');
      const changesConsumed = await repository.consumeChanges(orgId);
      if (full) {
        await repository.collectAllDays(orgId, clock.timezone);
        await repository.computeAllBuckets(orgId, clock.timezone);
      } else {
        await repository.collectTouchedDays(orgId, clock.timezone, clock.today, this.slidingWindowDays);
        await repository.computeTouchedBuckets(orgId, clock.timezone);
      }
      const changedCampaignIds = await repository.changedCampaigns(orgId);
      const bucketsRecomputed = await repository.upsertTouchedBuckets(orgId);
      const bucketsDeleted = await repository.deleteStaleBuckets(orgId);
      return { orgId, changesConsumed, bucketsRecomputed, bucketsDeleted, changedCampaignIds };
    });
  }

  /** Buckets that differ from a from-scratch recomputation, computed in a read-only transaction. */
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
