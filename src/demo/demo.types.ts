/** What `ensureDemoData` hands back for main.ts to print, and what the demo key file holds. */
export interface DemoOrganization {
  organizationId: string;
  organizationName: string;
  apiKey: string;
}

/**
 * Organisation-local wall-clock time, `YYYY-MM-DD HH:MM:SS`. The generator keeps every one
 * between 07:00 and 23:00, where no daylight-saving gap or overlap makes it ambiguous; the
 * repository turns it into an instant in the organisation's time zone.
 */
export type LocalTimestamp = string;

export interface DemoRecipient {
  externalId: string;
  isHoldout: boolean;
  /** YYYY-MM-DD; null for holdout recipients and for those not mailed yet. */
  sendDate: string | null;
  /** numeric(14,4) as text */
  cost: string;
}

export interface DemoAttribution {
  recipientExternalId: string;
  orderId: string;
  orderedAt: LocalTimestamp;
  /** numeric(14,2) as text */
  revenue: string;
  orderCount: number;
  isSubscription: boolean;
  discountMatched: boolean;
  withdrawnAt: LocalTimestamp | null;
}

export interface DemoCampaign {
  id: string;
  externalId: string;
  name: string;
  holdoutEnabled: boolean;
  holdoutPercent: number | null;
  createdAt: LocalTimestamp;
  recipients: DemoRecipient[];
  attributions: DemoAttribution[];
}

export type FunnelType = 'language' | 'non_language';

export interface DemoFunnelEntry {
  email: string;
  funnelType: FunnelType;
  testId: string;
  userId: string | null;
  source: string | null;
  enteredAt: LocalTimestamp;
  purchasedAt: LocalTimestamp | null;
}

export interface DemoOutboxJob {
  /** The funnel entry, by its unique key. */
  entry: { email: string; funnelType: FunnelType; testId: string };
  operation: 'upsert_contact' | 'update_contact';
  payload: Record<string, unknown>;
  status: 'pending' | 'success' | 'failed';
  retryCount: number;
  lastError: string | null;
  createdAt: LocalTimestamp;
  updatedAt: LocalTimestamp;
  processedAt: LocalTimestamp | null;
  /** A scheduled retry, in seconds from the moment of loading; null when due now or finished. */
  nextAttemptInSeconds: number | null;
}

export interface DemoDataset {
  organization: { name: string; timezone: string };
  campaigns: DemoCampaign[];
  /** In the order they entered (so their ids ascend with time). */
  funnelEntries: DemoFunnelEntry[];
  /** In the order they were written. */
  outboxJobs: DemoOutboxJob[];
}
