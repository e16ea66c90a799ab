import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Campaign } from '../campaigns/campaign.types';
import type { GraphQLContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { requireOrganization } from '../organizations/auth';
import { selectedParts } from './stats-selection';
import { checkRange, type PartialStatsResponse } from './stats.service';
import { RollingStatsRowObject, StatsResponseObject, StatsSourceEnum } from './stats.types';

/** The stats queries' range and source arguments, defaults applied. */
function statsOptions(fromDate: string | null, toDate: string | null, source: StatsSourceEnum | null) {
  return { range: { from: fromDate ?? null, to: toDate ?? null }, source: source ?? StatsSourceEnum.AGGREGATES };
}

@Resolver(() => Campaign)
export class StatsResolver {
  @Query(() => StatsResponseObject, { description: "The organisation's stats over all its campaigns." })
  async orgStats(
    @Arg('fromDate', () => LocalDateScalar, { nullable: true, description: "First day included (the organisation's local date) in the stats block; null: no lower bound." }) fromDate: string | null,
    @Arg('toDate', () => LocalDateScalar, { nullable: true, description: "First day excluded (the organisation's local date) from the stats block; null: no upper bound." }) toDate: string | null,
    @Arg('source', () => StatsSourceEnum, { nullable: true, defaultValue: StatsSourceEnum.AGGREGATES, description: 'Where the numbers come from (default AGGREGATES); the formulas are the same.' }) source: StatsSourceEnum | null,
    @Arg('fresh', () => Boolean, { nullable: true, defaultValue: false, description: 'Skip the cache read, compute from the database and rewrite the cache (20 min).' }) fresh: boolean | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PartialStatsResponse> {
    return ctx.services.statsCache.orgStatsSelected(requireOrganization(ctx.principal), statsOptions(fromDate, toDate, source), fresh ?? false, selectedParts(info));
  }

  @Query(() => StatsResponseObject, { description: 'The stats of one of the caller\'s campaigns (NOT_FOUND for an unknown or another organisation\'s id).' })
  async campaignStats(
    @Arg('campaignId', () => ID, { description: "Id of one of the caller's campaigns." }) campaignId: string,
    @Arg('fromDate', () => LocalDateScalar, { nullable: true, description: "First day included (the organisation's local date) in the stats block; null: no lower bound." }) fromDate: string | null,
    @Arg('toDate', () => LocalDateScalar, { nullable: true, description: "First day excluded (the organisation's local date) from the stats block; null: no upper bound." }) toDate: string | null,
    @Arg('source', () => StatsSourceEnum, { nullable: true, defaultValue: StatsSourceEnum.AGGREGATES, description: 'Where the numbers come from (default AGGREGATES); the formulas are the same.' }) source: StatsSourceEnum | null,
    @Arg('fresh', () => Boolean, { nullable: true, defaultValue: false, description: 'Skip the cache read, compute from the database and rewrite the cache (20 min).' }) fresh: boolean | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PartialStatsResponse> {
    return ctx.services.statsCache.campaignStatsSelected(requireOrganization(ctx.principal), campaignId, statsOptions(fromDate, toDate, source), fresh ?? false, selectedParts(info));
  }

  @Query(() => [RollingStatsRowObject], { description: 'A rolling series with any window; campaignId null = the organisation.' })
  async rollingStats(
    @Arg('campaignId', () => ID, { nullable: true, description: "Id of one of the caller's campaigns; null: the whole organisation." }) campaignId: string | null,
    @Arg('windowDays', () => Int, { nullable: true, defaultValue: 30, description: 'Window length in days, 1 to 365 (default 30).' }) windowDays: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RollingStatsRowObject[]> {
    const orgId = requireOrganization(ctx.principal);
    return ctx.services.expensiveOperations.run(orgId, () => ctx.services.stats.rollingStats(orgId, campaignId ?? null, windowDays ?? 30));
  }

  @Mutation(() => Boolean, { description: "Clears the calling organisation's cached reporting responses (and only those)." })
  async resetReportingCache(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    await ctx.services.statsCache.reset(requireOrganization(ctx.principal));
    return true;
  }

  @FieldResolver(() => StatsResponseObject, { description: 'Batched over a list of campaigns: a fixed number of statements.' })
  async stats(
    @Root() campaign: Campaign,
    @Arg('fromDate', () => LocalDateScalar, { nullable: true, description: "First day included (the organisation's local date) in the stats block; null: no lower bound." }) fromDate: string | null,
    @Arg('toDate', () => LocalDateScalar, { nullable: true, description: "First day excluded (the organisation's local date) from the stats block; null: no upper bound." }) toDate: string | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PartialStatsResponse> {
    const range = { from: fromDate ?? null, to: toDate ?? null };
    checkRange(range);
    // Only the parts this query selects are computed (a campaign table reads no daily series).
    return ctx.loaders.campaignStats.load({ campaignId: campaign.id, ...range, parts: selectedParts(info) });
  }
}
