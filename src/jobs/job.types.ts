import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ScheduledJob {
  @Field() name: string;
  @Field(() => String, { nullable: true }) interval: string | null;
  @Field(() => Date, { nullable: true }) nextRunAt: Date | null;
  @Field(() => Date, { nullable: true }) lastRunAt: Date | null;
  @Field(() => Date, { nullable: true }) lastFinishedAt: Date | null;
  @Field(() => Int) failCount: number;
  @Field(() => String, { nullable: true }) failReason: string | null;
  @Field(() => Date, { nullable: true }) lockedAt: Date | null;
}
