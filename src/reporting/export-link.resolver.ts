import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { requireOrganization } from '../organizations/auth';
import { ExportKind, ExportLink } from './export-link.types';

@Resolver()
export class ExportLinkResolver {
  @Mutation(() => ExportLink, {
    description:
      "Signs a short-lived link to one CSV export of one of the caller's campaigns (NOT_FOUND for another organisation's). The link needs no Authorization header; the Bearer export routes stay.",
  })
  async createExportLink(
    @Arg('campaignId', () => ID, { description: 'The campaign to export.' }) campaignId: string,
    @Arg('kind', () => ExportKind, { description: 'Which export: ORDERS or RECIPIENTS.' }) kind: ExportKind,
    @Arg('holdout', () => Boolean, { nullable: true, description: 'RECIPIENTS only: true for the holdout side, false for the mailed side, null or omitted for both.' })
    holdout: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ExportLink> {
    return ctx.services.exportLinks.create(requireOrganization(ctx.principal), campaignId, kind, holdout ?? null);
  }
}
