import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A background job and the state of its recurring schedule (Agenda's record); runJob runs are not recorded here." })
export class ScheduledJob {
  @Field({ description: 'The job name, e.g. process-order-aggregations (the name runJob takes).' }) name: string;
  @Field(() => String, { nullable: true, description: 'How often the schedule runs it, as an Agenda human interval (e.g. "15 minutes").' }) interval: string | null;
  @Field(() => Date, { nullable: true, description: 'When the next scheduled run is due; null while the scheduler is off or before a worker has scheduled it.' }) nextRunAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the last scheduled run started; null if none has.' }) lastRunAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the last scheduled run ended (successfully or not); null if none has.' }) lastFinishedAt: Date | null;
  @Field(() => Int, { description: 'Scheduled runs that failed, as counted by Agenda; 0 when none is recorded.' }) failCount: number;
  @Field(() => String, { nullable: true, description: 'The error message of the last failed scheduled run; null if none failed.' }) failReason: string | null;
  @Field(() => Date, { nullable: true, description: 'Set while a worker holds the job for a scheduled run (Agenda\'s lock, renewed as it runs); null when no run holds it.' }) lockedAt: Date | null;
}
