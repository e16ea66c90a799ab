import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';

/** GraphQL names PENDING / SUCCESS / FAILED; the values are what the database stores. */
export enum OutboxStatus {
  PENDING = 'pending',
  SUCCESS = 'success',
  FAILED = 'failed',
}
registerEnumType(OutboxStatus, { name: 'OutboxStatus', description: 'The state of one Brevo outbox job.' });

@ObjectType({ description: 'One Brevo call to make (or made) for a funnel entry.' })
export class OutboxJob {
  @Field(() => ID) id: string;
  @Field(() => ID) funnelEntryId: string;
  @Field({ description: 'upsert_contact (on entry) or update_contact (on purchase).' }) operation: string;
  @Field(() => OutboxStatus) status: OutboxStatus;
  @Field(() => Int, { description: 'Failed attempts so far (fatal and transient alike).' }) retryCount: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Pending: the earliest next attempt (null: due now). Null when success or failed.' })
  nextAttemptAt: Date | null;
  @Field(() => String, { nullable: true, description: 'HTTP status and the start of the body, or the network error.' }) lastError: string | null;
  @Field(() => JSONObjectScalar) payload: Record<string, unknown>;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the job was delivered.' }) processedAt: Date | null;
}

@ObjectType({ description: "The caller's outbox at a glance." })
export class OutboxSummary {
  @Field(() => Int) pending: number;
  @Field(() => Int, { description: 'Pending jobs whose next attempt is now or past.' }) due: number;
  @Field(() => Int) success: number;
  @Field(() => Int) failed: number;
  @Field(() => Int, { nullable: true, description: 'Age of the oldest pending job; null without pending jobs.' })
  oldestPendingAgeSeconds: number | null;
}
