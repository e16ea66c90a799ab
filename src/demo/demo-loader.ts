import type { Db } from '../db/db';
import { OrganizationRepository } from '../organizations/organization.repository';
import type { DemoDataset } from './demo.types';
import { DemoRepository } from './demo.repository';

interface DemoLoadCounts {
  campaigns: number;
  recipients: number;
  attributions: number;
  funnelEntries: number;
  outboxJobs: number;
}

/** Writes the data set as a new organisation, one set-based statement per table and campaign. */
export async function loadDemoDataset(db: Db, dataset: DemoDataset): Promise<{ organizationId: string; counts: DemoLoadCounts }> {
  const { name, timezone } = dataset.organization;
  const organization = await new OrganizationRepository(db).insert({ name, timezone, reportingEnabled: true });
  if (!organization) throw new Error('demo data: the organisation was not created');
  const orgId = organization.id;
  const demo = new DemoRepository(db);
  const counts: DemoLoadCounts = { campaigns: 0, recipients: 0, attributions: 0, funnelEntries: 0, outboxJobs: 0 };

  counts.campaigns = expectRows('campaigns', dataset.campaigns.length, await demo.insertCampaigns(orgId, timezone, dataset.campaigns));
  const recipientIds = new Map<string, Map<string, string>>();
  for (const campaign of dataset.campaigns) {
    const inserted = await demo.insertRecipients(orgId, campaign.id, campaign.recipients);
    counts.recipients += expectRows('recipients', campaign.recipients.length, inserted.length);
    recipientIds.set(campaign.id, new Map(inserted.map((r) => [r.external_id, r.id])));
  }
  await demo.analyzeRecipients();
  for (const campaign of dataset.campaigns) {
    const ids = campaign.attributions.map((a) => {
      const id = recipientIds.get(campaign.id)?.get(a.recipientExternalId);
      if (id === undefined) throw new Error(`demo data: order ${a.orderId} has no recipient`);
      return id;
    });
    counts.attributions += expectRows('attributions', ids.length, await demo.insertAttributions(orgId, timezone, campaign.id, campaign.attributions, ids));
  }
  counts.funnelEntries = expectRows('funnel entries', dataset.funnelEntries.length, await demo.insertFunnelEntries(orgId, timezone, dataset.funnelEntries));
  counts.outboxJobs = expectRows('outbox jobs', dataset.outboxJobs.length, await demo.insertOutboxJobs(orgId, timezone, dataset.outboxJobs));
  return { organizationId: orgId, counts };
}

/** Outbox jobs find their entries by a join: a job that found none would vanish silently. */
function expectRows(what: string, expected: number, inserted: number): number {
  if (inserted !== expected) throw new Error(`demo data: ${inserted} of ${expected} ${what} inserted`);
  return inserted;
}
