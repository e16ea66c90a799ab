import type { DataSource } from 'typeorm';
import { dbOf, withTransaction } from '../db/db';
import { isKnownTimeZone } from '../dates';
import { notFound, ProblemList } from '../errors';
import { ApiKeyRepository } from './api-key.repository';
import { generateApiKey } from './auth';
import { OrganizationRepository, type OrganizationRow } from './organization.repository';

export interface CreateOrganizationCommand {
  name: string;
  timezone: string;
  reportingEnabled: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export class OrganizationService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: CreateOrganizationCommand): Promise<{ organization: OrganizationRow; apiKey: string }> {
    const name = input.name.trim();
    const problems = new ProblemList();
    if (name.length === 0 || name.length > 200) problems.add('input.name', 'must be 1 to 200 characters');
    const organizations = new OrganizationRepository(dbOf(this.dataSource));
    if (!isKnownTimeZone(input.timezone) || !(await organizations.isTimezoneKnownToDatabase(input.timezone))) {
      problems.add('input.timezone', `unknown IANA time zone ${JSON.stringify(input.timezone)} (e.g. "Europe/Berlin")`);
    }
    problems.throwIfAny();
    return withTransaction(this.dataSource, async (db) => {
      const organization = await new OrganizationRepository(db).insert({ ...input, name });
      if (!organization) throw new Error('organisation insert returned no row');
      const key = generateApiKey();
      await new ApiKeyRepository(db).insert({ orgId: organization.id, label: 'initial', keyPrefix: key.prefix, keyHash: key.hash, expiresAt: null });
      return { organization, apiKey: key.key };
    });
  }

  async get(orgId: string): Promise<OrganizationRow> {
    const organization = await new OrganizationRepository(dbOf(this.dataSource)).findById(orgId);
    if (!organization) throw notFound('Organization', orgId);
    return organization;
  }

  async createApiKey(organizationId: string, label: string | null, expiresAt: Date | null): Promise<{ id: string; apiKey: string }> {
    const problems = new ProblemList();
    if (label !== null && label.length > 200) problems.add('label', 'must be at most 200 characters');
    if (expiresAt !== null && expiresAt.getTime() <= Date.now()) problems.add('expiresAt', 'must be in the future');
    problems.throwIfAny();
    const db = dbOf(this.dataSource);
    if (!isUuid(organizationId) || !(await new OrganizationRepository(db).findById(organizationId))) {
      throw notFound('Organization', organizationId, 'organizationId');
    }
    const key = generateApiKey();
    const row = await new ApiKeyRepository(db).insert({ orgId: organizationId, label, keyPrefix: key.prefix, keyHash: key.hash, expiresAt });
    if (!row) throw new Error('api key insert returned no row');
    return { id: row.id, apiKey: key.key };
  }

  async revokeApiKey(id: string): Promise<boolean> {
    const revoked = isUuid(id) ? await new ApiKeyRepository(dbOf(this.dataSource)).revoke(id) : null;
    if (!revoked) throw notFound('API key', id, 'id');
    return true;
  }

  /** Deletes keys revoked or expired more than `retentionDays` ago; returns how many. */
  pruneDeadApiKeys(retentionDays: number): Promise<number> {
    return new ApiKeyRepository(dbOf(this.dataSource)).deleteDead(retentionDays);
  }
}
