import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tenant: every campaign, order and funnel entry belongs to exactly one.' })
export class Organization {
  @Field(() => ID, { description: 'Server-assigned id of the organisation.' }) id: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field({ description: 'IANA time zone; days, "today" and report dates are local to it.' }) timezone: string;
  @Field({ description: 'False: the aggregation and sync jobs skip the organisation; its reads still answer from what the database holds.' }) reportingEnabled: boolean;
  @Field({ description: 'When the organisation was created.' }) createdAt: Date;
}

@ObjectType({ description: 'The outcome of createOrganization.' })
export class CreatedOrganization {
  @Field(() => Organization, { description: 'The organisation created.' }) organization: Organization;
  @Field({ description: 'The organisation\'s first API key. Shown once: only its hash is stored.' }) apiKey: string;
}

@ObjectType({ description: 'The outcome of createApiKey.' })
export class CreatedApiKey {
  @Field(() => ID, { description: 'Id of the key (what revokeApiKey takes).' }) id: string;
  @Field({ description: 'Shown once: only its hash is stored.' }) apiKey: string;
}

@InputType({ description: 'A new organisation.' })
export class CreateOrganizationInput {
  @Field({ description: 'Display name, 1 to 200 characters after trimming.' }) name: string;
  @Field(() => String, { nullable: true, defaultValue: 'UTC', description: 'IANA time zone (e.g. "Europe/Berlin"; default UTC); days, "today" and report dates are local to it.' }) timezone?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Whether the aggregation and sync jobs process the organisation (default true).' }) reportingEnabled?: boolean | null;
}
