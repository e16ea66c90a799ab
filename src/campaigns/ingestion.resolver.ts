import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { requireOrganization } from '../organizations/auth';
import { AttributionInput, ImportResult, RecipientInput } from './campaign.types';

@Resolver()
export class IngestionResolver {
  @Mutation(() => ImportResult, { description: 'Up to 10,000 recipients, all or nothing; upserts by externalId.' })
  async importRecipients(
    @Arg('campaignId', () => ID, { description: "Id of one of the caller's campaigns." }) campaignId: string,
    @Arg('recipients', () => [RecipientInput], { description: 'At most 10,000 recipients, each externalId once.' }) recipients: RecipientInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImportResult> {
    return ctx.services.ingestion.importRecipients(requireOrganization(ctx.principal), campaignId, recipients);
  }

  @Mutation(() => ImportResult, { description: 'Up to 10,000 orders, all or nothing; upserts by (campaign, orderId).' })
  async recordAttributions(@Arg('attributions', () => [AttributionInput], { description: 'At most 10,000 orders, possibly of several campaigns; each (campaignId, orderId) once.' }) attributions: AttributionInput[], @Ctx() ctx: GraphQLContext): Promise<ImportResult> {
    return ctx.services.ingestion.recordAttributions(requireOrganization(ctx.principal), attributions);
  }

  @Mutation(() => ImportResult, { description: 'Withdraws orders (kept as tombstones); an already withdrawn order is unchanged.' })
  async withdrawAttributions(
    @Arg('campaignId', () => ID, { description: "Id of one of the caller's campaigns." }) campaignId: string,
    @Arg('orderIds', () => [String], { description: 'Order ids recorded in the campaign (an unknown one is rejected), each once; at most 10,000.' }) orderIds: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImportResult> {
    return ctx.services.ingestion.withdrawAttributions(requireOrganization(ctx.principal), campaignId, orderIds);
  }
}
