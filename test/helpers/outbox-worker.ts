/**
 * A stand-alone outbox worker for the crash test: one processDueJobs() run against
 * DATABASE_URL and BREVO_BASE_URL with the lease LEASE_MS, then exit. The test SIGKILLs it.
 */
import pino from 'pino';
import { dbOf } from '../../src/db/db';
import { makeDataSource } from '../../src/db/data-source';
import { OutboxService } from '../../src/outbox/outbox.service';

async function main(): Promise<void> {
  const dataSource = makeDataSource(process.env.DATABASE_URL ?? '', 2);
  await dataSource.initialize();
  const service = new OutboxService(
    dbOf(dataSource),
    { apiKey: 'crash-test', baseUrl: process.env.BREVO_BASE_URL ?? '', listLanguage: null, listNonLanguage: null, maxRetries: 5, rateLimitRps: 0, timeoutMs: 10_000 },
    pino({ level: 'silent' }),
    { workerId: 'doomed-worker', batchSize: Number(process.env.BATCH_SIZE ?? 50), leaseMs: Number(process.env.LEASE_MS ?? 2000) },
  );
  process.send?.('ready');
  await service.processDueJobs();
  await dataSource.destroy();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
