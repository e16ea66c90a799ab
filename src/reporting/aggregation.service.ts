import type { DataSource } from 'typeorm';
import { addDays } from '../dates';
import { dbOf, dbOfRunner, withAdvisoryLock, withRunnerTransaction, withTransaction, type Db } from '../db/db';
import { notFound } from '../errors';
import { AggregationRepository, type BucketDifference, type TotalsDifference } from './aggregation.repository';
import type { OrganizationClock } from './organization-clock';

export interface OrganizationAggregationResult {
  orgId: string;
  /** `unchanged`: checked, nothing to do (no pending change, window as stored). */
  mode: 'incremental' | 'full' | 'unchanged';
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

/** What `verify` found for one organisation. */
export interface VerifyResult {
  /** Logged changes not yet aggregated (the next run applies them), and their campaigns. */
  pendingChanges: number;
  pendingCampaignIds: string[];
  /** Never aggregated: the next run rebuilds it from raw, so its buckets are not compared. */
  pendingRebuild: boolean;
  /** Buckets that differ from raw even after the pending changes are accounted for: drift. */
  differences: BucketDifference[];
  /** Rows of the totals kept with the buckets that differ from the buckets' sums: drift. */
  totalsDifferences: TotalsDifference[];
}

/** Everything `verify` counts as drift: buckets that differ from raw and totals that differ from the buckets. */
export const driftCount = (result: VerifyResult): number => result.differences.length + result.totalsDifferences.length;

/** Organisations claimed and checked at a time (one window-check statement per batch). */
const CLAIM_BATCH = 200;
/**
 * Organisations with logged changes are claimed first, this many at a time: they are
 * aggregated while the pages their changes touched are still in shared buffers, before the
 * window check of every other organisation cycles them out, and a change is applied at the
 * start of a long run rather than at its end; in small batches, so that two workers share them.
 */
const PENDING_CLAIM_BATCH = 10;

/**
 * `process_order_aggregations` (spec §7, docs/aggregation.md). A run claims the
 * reporting-enabled organisations in batches (several workers share a run: claims skip what
 * another holds or has checked since this run started), checks each batch in one read-only
 * statement (pending changes, never rebuilt, or a sliding window that differs from raw), and
 * aggregates only the organisations that need it, each on its own: a per-organisation
 * advisory lock, then one repeatable-read transaction applying the consumed change log as
 * exact deltas and recomputing the sliding window from raw. An organisation never rebuilt
 * (new, or after an upgrade) is rebuilt.
 */
export class AggregationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly slidingWindowDays: number,
    private readonly claimBatch = CLAIM_BATCH,
  ) {}

  /**
   * One tick over every reporting-enabled organisation, each on its own (a failed one is
   * reported in `failures`), or just `orgId` (its failure is thrown; always aggregated).
   * `full` rebuilds every organisation. `onProgress` hears the number of organisations done
   * (0 first) out of the total.
   */
  async run(options: { orgId?: string; full?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<AggregationRunResult> {
    const full = options.full ?? false;
    if (options.orgId) return { organizations: [await this.aggregateOrganization(options.orgId, full)], failures: [] };
    if (!full) return this.claimedRun(options.onProgress);
    const orgIds = await this.enabledOrganizationIds();
    const result: AggregationRunResult = { organizations: [], failures: [] };
    options.onProgress?.(0, orgIds.length);
    for (const orgId of orgIds) {
      await this.aggregateInto(result, orgId, true);
      options.onProgress?.(result.organizations.length + result.failures.length, orgIds.length);
    }
    return result;
  }

  /**
   * The organisations this worker claims, batch by batch, until none is left unchecked since
   * the run started. The claims stay locked while the batch is worked on and are then marked
   * checked at their claim time, failed organisations included (the next run retries them).
   */
  private async claimedRun(onProgress?: (done: number, total: number) => void): Promise<AggregationRunResult> {
    const runStart = await new AggregationRepository(dbOf(this.dataSource)).registerClaims();
    const total = (await this.enabledOrganizationIds()).length;
    const result: AggregationRunResult = { organizations: [], failures: [] };
    onProgress?.(0, total);
    for (;;) {
      // Not withTransaction: its retry would run the batch's organisations (and report them) twice.
      const claimed = await withRunnerTransaction(this.dataSource, async (runner) => {
        const claims = new AggregationRepository(dbOfRunner(runner));
        const pending = await claims.claimOrganizations(runStart, Math.min(this.claimBatch, PENDING_CLAIM_BATCH), true);
        const { orgIds, at } = pending.orgIds.length > 0 ? pending : await claims.claimOrganizations(runStart, this.claimBatch);
        if (orgIds.length === 0) return 0;
        const needed = new Set(await this.organizationsNeedingWork(orgIds));
        for (const orgId of orgIds) {
          if (needed.has(orgId)) await this.aggregateInto(result, orgId, false);
          else result.organizations.push({ orgId, mode: 'unchanged', changesConsumed: 0, changedCampaignIds: [] });
          onProgress?.(result.organizations.length + result.failures.length, total);
        }
        await claims.markChecked(orgIds, at);
        return orgIds.length;
      });
      if (claimed === 0) {
        await new AggregationRepository(dbOf(this.dataSource)).finishRound(runStart);
        return result;
      }
    }
  }

  /** The batch's organisations to aggregate; all of them if the check itself fails (each then runs on its own). */
  private async organizationsNeedingWork(orgIds: string[]): Promise<string[]> {
    try {
      return await withTransaction(this.dataSource, (db) => new AggregationRepository(db).organizationsNeedingWork(orgIds, this.slidingWindowDays), {
        readOnly: true,
      });
    } catch {
      return orgIds;
    }
  }

  private async aggregateInto(result: AggregationRunResult, orgId: string, full: boolean): Promise<void> {
    try {
      result.organizations.push(await this.aggregateOrganization(orgId, full));
    } catch (error) {
      // One organisation's failure must not starve the others: each is its own transaction.
      result.failures.push({ orgId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * Runs `work` on one organisation after its run lock, in one repeatable-read snapshot, with
   * its clock (NOT_FOUND for an unknown organisation): aggregation and verify alike.
   */
  private inOrganizationSnapshot<T>(orgId: string, work: (repository: AggregationRepository, clock: OrganizationClock, db: Db) => Promise<T>): Promise<T> {
    return withAdvisoryLock(this.dataSource, `aggregation:${orgId}`, () =>
      withTransaction(
        this.dataSource,
        async (db) => {
          const repository = new AggregationRepository(db);
          const clock = await repository.organizationClock(orgId);
          if (!clock) throw notFound('Organization', orgId, 'org');
          return work(repository, clock, db);
        },
        { isolation: 'REPEATABLE READ' },
      ),
    );
  }

  aggregateOrganization(orgId: string, full: boolean): Promise<OrganizationAggregationResult> {
    return this.inOrganizationSnapshot(orgId, async (repository, clock) => {
      if (full || !(await repository.hasBeenRebuilt(orgId))) {
        const changesConsumed = await repository.discardChanges(orgId);
        await repository.prepareRebuild();
        await repository.disableJit();
        await repository.useTimeZone(clock.timezone);
        let changedCampaignIds: string[];
        if (await repository.hasBuckets(orgId)) {
          changedCampaignIds = await repository.writeAllBuckets(orgId);
        } else {
          changedCampaignIds = await repository.insertAllBuckets(orgId);
        }
        await repository.markRebuilt(orgId);
        return { orgId, mode: 'full', changesConsumed, changedCampaignIds: changedCampaignIds.sort() };
      }
      const ticked = await this.tick(repository, orgId, clock);
      if (ticked.changedCampaignIds.length > 0) await repository.bumpBucketsVersion(orgId);
      return { orgId, mode: 'incremental', ...ticked };
    });
  }

  /** An incremental tick of one organisation, in the caller's repeatable-read transaction. */
  private async tick(repository: AggregationRepository, orgId: string, clock: OrganizationClock): Promise<{ changesConsumed: number; changedCampaignIds: string[] }> {
    const windowStart = addDays(clock.today, 1 - this.slidingWindowDays);
    await repository.prepareTick();
    await repository.useTimeZone(clock.timezone);
    await repository.computeDeltas(orgId, windowStart, clock.today);
    const changesConsumed = await repository.consumeChanges(orgId);
    const deltaCampaigns = await repository.applyDeltas(orgId);
    await repository.collectWindowDays(orgId, windowStart, clock.today);
    await repository.computeWindowBuckets(orgId);
    const windowCampaigns = await repository.changedWindowCampaigns();
    await repository.upsertWindowBuckets(orgId);
    await repository.deleteStaleWindowBuckets(orgId);
    return { changesConsumed, changedCampaignIds: [...new Set([...deltaCampaigns, ...windowCampaigns])].sort() };
  }

  /**
   * Compares the stored buckets with the reference recomputation from raw, in one
   * repeatable-read snapshot, after the organisation's run lock. Pending changes are accounted
   * for by running the next tick inside a savepoint rolled back before the transaction ends
   * (nothing is written): a bucket that differs only because of them is pending, not drift.
   * The totals kept with the buckets are compared with the stored buckets' sums (always equal,
   * pending changes or not: the trigger keeps them in the buckets' own transactions).
   */
  async verify(orgId: string): Promise<VerifyResult> {
    return this.inOrganizationSnapshot(orgId, async (repository, clock, db) => {
      const pending = await repository.pendingChanges(orgId);
      const result = { pendingChanges: pending.changes, pendingCampaignIds: pending.campaign_ids };
      const totalsDifferences = await repository.totalsDifferences(orgId);
      if (!(await repository.hasBeenRebuilt(orgId))) return { ...result, pendingRebuild: true, differences: [], totalsDifferences };
      if (!(await repository.hasPendingWork(orgId))) {
        return { ...result, pendingRebuild: false, differences: await repository.differencesFromRaw(orgId, clock.timezone), totalsDifferences };
      }
      await db.exec('SAVEPOINT verify_pending');
      await this.tick(repository, orgId, clock);
      const differences = await repository.differencesFromRaw(orgId, clock.timezone);
      await db.exec('ROLLBACK TO SAVEPOINT verify_pending');
      return { ...result, pendingRebuild: false, differences, totalsDifferences };
    });
  }

  async enabledOrganizationIds(): Promise<string[]> {
    return (await new AggregationRepository(dbOf(this.dataSource)).enabledOrganizationIds()).map((o) => o.id);
  }
}
