import type { DataSource } from 'typeorm';
import { dbOf } from '../db/db';
import { OrganizationRepository, type OrganizationRow } from '../organizations/organization.repository';
import { isUuid } from '../organizations/organization.service';

/** A mistake in how a CLI was called: its message goes to stderr and the exit code is 2. */
export class CliUsageError extends Error {}

const LISTED = 20;

/** Rejects an `--org` value that cannot be an organisation id, before any database work. */
export function checkOrgOption(org: string | undefined): void {
  if (org !== undefined && !isUuid(org)) throw new CliUsageError(`--org: ${JSON.stringify(org)} is not an organisation id`);
}

/**
 * The organisation a CLI works on: the one `--org` names (it must exist), or, without
 * `--org`, the only one there is; with several, the caller must choose and is shown them.
 */
export async function chooseOrganization(dataSource: DataSource, org: string | undefined): Promise<OrganizationRow> {
  checkOrgOption(org);
  const organizations = await new OrganizationRepository(dbOf(dataSource)).listAll();
  if (org !== undefined) {
    const named = organizations.find((o) => o.id === org.toLowerCase());
    if (!named) throw new CliUsageError(`--org: organisation ${org} not found`);
    return named;
  }
  if (organizations.length === 1) return organizations[0];
  if (organizations.length === 0) throw new CliUsageError('no organisation exists yet');
  const listed = organizations.slice(0, LISTED).map((o) => `  ${o.id}  ${o.name}`);
  if (organizations.length > LISTED) listed.push(`  … and ${organizations.length - LISTED} more`);
  throw new CliUsageError([`${organizations.length} organisations exist; choose one with --org ID:`, ...listed].join('\n'));
}
