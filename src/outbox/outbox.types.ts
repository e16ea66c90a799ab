import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';

/** GraphQL names PENDING / SUCCESS / FAILED; the values are what the database stores. */
export enum OutboxStatus {
  PENDING = 'pending',
  SUCCESS = 'success',
  FAILED = 'failed',
}
registerEnumType(OutboxStatus, {
  name: 'OutboxStatus',
  description: 'The state of one Brevo outbox job.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or for a retry at nextAttemptAt.' },
    SUCCESS: { description: 'Delivered to Brevo (processedAt is set).' },
    FAILED: { description: 'Given up: a fatal error (a 4xx other than 408 and 429) or transient errors beyond the retry limit; retryOutboxJob makes it pending again.' },
  },
});

@ObjectType({ description: 'One Brevo call to make (or made) for a funnel entry.' })
export class OutboxJob {
  @Field(() => ID, { description: 'Server-assigned id of the job; jobs of one entry are delivered in id order.' }) id: string;
  @Field(() => ID, { description: 'The funnel entry the job was written for.' }) funnelEntryId: string;
  @Field({ description: 'upsert_contact (on entry) or update_contact (on purchase).' }) operation: string;
  @Field(() => OutboxStatus, { description: 'Pending, delivered (success) or given up (failed).' }) status: OutboxStatus;
  @Field(() => Int, { description: 'Failed attempts so far (fatal and transient alike).' }) retryCount: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Pending: the earliest next attempt (null: due now). Null when success or failed.' })
  nextAttemptAt: Date | null;
  @Field(() => String, { nullable: true, description: 'HTTP status and the start of the body, or the network error.' }) lastError: string | null;
  @Field(() => JSONObjectScalar, {
    description:
      'The contact to send: email, funnelType (language or non_language), testId, userId and source of the entry (null when absent), and attributes: ' +
      "ENTERED_AT (upsert_contact) or CERTIFICATE_PURCHASED and CERTIFICATE_PURCHASED_AT (update_contact), dates as the organisation's local YYYY-MM-DD.",
  })
  payload: Record<string, unknown>;
  @Field(() => DateTimeScalar, { description: 'When the job was written (with its funnel entry or purchase).' }) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the job was delivered; null until then.' }) processedAt: Date | null;
}

@ObjectType({ description: "The caller's outbox at a glance." })
export class OutboxSummary {
  @Field(() => Int, { description: 'Jobs not delivered yet (due or waiting for a retry).' }) pending: number;
  @Field(() => Int, { description: 'Pending jobs whose next attempt is now or past.' }) due: number;
  @Field(() => Int, { description: 'Jobs delivered.' }) success: number;
  @Field(() => Int, { description: 'Jobs given up (fatal error or retries exhausted).' }) failed: number;
  @Field(() => Int, { nullable: true, description: 'Age of the oldest pending job (since createdAt), in whole seconds; null without pending jobs.' })
  oldestPendingAgeSeconds: number | null;
}
