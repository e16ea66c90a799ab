import {
  CreateOrganizationDocument,
  ImportRecipientsDocument,
  UpsertCampaignDocument,
  type RecipientInput,
} from '../generated/graphql';
import { ADMIN_KEY, expectData, type TestApp } from './app';

/** Fixed dates: tests never depend on the day they run (send dates stay in the past). */
export const SEND_DATE = '2024-03-01';
export const ORDER_DATE = '2024-03-05T15:30:00.000Z';

export interface TestOrganization {
  id: string;
  apiKey: string;
}

let counter = 0;

export async function makeOrganization(app: TestApp, input: { name?: string; timezone?: string } = {}): Promise<TestOrganization> {
  counter += 1;
  const data = expectData(
    await app.gql(CreateOrganizationDocument, { input: { name: input.name ?? `Org ${counter}`, timezone: input.timezone ?? 'UTC' } }, ADMIN_KEY),
  );
  return { id: data.createOrganization.organization.id, apiKey: data.createOrganization.apiKey };
}

export async function makeCampaign(
  app: TestApp,
  org: TestOrganization,
  input: { externalId?: string; name?: string; holdoutEnabled?: boolean; holdoutPercent?: number | null } = {},
): Promise<string> {
  counter += 1;
  const data = expectData(
    await app.gql(
      UpsertCampaignDocument,
      {
        input: {
          externalId: input.externalId ?? `cmp-${counter}`,
          name: input.name ?? `Campaign ${counter}`,
          holdoutEnabled: input.holdoutEnabled ?? false,
          holdoutPercent: input.holdoutPercent ?? null,
        },
      },
      org.apiKey,
    ),
  );
  return data.upsertCampaign.id;
}

export async function importRecipients(app: TestApp, org: TestOrganization, campaignId: string, recipients: RecipientInput[]) {
  return expectData(await app.gql(ImportRecipientsDocument, { campaignId, recipients }, org.apiKey)).importRecipients;
}

/** `count` mailed recipients r1…rN (cost 0.5, sent on SEND_DATE). */
export function mailedRecipients(count: number, prefix = 'r'): RecipientInput[] {
  return Array.from({ length: count }, (_, i) => ({ externalId: `${prefix}${i + 1}`, isHoldout: false, sendDate: SEND_DATE, cost: 0.5 }));
}
