import { makeDataSource } from '../db/data-source';
import { dbOf, withTransaction, type Db } from '../db/db';
import { localDateOf } from '../dates';
import type { Logger } from '../logger';
import { ApiKeyRepository } from '../organizations/api-key.repository';
import { generateApiKey, hashApiKey } from '../organizations/auth';
import { OrganizationRepository } from '../organizations/organization.repository';
import type { DemoOrganization } from './demo.types';
import { DEMO_ORGANIZATION, makeDemoDataset } from './demo-generator';
import { readDemoKeyFile, writeDemoKeyFile } from './demo-key-file';
import { DemoRepository } from './demo.repository';
import { loadDemoDataset } from './demo-loader';

interface DemoOptions {
  databaseUrl: string;
  dataDir: string;
  logger: Logger;
}

/**
 * First start on an empty database: loads the demo organisation in one transaction and saves
 * its key under `dataDir`. Later starts: the saved organisation while its key still works.
 * A database that already holds organisations is never written to.
 */
export async function ensureDemoData(options: DemoOptions): Promise<DemoOrganization | null> {
  const dataSource = makeDataSource(options.databaseUrl, 2);
  await dataSource.initialize();
  try {
    const loaded = await withTransaction(dataSource, (db) => loadIntoEmptyDatabase(db, options));
    return loaded ?? (await savedDemoOrganization(dbOf(dataSource), options));
  } finally {
    await dataSource.destroy();
  }
}

async function loadIntoEmptyDatabase(db: Db, { dataDir, logger }: DemoOptions): Promise<DemoOrganization | null> {
  const demo = new DemoRepository(db);
  await demo.lockDemoLoad();
  if (await demo.hasOrganizations()) return null;
  const started = Date.now();
  const dataset = makeDemoDataset(localDateOf(new Date(), DEMO_ORGANIZATION.timezone));
  const generatedMs = Date.now() - started;
  const { organizationId, counts } = await loadDemoDataset(db, dataset);
  const key = generateApiKey();
  await new ApiKeyRepository(db).insert({ orgId: organizationId, label: 'demo', keyPrefix: key.prefix, keyHash: key.hash, expiresAt: null });
  const organization = { organizationId, organizationName: dataset.organization.name, apiKey: key.key };
  // Saved before the commit: if saving fails the load rolls back, and the next start tries again.
  await writeDemoKeyFile(dataDir, organization);
  logger.info({ organizationId, ...counts, generatedMs, ms: Date.now() - started }, 'demo organisation loaded');
  return organization;
}

async function savedDemoOrganization(db: Db, { dataDir, logger }: DemoOptions): Promise<DemoOrganization | null> {
  const saved = await readDemoKeyFile(dataDir);
  if (!saved) {
    logger.debug('database already has organisations and no demo key is saved: no demo data');
    return null;
  }
  const key = await new ApiKeyRepository(db).findActiveByHash(hashApiKey(saved.apiKey));
  const organization = key?.org_id === saved.organizationId ? await new OrganizationRepository(db).findById(saved.organizationId) : null;
  if (!organization) {
    logger.warn({ organizationId: saved.organizationId }, 'the saved demo API key no longer works (organisation deleted or key revoked)');
    return null;
  }
  return { organizationId: organization.id, organizationName: organization.name, apiKey: saved.apiKey };
}
