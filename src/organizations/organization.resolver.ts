import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { DateTimeScalar } from '../graphql/scalars';
import { requireAdmin, requireOrganization } from './auth';
import type { OrganizationRow } from './organization.repository';
import { CreatedApiKey, CreatedOrganization, CreateOrganizationInput, Organization } from './organization.types';

export function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, timezone: row.timezone, reportingEnabled: row.reporting_enabled, createdAt: row.created_at };
}

@Resolver()
export class OrganizationResolver {
  @Query(() => Organization, { description: 'The caller\'s organisation.' })
  async organization(@Ctx() ctx: GraphQLContext): Promise<Organization> {
    return toOrganization(await ctx.services.organizations.get(requireOrganization(ctx.principal)));
  }

  @Mutation(() => CreatedOrganization, { description: 'Admin key only.' })
  async createOrganization(@Arg('input', () => CreateOrganizationInput, { description: 'The organisation to create.' }) input: CreateOrganizationInput, @Ctx() ctx: GraphQLContext): Promise<CreatedOrganization> {
    requireAdmin(ctx.principal);
    const created = await ctx.services.organizations.create({ name: input.name, timezone: input.timezone ?? 'UTC', reportingEnabled: input.reportingEnabled ?? true });
    return { organization: toOrganization(created.organization), apiKey: created.apiKey };
  }

  @Mutation(() => CreatedApiKey, { description: 'Admin key only.' })
  async createApiKey(
    @Arg('organizationId', () => ID, { description: 'The organisation the key belongs to.' }) organizationId: string,
    @Arg('label', () => String, { nullable: true, description: 'A note on what the key is for, at most 200 characters; optional.' }) label: string | null,
    @Arg('expiresAt', () => DateTimeScalar, { nullable: true, description: 'Optional expiry; expired keys stop working and are pruned later.' }) expiresAt: Date | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CreatedApiKey> {
    requireAdmin(ctx.principal);
    return ctx.services.organizations.createApiKey(organizationId, label ?? null, expiresAt ?? null);
  }

  @Mutation(() => Boolean, { description: 'Admin key only. Revoking twice is harmless.' })
  async revokeApiKey(@Arg('id', () => ID, { description: 'Id of the key to revoke.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    requireAdmin(ctx.principal);
    return ctx.services.organizations.revokeApiKey(id);
  }
}
