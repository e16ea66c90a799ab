import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { CsvImportRejected, describeLineProblem } from '../../src/campaigns/csv-import.report';
import { CsvImportService } from '../../src/campaigns/csv-import.service';
import { makeDataSource } from '../../src/db/data-source';
import { dbOf, type Db } from '../../src/db/db';
import { FunnelCsvImportService } from '../../src/funnels/funnel-csv-import.service';
import { createTestDatabase } from '../helpers/environment';
import { snapshotDatabase } from '../helpers/db-snapshot';

const RECIPIENT_HEADER = 'external_id,is_holdout,send_date,cost';

/** The lines in Latin-1 bytes: "é" is the single byte 0xE9, "è" 0xE8 (invalid as UTF-8). */
const latin1 = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'latin1');

/** The bytes as a stream cut into chunks of `size`, so sequences straddle chunk boundaries. */
function chunked(bytes: Buffer, size = 3): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function rejectionOf(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CsvImportRejected) return error.problems.map(describeLineProblem);
    throw error;
  }
  assert.fail('expected the file to be rejected');
}

describe('CSV import encodings', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let db: Db;
  let orgId: string;
  let campaignId: string;

  before(async () => {
    database = await createTestDatabase();
    dataSource = await makeDataSource(database.url, 4).initialize();
    db = dbOf(dataSource);
    orgId = (await db.row<{ id: string }>(`INSERT INTO organizations (name) VALUES ('Café') RETURNING id`))!.id;
    campaignId = (await db.row<{ id: string }>(`INSERT INTO campaigns (org_id, external_id, name) VALUES ($1, 'c', 'C') RETURNING id`, [orgId]))!.id;
  });
  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const externalIds = async () => (await db.rows<{ external_id: string }>(`SELECT external_id FROM campaign_recipients WHERE campaign_id = $1 ORDER BY external_id`, [campaignId])).map((r) => r.external_id);

  it('rejects a Latin-1 file read as UTF-8 with the line and column of the first bad byte, writing nothing', async () => {
    const before = await snapshotDatabase(database.url);
    const report = await rejectionOf(new CsvImportService(dataSource).importRecipients(orgId, campaignId, chunked(latin1(RECIPIENT_HEADER, 'plain,false,,1', 'café,false,,1', 'cafè,false,,1'))));
    assert.equal(report.length, 1);
    assert.match(report[0], /line 3/);
    assert.match(report[0], /byte 0xE9 at column 4 is not valid UTF-8/);
    assert.match(report[0], /--encoding latin1/);
    assert.deepEqual(await snapshotDatabase(database.url), before, 'nothing written');
  });

  it('with --encoding latin1 or windows-1252 the two customers stay apart', async () => {
    const service = new CsvImportService(dataSource);
    await service.importRecipients(orgId, campaignId, chunked(latin1(RECIPIENT_HEADER, 'café,false,,1', 'cafè,false,,1')), { encoding: 'latin1' });
    assert.deepEqual(await externalIds(), ['cafè', 'café']);
    // 0x80 is the euro sign in Windows-1252 (a control character in ISO-8859-1).
    await service.importRecipients(orgId, campaignId, chunked(Buffer.concat([Buffer.from(`${RECIPIENT_HEADER}\nprice`), Buffer.from([0x80]), Buffer.from(',false,,1\n')])), { encoding: 'windows-1252' });
    assert.deepEqual(await externalIds(), ['cafè', 'café', 'price€']);
  });

  it('valid UTF-8 split across chunks imports unchanged', async () => {
    const service = new CsvImportService(dataSource);
    await service.importRecipients(orgId, campaignId, chunked(Buffer.from(`${RECIPIENT_HEADER}\nnaïve-😀,false,,1\n`, 'utf8'), 1));
    assert.ok((await externalIds()).includes('naïve-😀'));
  });

  it('the funnel import rejects invalid UTF-8 the same way', async () => {
    const before = await snapshotDatabase(database.url);
    const header = 'email,funnel_type,test_id,user_id,source,entered_at';
    const report = await rejectionOf(new FunnelCsvImportService(dataSource).importEntries(orgId, chunked(latin1(header, 'josé@example.com,language,t1,,,2024-03-01T10:00:00Z'))));
    assert.match(report[0], /line 2.*byte 0xE9 at column 4/);
    assert.deepEqual(await snapshotDatabase(database.url), before, 'nothing written');
  });
});
