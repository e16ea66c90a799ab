import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { requireOrganization } from '../organizations/auth';
import type { FunnelEntryRow } from './funnel.repository';
import type { FunnelTypeValue } from './funnel.rules';
import {
  CertificatePurchaseInput,
  FunnelConversionReport,
  FunnelDuplicateGroup,
  FunnelEntry,
  FunnelEntryInput,
  FunnelEntryResult,
  FunnelType,
} from './funnel.types';

function toFunnelType(value: FunnelTypeValue): FunnelType {
  switch (value) {
    case 'language':
      return FunnelType.LANGUAGE;
    case 'non_language':
      return FunnelType.NON_LANGUAGE;
  }
}

function toFunnelEntry(row: FunnelEntryRow): FunnelEntry {
  return {
    id: row.id,
    email: row.email,
    funnelType: toFunnelType(row.funnel_type),
    testId: row.test_id,
    userId: row.user_id,
    source: row.source,
    enteredAt: row.entered_at,
    certificatePurchased: row.certificate_purchased,
    certificatePurchasedAt: row.certificate_purchased_at,
  };
}

@Resolver()
export class FunnelResolver {
  @Mutation(() => FunnelEntryResult, { description: 'Idempotent per (email, funnelType, testId): a repeat returns the stored entry with created: false.' })
  async enterFunnel(@Arg('input', () => FunnelEntryInput, { description: 'The e-mail, funnel type and test to enter.' }) input: FunnelEntryInput, @Ctx() ctx: GraphQLContext): Promise<FunnelEntryResult> {
    const { entry, created } = await ctx.services.funnels.enter(requireOrganization(ctx.principal), {
      email: input.email,
      funnelType: input.funnelType,
      testId: input.testId,
      userId: input.userId ?? null,
      source: input.source ?? null,
      enteredAt: input.enteredAt ?? null,
    });
    return { entry: toFunnelEntry(entry), created };
  }

  @Mutation(() => [FunnelEntry], { description: 'Marks the matching entries purchased and returns them; a repeat keeps the first purchase time. No match: [].' })
  async recordCertificatePurchase(@Arg('input', () => CertificatePurchaseInput, { description: 'Which entries to mark, and when the purchase happened.' }) input: CertificatePurchaseInput, @Ctx() ctx: GraphQLContext): Promise<FunnelEntry[]> {
    const rows = await ctx.services.funnels.recordPurchase(requireOrganization(ctx.principal), {
      email: input.email,
      testId: input.testId,
      funnelType: input.funnelType ?? null,
      purchasedAt: input.purchasedAt ?? null,
    });
    return rows.map(toFunnelEntry);
  }

  @Query(() => FunnelConversionReport, { description: "Entries by local date in the organisation's timezone: fromDate inclusive, toDate exclusive; only fromDate: up to now." })
  async funnelConversionReport(
    @Arg('fromDate', () => LocalDateScalar, { nullable: true, description: "First entry date included, the organisation's local date; null: no lower bound." }) fromDate: string | null,
    @Arg('toDate', () => LocalDateScalar, { nullable: true, description: "First entry date excluded, the organisation's local date; null: no upper bound." }) toDate: string | null,
    @Arg('bySource', () => Boolean, { nullable: true, defaultValue: false, description: 'true: one row per (funnel type, source); false: one row per funnel type (default).' }) bySource: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FunnelConversionReport> {
    const report = await ctx.services.funnels.conversionReport(requireOrganization(ctx.principal), {
      range: { from: fromDate ?? null, to: toDate ?? null },
      bySource: bySource ?? false,
    });
    return { ...report, rows: report.rows.map((row) => ({ ...row, funnelType: toFunnelType(row.funnelType) })) };
  }

  @Query(() => [FunnelDuplicateGroup], { description: 'Read-only diagnostic: groups of entries sharing (email, funnelType, testId), also across case and whitespace variants.' })
  async funnelDuplicates(@Ctx() ctx: GraphQLContext): Promise<FunnelDuplicateGroup[]> {
    const groups = await ctx.services.funnels.duplicates(requireOrganization(ctx.principal));
    return groups.map((g) => ({ ...g, funnelType: toFunnelType(g.funnelType) }));
  }
}
