import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';

/** GraphQL names LANGUAGE / NON_LANGUAGE; the values are what the database stores. */
export enum FunnelType {
  LANGUAGE = 'language',
  NON_LANGUAGE = 'non_language',
}
registerEnumType(FunnelType, {
  name: 'FunnelType',
  description: 'The funnel of a language test or of a non-language test.',
  valuesConfig: {
    LANGUAGE: { description: 'The funnel of a language test (its contacts go to the Brevo language list).' },
    NON_LANGUAGE: { description: 'The funnel of a non-language test (its contacts go to the Brevo non-language list).' },
  },
});

@ObjectType({ description: 'One entry of an e-mail into a funnel for a test; unique per (email, funnelType, testId).' })
export class FunnelEntry {
  @Field(() => ID, { description: 'Server-assigned id of the entry.' }) id: string;
  @Field({ description: 'Trimmed and lower-cased.' }) email: string;
  @Field(() => FunnelType, { description: 'The funnel entered.' }) funnelType: FunnelType;
  @Field({ description: 'The test the funnel belongs to, as given on entry.' }) testId: string;
  @Field(() => String, { nullable: true, description: "The caller's user id for the person; null when none was given." }) userId: string | null;
  @Field(() => String, { nullable: true, description: 'Where the entry came from (e.g. a sign-up form or mailing); null when none was given.' }) source: string | null;
  @Field(() => DateTimeScalar, { description: 'When the e-mail entered the funnel; report dates use its local date in the organisation\'s timezone.' }) enteredAt: Date;
  @Field({ description: 'Whether a certificate purchase has been recorded for the entry.' }) certificatePurchased: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The first recorded purchase; never before enteredAt.' })
  certificatePurchasedAt: Date | null;
}

@ObjectType({ description: 'The outcome of enterFunnel.' })
export class FunnelEntryResult {
  @Field(() => FunnelEntry, { description: 'The entry created now, or the one stored earlier for the same (email, funnelType, testId).' }) entry: FunnelEntry;
  @Field({ description: 'False when the entry existed already; then nothing was written.' }) created: boolean;
}

@ObjectType({
  description:
    'Entries whose (email, funnelType, testId) agree once e-mail and test id are trimmed and lower-cased. ' +
    'email and testId are that normalised key; emails and testIds list the spellings stored.',
})
export class FunnelDuplicateGroup {
  @Field({ description: 'The normalised (trimmed, lower-cased) e-mail of the group.' }) email: string;
  @Field(() => FunnelType, { description: 'The funnel type of the group.' }) funnelType: FunnelType;
  @Field({ description: 'The normalised (trimmed, lower-cased) test id of the group.' }) testId: string;
  @Field(() => Int, { description: 'Number of entries in the group (at least 2).' }) count: number;
  @Field(() => ID, { description: 'The smallest entry id of the group (the first row written).' }) minId: string;
  @Field(() => ID, { description: 'The largest entry id of the group (the last row written).' }) maxId: string;
  @Field(() => DateTimeScalar, { description: 'The earliest enteredAt of the group.' }) firstEnteredAt: Date;
  @Field(() => DateTimeScalar, { description: 'The latest enteredAt of the group.' }) lastEnteredAt: Date;
  @Field(() => [String], { description: 'The distinct e-mail spellings stored in the group.' }) emails: string[];
  @Field(() => [String], { description: 'The distinct test id spellings stored in the group.' }) testIds: string[];
}

@ObjectType({ description: 'Entries and purchases of one funnel type (and, by source, one source) in the report range.' })
export class FunnelConversionRow {
  @Field(() => FunnelType, { description: 'The funnel type of the row.' }) funnelType: FunnelType;
  @Field(() => String, { nullable: true, description: 'Null: entries without a source, or the whole type when not split by source.' })
  source: string | null;
  @Field(() => Int, { description: "Entries whose local entry date in the organisation's timezone is in the range." }) entries: number;
  @Field(() => Int, { description: 'Entries in the range that are purchased (at or after entry), whenever the purchase happened.' })
  purchased: number;
  @Field(() => Float, { nullable: true, description: 'purchased / entries (a fraction); null without entries.' })
  conversion: number | null;
}

@ObjectType({ description: 'Funnel conversion to certificate purchase over a range of entry dates.' })
export class FunnelConversionReport {
  @Field(() => [FunnelConversionRow], { description: 'Both funnel types always, language first; by source: sources alphabetically, null last.' })
  rows: FunnelConversionRow[];
  @Field(() => LocalDateScalar, { nullable: true, description: "First entry date included (the organisation's local date), as requested; null: no lower bound." }) fromDate: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: "First entry date excluded (the organisation's local date), as requested; null: no upper bound." }) toDate: string | null;
}

@InputType({ description: 'An e-mail entering a funnel of a test.' })
export class FunnelEntryInput {
  @Field({ description: 'Trimmed and lower-cased, then validated.' }) email: string;
  @Field(() => FunnelType, { description: 'The funnel entered.' }) funnelType: FunnelType;
  @Field({ description: '1 to 200 characters, stored as given.' }) testId: string;
  @Field(() => String, { nullable: true, description: "The caller's user id for the person; optional." }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'Where the entry came from (e.g. a sign-up form or mailing); optional, reported by the by-source conversion report.' }) source?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now; at most 24 hours ahead.' }) enteredAt?: Date | null;
}

@InputType({ description: 'A certificate purchase to record against the funnel entries of (email, testId).' })
export class CertificatePurchaseInput {
  @Field({ description: 'Trimmed and lower-cased, then matched against the entries.' }) email: string;
  @Field({ description: 'The test id of the entries to mark, matched exactly as stored.' }) testId: string;
  @Field(() => FunnelType, { nullable: true, description: 'Omitted: every funnel type of (email, testId).' }) funnelType?: FunnelType | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now; at most 24 hours ahead.' }) purchasedAt?: Date | null;
}
