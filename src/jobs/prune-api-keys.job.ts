import type { OrganizationService } from '../organizations/organization.service';
import type { JobDefinition } from './job-definition';

/** Revoked or expired keys are kept this long (for audits), then deleted. */
export const API_KEY_RETENTION_DAYS = 30;

export function pruneApiKeysJob(organizations: OrganizationService): JobDefinition {
  return {
    name: 'prune-api-keys',
    description: `Deletes API keys revoked or expired more than ${API_KEY_RETENTION_DAYS} days ago`,
    interval: '1 day',
    async run() {
      const deleted = await organizations.pruneDeadApiKeys(API_KEY_RETENTION_DAYS);
      return `${deleted} dead API key(s) deleted`;
    },
  };
}
