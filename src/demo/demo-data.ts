import type { Logger } from '../logger';

export interface DemoOrganization {
  organizationId: string;
  organizationName: string;
  apiKey: string;
}

/** Loads the demo organisation into an empty database (first start) and returns its key. */
export async function ensureDemoData(_options: { databaseUrl: string; dataDir: string; logger: Logger }): Promise<DemoOrganization | null> {
  throw new Error('demo data: not implemented yet');
}
