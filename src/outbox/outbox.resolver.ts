import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { requireOrganization } from '../organizations/auth';
import type { OutboxRow } from './outbox.repository';
import { OutboxJob, OutboxStatus, OutboxSummary } from './outbox.types';

function toOutboxJob(row: OutboxRow): OutboxJob {
  return {
    id: row.id,
    funnelEntryId: row.funnel_entry_id,
    operation: row.operation,
    status: row.status as OutboxStatus,
    retryCount: row.retry_count,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    payload: row.payload,
    createdAt: row.created_at,
    processedAt: row.processed_at,
  };
}

@Resolver()
export class OutboxResolver {
  @Query(() => [OutboxJob], { description: "The caller's Brevo outbox jobs, newest first; first ≤ 500." })
  async brevoOutbox(
    @Arg('status', () => OutboxStatus, { nullable: true, description: 'Only jobs in this state; null: every state.' }) status: OutboxStatus | null,
    @Arg('funnelEntryId', () => ID, { nullable: true, description: 'Only the jobs of this funnel entry; null: every entry.' }) funnelEntryId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: 'How many jobs, 1 to 500 (default 50).' }) first: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OutboxJob[]> {
    const rows = await ctx.services.outbox.list(requireOrganization(ctx.principal), {
      status: status ?? null,
      funnelEntryId: funnelEntryId ?? null,
      first: first ?? 50,
    });
    return rows.map(toOutboxJob);
  }

  @Query(() => OutboxSummary, { description: "Counts of the caller's outbox by state, and the oldest pending job's age." })
  async brevoOutboxSummary(@Ctx() ctx: GraphQLContext): Promise<OutboxSummary> {
    const s = await ctx.services.outbox.summary(requireOrganization(ctx.principal));
    return { pending: s.pending, due: s.due, success: s.success, failed: s.failed, oldestPendingAgeSeconds: s.oldest_pending_age_seconds };
  }

  @Mutation(() => OutboxJob, { description: 'Makes a job pending and due now (a failed job is retried); retryCount is kept.' })
  async retryOutboxJob(@Arg('id', () => ID, { description: "Id of one of the caller's outbox jobs." }) id: string, @Ctx() ctx: GraphQLContext): Promise<OutboxJob> {
    return toOutboxJob(await ctx.services.outbox.retry(requireOrganization(ctx.principal), id));
  }
}
