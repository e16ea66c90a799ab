import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { CsvImportService } from '../../src/campaigns/csv-import.service';
import { makeDataSource } from '../../src/db/data-source';
import { dbOf, type Db } from '../../src/db/db';
import { createTestDatabase } from '../helpers/environment';

/**
 * The first bulk import into a new database: autovacuum has analysed the tables while they were
 * empty, so without a fresh ANALYZE the planner believes campaign_recipients holds no rows.
 */
describe('CSV import statistics in a new database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let db: Db;
  before(async () => {
    database = await createTestDatabase();
    dataSource = await makeDataSource(database.url, 4).initialize();
    db = dbOf(dataSource);
  });
  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const estimatedRows = async (table: string) => (await db.row<{ n: number }>(`SELECT reltuples::int AS n FROM pg_class WHERE relname = $1`, [table]))!.n;

  it('analyses the joined tables whose statistics describe them empty before the upsert', async () => {
    const RECIPIENTS = 20_000;
    await db.exec('ANALYZE');
    assert.equal(await estimatedRows('campaign_recipients'), 0, 'the new database starts with statistics of empty tables');
    const orgId = (await db.row<{ id: string }>(`INSERT INTO organizations (name) VALUES ('New') RETURNING id`))!.id;
    const campaignId = (await db.row<{ id: string }>(`INSERT INTO campaigns (org_id, external_id, name) VALUES ($1, 'c', 'C') RETURNING id`, [orgId]))!.id;
    const service = new CsvImportService(dataSource);
    const recipients = ['external_id,is_holdout,send_date,cost', ...Array.from({ length: RECIPIENTS }, (_, i) => `r${i},false,2024-03-01,1`)].join('\n') + '\n';
    await service.importRecipients(orgId, campaignId, Readable.from([recipients]));
    const orders = ['campaign_id,recipient_external_id,order_id,order_date,revenue,order_count,is_subscription,discount_matched', `${campaignId},r1,o1,2024-03-02T10:00:00Z,5,1,false,false`].join('\n') + '\n';
    await service.importAttributions(orgId, Readable.from([orders]));
    const estimate = await estimatedRows('campaign_recipients');
    assert.ok(estimate >= RECIPIENTS * 0.9, `campaign_recipients is estimated at ${estimate} rows (holds ${RECIPIENTS})`);
  });
});
