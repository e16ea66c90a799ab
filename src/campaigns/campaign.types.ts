import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';

@ObjectType({ description: 'A mailing campaign of the caller\'s organisation: its recipients, their attributed orders and, when holdoutEnabled, a holdout group.' })
export class Campaign {
  @Field(() => ID, { description: 'Server-assigned id of the campaign.' }) id: string;
  @Field({ description: "The caller's own key for the campaign, unique within the organisation (upsertCampaign matches on it)." }) externalId: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field({ description: 'Whether the campaign keeps a holdout group; with at least one holdout recipient it is an experiment.' }) holdoutEnabled: boolean;
  @Field(() => Float, { nullable: true, description: 'Planned share of recipients held out, in percent (0 < h < 100).' })
  holdoutPercent: number | null;
}

@ObjectType({ description: 'One recipient of a campaign (a mailed or to-be-mailed address, or a holdout).' })
export class Recipient {
  @Field(() => ID, { description: 'Server-assigned id of the recipient.' }) id: string;
  @Field({ description: "The caller's own key for the recipient, unique within the campaign." }) externalId: string;
  @Field({ description: 'True for a holdout (control) recipient, never mailed; fixed once stored.' }) isHoldout: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: "The organisation's local date the piece was mailed; null for a holdout recipient or one not mailed yet." }) sendDate: string | null;
  @Field(() => Float, { description: "Mailing cost of this recipient, in the organisation's currency units (counted in stats only once mailed)." }) cost: number;
}

@ObjectType({ description: 'One page of a campaign\'s recipients, ordered by externalId.' })
export class RecipientPage {
  @Field(() => [Recipient], { description: 'The recipients of this page, by externalId ascending.' }) nodes: Recipient[];
  @Field(() => String, { nullable: true, description: 'Opaque cursor of the last recipient on this page: pass it as after for the next page; null when the page is empty.' }) endCursor: string | null;
  @Field({ description: 'Whether more recipients follow this page.' }) hasNextPage: boolean;
}

@ObjectType({ description: 'What a batch mutation did; created + updated + unchanged is the number of items sent.' })
export class ImportResult {
  @Field(() => Int, { description: 'Items that did not exist and were inserted.' }) created: number;
  @Field(() => Int, { description: 'Rows whose values changed; withdrawals count here.' }) updated: number;
  @Field(() => Int, { description: 'Items that matched a stored row with the same values (or, for withdrawals, an order already withdrawn), so nothing was written.' }) unchanged: number;
}

@InputType({ description: 'A campaign to create or update, matched by externalId.' })
export class CampaignInput {
  @Field({ description: "The caller's own key for the campaign, unique within the organisation." }) externalId: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Whether the campaign keeps a holdout group (default false).' }) holdoutEnabled?: boolean | null;
  @Field(() => Float, { nullable: true, description: 'Planned holdout share in percent, strictly between 0 and 100; needs holdoutEnabled. Null: the server assigns no new recipient to the holdout.' }) holdoutPercent?: number | null;
}

@InputType({ description: 'One recipient of importRecipients, upserted by externalId within the campaign.' })
export class RecipientInput {
  @Field({ description: "The caller's own key for the recipient, unique within the campaign." }) externalId: string;
  @Field(() => Boolean, { nullable: true, description: 'Omitted: a new recipient is assigned by the server; an existing one keeps its group.' })
  isHoldout?: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true, description: "The organisation's local date the piece was mailed, not in the future; null for a holdout recipient or not mailed yet. Replaces the stored value." }) sendDate?: string | null;
  @Field(() => Float, { description: "Mailing cost of this recipient, in the organisation's currency units: ≥ 0, at most 4 decimals. Replaces the stored value." }) cost: number;
}

@InputType({ description: 'One attributed order of recordAttributions, upserted by (campaignId, orderId).' })
export class AttributionInput {
  @Field(() => ID, { description: "Id of one of the caller's campaigns." }) campaignId: string;
  @Field({ description: 'externalId of the recipient the order is attributed to; it must be mailed or holdout.' }) recipientExternalId: string;
  @Field({ description: "The caller's order id, unique within the campaign; at most once per batch." }) orderId: string;
  @Field(() => DateTimeScalar, { description: "When the order was placed; at most 24 hours ahead. Its local date in the organisation's timezone is the order day of the stats." }) orderDate: Date;
  @Field(() => Float, { description: "Order revenue, in the organisation's currency units: ≥ 0, at most 2 decimals." }) revenue: number;
  @Field(() => Int, { description: 'The customer\'s n-th order; 1 = first purchase.' }) orderCount: number;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Whether the order is a subscription (default false).' }) isSubscription?: boolean | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Whether the order used the campaign's discount code (default false)." }) discountMatched?: boolean | null;
}
