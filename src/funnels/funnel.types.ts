import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';

/** GraphQL names LANGUAGE / NON_LANGUAGE; the values are what the database stores. */
export enum FunnelType {
  LANGUAGE = 'language',
  NON_LANGUAGE = 'non_language',
}
registerEnumType(FunnelType, { name: 'FunnelType', description: 'The funnel of a language test or of a non-language test.' });

@ObjectType({ description: 'One entry of an e-mail into a funnel for a test; unique per (email, funnelType, testId).' })
export class FunnelEntry {
  @Field(() => ID) id: string;
  @Field({ description: 'Trimmed and lower-cased.' }) email: string;
  @Field(() => FunnelType) funnelType: FunnelType;
  @Field() testId: string;
  @Field(() => String, { nullable: true }) userId: string | null;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => DateTimeScalar) enteredAt: Date;
  @Field() certificatePurchased: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The first recorded purchase; never before enteredAt.' })
  certificatePurchasedAt: Date | null;
}

@ObjectType()
export class FunnelEntryResult {
  @Field(() => FunnelEntry) entry: FunnelEntry;
  @Field({ description: 'False when the entry existed already; then nothing was written.' }) created: boolean;
}

@ObjectType({
  description:
    'Entries whose (email, funnelType, testId) agree once e-mail and test id are trimmed and lower-cased. ' +
    'email and testId are that normalised key; emails and testIds list the spellings stored.',
})
export class FunnelDuplicateGroup {
  @Field() email: string;
  @Field(() => FunnelType) funnelType: FunnelType;
  @Field() testId: string;
  @Field(() => Int) count: number;
  @Field(() => ID) minId: string;
  @Field(() => ID) maxId: string;
  @Field(() => DateTimeScalar) firstEnteredAt: Date;
  @Field(() => DateTimeScalar) lastEnteredAt: Date;
  @Field(() => [String], { description: 'The distinct e-mail spellings stored in the group.' }) emails: string[];
  @Field(() => [String], { description: 'The distinct test id spellings stored in the group.' }) testIds: string[];
}

@ObjectType()
export class FunnelConversionRow {
  @Field(() => FunnelType) funnelType: FunnelType;
  @Field(() => String, { nullable: true, description: 'Null: entries without a source, or the whole type when not split by source.' })
  source: string | null;
  @Field(() => Int) entries: number;
  @Field(() => Int, { description: 'Entries in the range that are purchased (at or after entry), whenever the purchase happened.' })
  purchased: number;
  @Field(() => Float, { nullable: true, description: 'purchased / entries (a fraction); null without entries.' })
  conversion: number | null;
}

@ObjectType()
export class FunnelConversionReport {
  @Field(() => [FunnelConversionRow], { description: 'Both funnel types always, language first; by source: sources alphabetically, null last.' })
  rows: FunnelConversionRow[];
  @Field(() => LocalDateScalar, { nullable: true }) fromDate: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) toDate: string | null;
}

@InputType()
export class FunnelEntryInput {
  @Field({ description: 'Trimmed and lower-cased, then validated.' }) email: string;
  @Field(() => FunnelType) funnelType: FunnelType;
  @Field({ description: '1 to 200 characters, stored as given.' }) testId: string;
  @Field(() => String, { nullable: true }) userId?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now; at most 24 hours ahead.' }) enteredAt?: Date | null;
}

@InputType()
export class CertificatePurchaseInput {
  @Field() email: string;
  @Field() testId: string;
  @Field(() => FunnelType, { nullable: true, description: 'Omitted: every funnel type of (email, testId).' }) funnelType?: FunnelType | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now; at most 24 hours ahead.' }) purchasedAt?: Date | null;
}
