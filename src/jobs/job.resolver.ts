import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { requireAdmin } from '../organizations/auth';
import { ScheduledJob } from './job.types';

@Resolver()
export class JobResolver {
  @Query(() => [ScheduledJob], { description: 'Admin key only. Every defined job, also with the scheduler off.' })
  async scheduledJobs(@Ctx() ctx: GraphQLContext): Promise<ScheduledJob[]> {
    requireAdmin(ctx.principal);
    return ctx.services.jobs.list();
  }

  @Mutation(() => Boolean, { description: 'Admin key only. Runs the job now; true once it completed, an error if it failed.' })
  async runJob(@Arg('name', { description: 'The job name: process-order-aggregations, process-reporting-sync, process-brevo-outbox or prune-api-keys.' }) name: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    requireAdmin(ctx.principal);
    await ctx.services.jobs.runNow(name);
    return true;
  }
}
