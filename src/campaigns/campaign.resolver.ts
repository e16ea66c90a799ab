import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { requireOrganization } from '../organizations/auth';
import type { CampaignRow } from './campaign.repository';
import { Campaign, CampaignInput, RecipientPage } from './campaign.types';

export function toCampaign(row: CampaignRow): Campaign {
  return { id: row.id, externalId: row.external_id, name: row.name, holdoutEnabled: row.holdout_enabled, holdoutPercent: row.holdout_percent };
}

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => [Campaign], { description: "Every campaign of the caller's organisation." })
  async campaigns(@Ctx() ctx: GraphQLContext): Promise<Campaign[]> {
    return (await ctx.services.campaigns.list(requireOrganization(ctx.principal))).map(toCampaign);
  }

  @Query(() => Campaign, { nullable: true, description: 'Null for an unknown id or another organisation\'s.' })
  async campaign(@Arg('id', () => ID, { description: 'Campaign id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Campaign | null> {
    const row = await ctx.services.campaigns.find(requireOrganization(ctx.principal), id);
    return row ? toCampaign(row) : null;
  }

  @Query(() => RecipientPage, { description: 'Who to mail (isHoldout: false) after holdout assignment, by externalId.' })
  async recipients(
    @Arg('campaignId', () => ID, { description: "Id of one of the caller's campaigns." }) campaignId: string,
    @Arg('isHoldout', () => Boolean, { nullable: true, description: 'true: only holdout recipients; false: only treatment recipients; null: all.' }) isHoldout: boolean | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100, description: 'Page size, 1 to 1000 (default 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page; null for the first page.' }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RecipientPage> {
    const page = await ctx.services.campaigns.recipients(requireOrganization(ctx.principal), campaignId, { isHoldout: isHoldout ?? null, first: first ?? 100, after: after ?? null });
    return {
      nodes: page.nodes.map((r) => ({ id: r.id, externalId: r.external_id, isHoldout: r.is_holdout, sendDate: r.send_date, cost: Number(r.cost) })),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
    };
  }

  @Mutation(() => Campaign, { description: 'Creates or updates the campaign with this externalId.' })
  async upsertCampaign(@Arg('input', () => CampaignInput, { description: 'The campaign; externalId decides whether it is created or updated.' }) input: CampaignInput, @Ctx() ctx: GraphQLContext): Promise<Campaign> {
    const row = await ctx.services.campaigns.upsert(requireOrganization(ctx.principal), { externalId: input.externalId, name: input.name, holdoutEnabled: input.holdoutEnabled ?? false, holdoutPercent: input.holdoutPercent ?? null });
    return toCampaign(row);
  }
}
