import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tenant: every campaign, order and funnel entry belongs to exactly one.' })
export class Organization {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'IANA time zone; days, "today" and report dates are local to it.' }) timezone: string;
  @Field() reportingEnabled: boolean;
  @Field() createdAt: Date;
}

@ObjectType()
export class CreatedOrganization {
  @Field(() => Organization) organization: Organization;
  @Field({ description: 'The organisation\'s first API key. Shown once: only its hash is stored.' }) apiKey: string;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ID) id: string;
  @Field({ description: 'Shown once: only its hash is stored.' }) apiKey: string;
}

@InputType()
export class CreateOrganizationInput {
  @Field() name: string;
  @Field(() => String, { nullable: true, defaultValue: 'UTC' }) timezone?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) reportingEnabled?: boolean | null;
}
