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
  @Query(() => [Campaign])
  async campaigns(@Ctx() ctx: GraphQLContext): Promise<Campaign[]> {
    return (await ctx.services.campaigns.list(requireOrganization(ctx.principal))).map(toCampaign);
  }

  @Query(() => Campaign, { nullable: true, description: 'Null for an unknown id or another organisation\'s.' })
  async campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Campaign | null> {
    const row = await ctx.services.campaigns.find(requireOrganization(ctx.principal), id);
    return row ? toCampaign(row) : null;
  }

  @Query(() => RecipientPage, { description: 'Who to mail (isHoldout: false) after holdout assignment, by externalId.' })
  async recipients(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('isHoldout', () => Boolean, { nullable: true }) isHoldout: boolean | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
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
  async upsertCampaign(@Arg('input', () => CampaignInput) input: CampaignInput, @Ctx() ctx: GraphQLContext): Promise<Campaign> {
    const row = await ctx.services.campaigns.upsert(requireOrganization(ctx.principal), { externalId: input.externalId, name: input.name, holdoutEnabled: input.holdoutEnabled ?? false, holdoutPercent: input.holdoutPercent ?? null });
    return toCampaign(row);
  }
}
