import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';

@ObjectType()
export class Campaign {
  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field() name: string;
  @Field() holdoutEnabled: boolean;
  @Field(() => Float, { nullable: true, description: 'Planned share of recipients held out, in percent (0 < h < 100).' })
  holdoutPercent: number | null;
}

@ObjectType()
export class Recipient {
  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field() isHoldout: boolean;
  @Field(() => LocalDateScalar, { nullable: true }) sendDate: string | null;
  @Field(() => Float) cost: number;
}

@ObjectType({ description: 'One page of a campaign\'s recipients, ordered by externalId.' })
export class RecipientPage {
  @Field(() => [Recipient]) nodes: Recipient[];
  @Field(() => String, { nullable: true }) endCursor: string | null;
  @Field() hasNextPage: boolean;
}

@ObjectType()
export class ImportResult {
  @Field(() => Int) created: number;
  @Field(() => Int, { description: 'Rows whose values changed; withdrawals count here.' }) updated: number;
  @Field(() => Int) unchanged: number;
}

@InputType()
export class CampaignInput {
  @Field() externalId: string;
  @Field() name: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) holdoutEnabled?: boolean | null;
  @Field(() => Float, { nullable: true }) holdoutPercent?: number | null;
}

@InputType()
export class RecipientInput {
  @Field() externalId: string;
  @Field(() => Boolean, { nullable: true, description: 'Omitted: a new recipient is assigned by the server; an existing one keeps its group.' })
  isHoldout?: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true }) sendDate?: string | null;
  @Field(() => Float) cost: number;
}

@InputType()
export class AttributionInput {
  @Field(() => ID) campaignId: string;
  @Field() recipientExternalId: string;
  @Field() orderId: string;
  @Field(() => DateTimeScalar) orderDate: Date;
  @Field(() => Float) revenue: number;
  @Field(() => Int, { description: 'The customer\'s n-th order; 1 = first purchase.' }) orderCount: number;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) isSubscription?: boolean | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) discountMatched?: boolean | null;
}
