import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { CsvImportRejected, describeLineProblem } from '../../src/campaigns/csv-import.report';
import { CsvImportService } from '../../src/campaigns/csv-import.service';
import { assignsToHoldout } from '../../src/campaigns/ingestion.rules';
import { IngestionService } from '../../src/campaigns/ingestion.service';
import { makeDataSource } from '../../src/db/data-source';
import { dbOf, type Db } from '../../src/db/db';
import { addDays, localDateOf } from '../../src/dates';
import { AppError } from '../../src/errors';
import { createTestDatabase } from '../helpers/environment';

const RECIPIENT_HEADER = 'external_id,is_holdout,send_date,cost';
const ATTRIBUTION_HEADER = 'campaign_id,recipient_external_id,order_id,order_date,revenue,order_count,is_subscription,discount_matched';

/** A CSV stream of the given lines. */
function csv(...lines: string[]): Readable {
  return Readable.from([lines.join('\n') + '\n']);
}

async function rejectionOf(work: Promise<unknown>): Promise<CsvImportRejected> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CsvImportRejected) return error;
    throw error;
  }
  assert.fail('expected the file to be rejected');
}

/** The report as the CLI prints it, one problem a line. */
function reportOf(rejection: CsvImportRejected): string[] {
  return rejection.problems.map(describeLineProblem);
}

describe('CSV import (integration)', function () {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let db: Db;
  let service: CsvImportService;

  before(async () => {
    database = await createTestDatabase();
    dataSource = await makeDataSource(database.url, 4).initialize();
    db = dbOf(dataSource);
    service = new CsvImportService(dataSource);
  });

  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function makeOrganization(timezone = 'UTC'): Promise<string> {
    const row = await db.row<{ id: string }>(`INSERT INTO organizations (name, timezone) VALUES ('Acme', $1) RETURNING id`, [timezone]);
    return row!.id;
  }

  let campaignNumber = 0;
  async function makeCampaign(orgId: string, holdoutPercent: number | null = null): Promise<string> {
    campaignNumber += 1;
    const row = await db.row<{ id: string }>(
      `INSERT INTO campaigns (org_id, external_id, name, holdout_enabled, holdout_percent) VALUES ($1, $2, 'Spring mailing', $3, $4) RETURNING id`,
      [orgId, `spring-${campaignNumber}`, holdoutPercent !== null, holdoutPercent],
    );
    return row!.id;
  }

  async function recipientsOf(campaignId: string): Promise<Array<{ external_id: string; is_holdout: boolean; send_date: string | null; cost: string }>> {
    return db.rows(
      `SELECT external_id, is_holdout, to_char(send_date, 'YYYY-MM-DD') AS send_date, cost::text
         FROM campaign_recipients WHERE campaign_id = $1 ORDER BY external_id`,
      [campaignId],
    );
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    return (await db.row<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))!.n;
  }

  /** A campaign (20% holdout) with mailed m1, m2, unmailed u1 and holdout h1. */
  async function makeMailedCampaign(orgId: string): Promise<string> {
    const campaignId = await makeCampaign(orgId, 20);
    await service.importRecipients(
      orgId,
      campaignId,
      csv(RECIPIENT_HEADER, 'm1,false,2024-03-01,0.5', 'm2,false,2024-03-01,0.5', 'u1,false,,0.5', 'h1,true,,0'),
    );
    return campaignId;
  }

  describe('recipients', () => {
    it('creates every line of a good file and stores the values exactly', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId);
      const result = await service.importRecipients(
        orgId,
        campaignId,
        csv(RECIPIENT_HEADER, 'r1,false,2024-03-01,0.4525', 'r2,,2024-03-02,12', 'r3,false,,0', '"r,4",FALSE, 2024-03-03 ,99999999.9999'),
      );
      assert.deepEqual(result, { created: 4, updated: 0, unchanged: 0, rows: 4 });
      assert.deepEqual(await recipientsOf(campaignId), [
        { external_id: 'r,4', is_holdout: false, send_date: '2024-03-03', cost: '99999999.9999' },
        { external_id: 'r1', is_holdout: false, send_date: '2024-03-01', cost: '0.4525' },
        { external_id: 'r2', is_holdout: false, send_date: '2024-03-02', cost: '12.0000' },
        { external_id: 'r3', is_holdout: false, send_date: null, cost: '0.0000' },
      ]);
    });

    it('re-imports: updates send_date and cost, leaves unchanged rows untouched, keeps the group', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId, 50);
      await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, 'a,false,,1', 'b,false,2024-03-01,1', 'c,true,,0', 'd,false,2024-03-01,2'));
      const versionsBefore = await db.rows<{ external_id: string; xmin: string }>(`SELECT external_id, xmin::text FROM campaign_recipients WHERE campaign_id = $1`, [campaignId]);

      const result = await service.importRecipients(
        orgId,
        campaignId,
        csv(RECIPIENT_HEADER, 'a,,2024-03-05,1', 'b,false,2024-03-01,1.5', 'c,,,0', 'd,,2024-03-01,2.0000', 'e,false,,3'),
      );
      assert.deepEqual(result, { created: 1, updated: 2, unchanged: 2, rows: 5 });
      assert.deepEqual(await recipientsOf(campaignId), [
        { external_id: 'a', is_holdout: false, send_date: '2024-03-05', cost: '1.0000' },
        { external_id: 'b', is_holdout: false, send_date: '2024-03-01', cost: '1.5000' },
        { external_id: 'c', is_holdout: true, send_date: null, cost: '0.0000' },
        { external_id: 'd', is_holdout: false, send_date: '2024-03-01', cost: '2.0000' },
        { external_id: 'e', is_holdout: false, send_date: null, cost: '3.0000' },
      ]);
      const versionsAfter = new Map(
        (await db.rows<{ external_id: string; xmin: string }>(`SELECT external_id, xmin::text FROM campaign_recipients WHERE campaign_id = $1`, [campaignId])).map((r) => [r.external_id, r.xmin]),
      );
      for (const before of versionsBefore.filter((r) => r.external_id === 'c' || r.external_id === 'd')) {
        assert.equal(versionsAfter.get(before.external_id), before.xmin, `${before.external_id} must not be rewritten`);
      }
    });

    it('keeps a stored group for an empty is_holdout cell, even where the server would assign the other', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId, 50);
      const ids = Array.from({ length: 20 }, (_, i) => `kept-${i}`);
      await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, ...ids.map((id) => `${id},false,2024-03-01,1`)));
      assert.ok(ids.some((id) => assignsToHoldout(campaignId, id, 50)), 'some would be assigned to the holdout group if new');
      const result = await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, ...ids.map((id) => `${id},,2024-03-02,1`)));
      assert.deepEqual(result, { created: 0, updated: 20, unchanged: 0, rows: 20 });
      assert.ok((await recipientsOf(campaignId)).every((r) => !r.is_holdout && r.send_date === '2024-03-02'));
    });

    it('assigns new recipients with an empty is_holdout cell exactly as assignsToHoldout does', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId, 30);
      const ids = Array.from({ length: 300 }, (_, i) => `cust-${i}`);
      await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, ...ids.map((id) => `${id},,,1`)));
      const stored = new Map((await recipientsOf(campaignId)).map((r) => [r.external_id, r.is_holdout]));
      for (const id of ids) assert.equal(stored.get(id), assignsToHoldout(campaignId, id, 30), id);
      const holdouts = [...stored.values()].filter(Boolean).length;
      assert.ok(holdouts > 50 && holdouts < 130, `about 30% held out, got ${holdouts}`);

      const plain = await makeCampaign(orgId);
      await service.importRecipients(orgId, plain, csv(RECIPIENT_HEADER, ...ids.map((id) => `${id},,,1`)));
      assert.ok((await recipientsOf(plain)).every((r) => !r.is_holdout), 'without holdout_enabled everybody is treatment');
    });

    it('stores what the GraphQL mutation stores: a CSV re-import of its batch changes nothing', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId, 25);
      const ids = Array.from({ length: 40 }, (_, i) => `g-${i}`);
      await new IngestionService(dataSource).importRecipients(orgId, campaignId, ids.map((externalId) => ({ externalId, cost: 0.1234 })));
      const result = await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, ...ids.map((id) => `${id},,,0.1234`)));
      assert.deepEqual(result, { created: 0, updated: 0, unchanged: 40, rows: 40 });
    });

    it('reads the organisation\'s local today for send dates', async () => {
      const orgId = await makeOrganization('Pacific/Kiritimati');
      const campaignId = await makeCampaign(orgId);
      const today = localDateOf(new Date(), 'Pacific/Kiritimati');
      await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, `t,false,${today},1`));
      const rejection = await rejectionOf(service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, `t,false,${addDays(today, 1)},1`)));
      assert.deepEqual(reportOf(rejection), [`line 2, column send_date: must not be in the future (the organisation's today is ${today})`]);
    });

    const rejections: Array<{ name: string; lines: string[]; expect: string; holdout?: boolean }> = [
      { name: 'a negative cost', lines: ['ok,false,,1', 'x,false,,-0.5'], expect: 'line 3, column cost: must not be negative' },
      { name: 'a cost with 5 decimals', lines: ['x,false,,0.12345'], expect: 'line 2, column cost: must have at most 4 decimal places' },
      { name: 'an empty cost', lines: ['x,false,,'], expect: 'line 2, column cost: must not be empty' },
      { name: 'a cost that is not a decimal', lines: ['x,false,,1e3'], expect: 'line 2, column cost: must be a plain decimal number such as 12.50' },
      { name: 'an empty external id', lines: ['" ",false,,1'], expect: 'line 2, column external_id: must not be empty' },
      { name: 'an external id over 200 characters', lines: [`${'x'.repeat(201)},false,,1`], expect: 'line 2, column external_id: must be at most 200 characters' },
      { name: 'an external id twice', lines: ['x,false,,1', 'y,false,,1', 'x,false,,2'], expect: 'line 4, column external_id: duplicate of line 2 ("x")' },
      { name: 'a malformed send date', lines: ['x,false,01/03/2024,1'], expect: 'line 2, column send_date: must be a date written YYYY-MM-DD' },
      { name: 'an impossible send date', lines: ['x,false,2024-02-30,1'], expect: 'line 2, column send_date: must be a date written YYYY-MM-DD' },
      { name: 'a bad boolean', lines: ['x,yes,,1'], expect: 'line 2, column is_holdout: must be true, false or empty (empty keeps the stored group or lets the server assign one)' },
      {
        name: 'a holdout recipient with a send date',
        holdout: true,
        lines: ['x,true,2024-03-01,1'],
        expect: 'line 2, column send_date: recipient "x" is a holdout recipient; holdout recipients are never mailed, so they have no send date',
      },
      { name: 'explicit holdout in a campaign without holdout', lines: ['x,true,,1'], expect: 'line 2, column is_holdout: campaign "spring-' },
      { name: 'a line with too few cells', lines: ['x,false,1'], expect: 'line 2: has 3 cells but the header has 4' },
      { name: 'a NUL character', lines: ['x\u0000,false,,1'], expect: 'line 2: contains a NUL character' },
    ];
    for (const { name, lines, expect, holdout } of rejections) {
      it(`rejects ${name}, naming line and column, and writes nothing`, async () => {
        const orgId = await makeOrganization();
        const campaignId = await makeCampaign(orgId, holdout ? 10 : null);
        const rejection = await rejectionOf(service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, ...lines)));
        assert.ok(
          reportOf(rejection).some((line) => line.startsWith(expect)),
          `expected ${JSON.stringify(expect)} in ${JSON.stringify(reportOf(rejection))}`,
        );
        assert.equal(await count('campaign_recipients WHERE campaign_id = $1', [campaignId]), 0);
      });
    }

    it('rejects changing a stored recipient\'s group, and removing a send date that has orders', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeMailedCampaign(orgId);
      await service.importAttributions(orgId, csv(ATTRIBUTION_HEADER, `${campaignId},m1,o-1,2024-03-02T10:00:00Z,10,1,,`));
      const before = await recipientsOf(campaignId);

      const rejection = await rejectionOf(
        service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, 'm1,false,,0.5', 'm2,false,2024-03-02,0.7', 'h1,false,,0', 'new,false,,1')),
      );
      assert.deepEqual(reportOf(rejection), [
        'line 2, column send_date: recipient "m1" has attributed orders, so its send date cannot be removed',
        'line 4, column is_holdout: recipient "h1" is holdout for good; its group cannot change',
      ]);
      assert.deepEqual(await recipientsOf(campaignId), before, 'nothing written, not even the good lines');

      // Once its only order is withdrawn, the send date may go.
      await db.exec(`UPDATE attributions SET withdrawn_at = now() WHERE campaign_id = $1`, [campaignId]);
      const result = await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, 'm1,,,0.5'));
      assert.deepEqual(result, { created: 0, updated: 1, unchanged: 0, rows: 1 });
    });

    it('rejects bad headers and empty files with a clear message', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId);
      const cases: Array<[Readable, string[]]> = [
        [csv('external_id,holdout,send_date,cost'), ['line 1: unknown column "holdout" (expected external_id,is_holdout,send_date,cost)', 'line 1: missing column is_holdout (expected external_id,is_holdout,send_date,cost)']],
        [csv('external_id,is_holdout,send_date'), ['line 1: missing column cost (expected external_id,is_holdout,send_date,cost)']],
        [csv('external_id,is_holdout,send_date,cost,cost'), ['line 1: column cost appears twice']],
        [Readable.from(['']), ['line 1: the file is empty; its first line must be the header external_id,is_holdout,send_date,cost']],
      ];
      for (const [file, expected] of cases) {
        assert.deepEqual(reportOf(await rejectionOf(service.importRecipients(orgId, campaignId, file))), expected);
      }
    });

    it('accepts a header-only file, columns in any order, CRLF and quoted line breaks, and counts lines as editors do', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId);
      assert.deepEqual(await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER)), { created: 0, updated: 0, unchanged: 0, rows: 0 });
      const file = Readable.from(['\ufeffcost,external_id,send_date,is_holdout\r\n1,"two\r\nlines",,false\r\n\r\n2,b,,false\r\n-1,c,,false\r\n']);
      const rejection = await rejectionOf(service.importRecipients(orgId, campaignId, file));
      assert.deepEqual(reportOf(rejection), ['line 6, column cost: must not be negative']);
    });

    it('reports an unclosed quote as broken CSV', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId);
      const rejection = await rejectionOf(service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, 'a,false,,1', '"b,false,,1')));
      assert.equal(rejection.total, 1);
      assert.match(reportOf(rejection)[0], /^line 3: is not valid CSV: Quote Not Closed/);
      assert.equal(await count('campaign_recipients WHERE campaign_id = $1', [campaignId]), 0);
    });

    it('lists the first 100 problems and counts them all', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId);
      const lines = Array.from({ length: 150 }, (_, i) => `x${i},false,,-1`);
      const rejection = await rejectionOf(service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, ...lines, 'x0,false,,1')));
      assert.equal(rejection.problems.length, 100);
      assert.equal(rejection.total, 151);
      assert.equal(describeLineProblem(rejection.problems[0]), 'line 2, column cost: must not be negative');
      assert.equal(rejection.problems[99].line, 101);
    });

    it('imports tens of thousands of lines in one go, beyond the GraphQL batch limit', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId, 10);
      const lines = Array.from({ length: 25_000 }, (_, i) => `bulk-${i},false,2024-03-01,0.${String(i % 10_000).padStart(4, '0')}`);
      const seen: number[] = [];
      const result = await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, ...lines), {
        onProgress: (progress) => {
          if (progress.phase === 'reading') seen.push(progress.rows);
        },
      });
      assert.deepEqual(result, { created: 25_000, updated: 0, unchanged: 0, rows: 25_000 });
      assert.deepEqual(seen, [10_000, 20_000, 25_000]);
    });

    it('fails with the input\'s error when the stream breaks mid-file, writes nothing, and the pool stays usable', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId);
      async function* breaking(): AsyncGenerator<string> {
        yield `${RECIPIENT_HEADER}\n`;
        for (let i = 0; i < 3_000; i += 1) yield `broken-${i},false,,1\n`;
        throw new Error('disk went away');
      }
      await assert.rejects(service.importRecipients(orgId, campaignId, Readable.from(breaking())), /disk went away/);
      assert.equal(await count('campaign_recipients WHERE campaign_id = $1', [campaignId]), 0);
      for (let i = 0; i < 5; i += 1) {
        assert.deepEqual(await service.importRecipients(orgId, campaignId, csv(RECIPIENT_HEADER, `after-${i},false,,1`)), { created: 1, updated: 0, unchanged: 0, rows: 1 });
      }
    });

    it('answers not found for an unknown organisation or another organisation\'s campaign, writing nothing', async () => {
      const orgId = await makeOrganization();
      const otherOrgId = await makeOrganization();
      const othersCampaign = await makeCampaign(otherOrgId);
      for (const [org, campaign] of [
        ['00000000-0000-4000-8000-000000000000', othersCampaign],
        ['not-a-uuid', othersCampaign],
        [orgId, othersCampaign],
        [orgId, 'not-a-uuid'],
      ]) {
        await assert.rejects(service.importRecipients(org, campaign, csv(RECIPIENT_HEADER, 'x,false,,1')), (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND');
      }
      assert.equal(await count('campaign_recipients WHERE campaign_id = $1', [othersCampaign]), 0);
    });
  });

  describe('attributions', () => {
    it('creates, leaves unchanged, updates by (campaign, order id), and logs only changed orders', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeMailedCampaign(orgId);
      const file = () =>
        csv(
          ATTRIBUTION_HEADER,
          `${campaignId},m1,o-1,2024-03-02T10:00:00+01:00,19.99,1,true,`,
          `${campaignId},m2,o-2,2024-03-03T00:30:00.123Z,0,2,,TRUE`,
          `${campaignId},h1,o-3,2024-03-04T08:00:00Z,5.5,1,false,false`,
        );
      assert.deepEqual(await service.importAttributions(orgId, file()), { created: 3, updated: 0, unchanged: 0, rows: 3 });
      assert.deepEqual(
        await db.rows(
          `SELECT a.order_id, r.external_id, a.order_date, a.revenue::text, a.order_count, a.is_subscription, a.discount_matched
             FROM attributions a JOIN campaign_recipients r ON r.id = a.recipient_id WHERE a.campaign_id = $1 ORDER BY a.order_id`,
          [campaignId],
        ),
        [
          { order_id: 'o-1', external_id: 'm1', order_date: new Date('2024-03-02T09:00:00Z'), revenue: '19.99', order_count: 1, is_subscription: true, discount_matched: false },
          { order_id: 'o-2', external_id: 'm2', order_date: new Date('2024-03-03T00:30:00.123Z'), revenue: '0.00', order_count: 2, is_subscription: false, discount_matched: true },
          { order_id: 'o-3', external_id: 'h1', order_date: new Date('2024-03-04T08:00:00Z'), revenue: '5.50', order_count: 1, is_subscription: false, discount_matched: false },
        ],
      );
      const changesAfterCreate = await count('attribution_changes WHERE campaign_id = $1', [campaignId]);

      assert.deepEqual(await service.importAttributions(orgId, file()), { created: 0, updated: 0, unchanged: 3, rows: 3 });
      assert.equal(await count('attribution_changes WHERE campaign_id = $1', [campaignId]), changesAfterCreate, 'an unchanged re-import logs nothing');

      const result = await service.importAttributions(
        orgId,
        csv('order_id,recipient_external_id,order_date,revenue,order_count,is_subscription,discount_matched', 'o-1,m2,2024-03-02T10:00:00+01:00,21,1,true,false'),
        { campaignId },
      );
      assert.deepEqual(result, { created: 0, updated: 1, unchanged: 0, rows: 1 });
      const moved = await db.row<{ external_id: string; revenue: string }>(
        `SELECT r.external_id, a.revenue::text FROM attributions a JOIN campaign_recipients r ON r.id = a.recipient_id WHERE a.campaign_id = $1 AND a.order_id = 'o-1'`,
        [campaignId],
      );
      assert.deepEqual(moved, { external_id: 'm2', revenue: '21.00' });
      assert.ok((await count('attribution_changes WHERE campaign_id = $1', [campaignId])) > changesAfterCreate);
    });

    it('brings a withdrawn order back when it is recorded again, counting it as updated', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeMailedCampaign(orgId);
      const line = `${campaignId},m1,o-9,2024-03-02T10:00:00Z,10,1,,`;
      await service.importAttributions(orgId, csv(ATTRIBUTION_HEADER, line));
      await new IngestionService(dataSource).withdrawAttributions(orgId, campaignId, ['o-9']);
      assert.deepEqual(await service.importAttributions(orgId, csv(ATTRIBUTION_HEADER, line)), { created: 0, updated: 1, unchanged: 0, rows: 1 });
      assert.equal(await count(`attributions WHERE campaign_id = $1 AND order_id = 'o-9' AND withdrawn_at IS NULL`, [campaignId]), 1);
    });

    it('rejects an order of an unmailed recipient, naming the line, and writes nothing', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeMailedCampaign(orgId);
      const rejection = await rejectionOf(
        service.importAttributions(orgId, csv(ATTRIBUTION_HEADER, `${campaignId},m1,o-1,2024-03-02T10:00:00Z,10,1,,`, `${campaignId},u1,o-2,2024-03-02T10:00:00Z,10,1,,`)),
      );
      assert.deepEqual(reportOf(rejection), [
        'line 3, column recipient_external_id: recipient "u1" has not been mailed (no send date), so no order can be attributed to it',
      ]);
      assert.equal(await count('attributions WHERE campaign_id = $1', [campaignId]), 0);
    });

    it('rejects every broken rule of a file at once, each with its line and column, and writes nothing', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeMailedCampaign(orgId);
      const otherOrgCampaign = await makeCampaign(await makeOrganization());
      const inTwoDays = new Date(Date.now() + 48 * 3600 * 1000).toISOString();
      const rejection = await rejectionOf(
        service.importAttributions(
          orgId,
          csv(
            ATTRIBUTION_HEADER,
            `${campaignId},m1,o-1,2024-03-02T10:00:00Z,10,1,,`,
            `${campaignId},m2,o-1,2024-03-02T10:00:00Z,10,1,,`,
            `${campaignId},nobody,o-3,2024-03-02T10:00:00Z,10,1,,`,
            `${campaignId},m1,o-4,${inTwoDays},10,1,,`,
            `${campaignId},m1,o-5,2024-03-02 10:00:00,10.001,0,yes,`,
            `${otherOrgCampaign},m1,o-6,2024-03-02T10:00:00Z,10,1,,`,
            `,m1,o-7,2024-03-02T10:00:00Z,10,1,,`,
            `${campaignId},m1,,2024-03-02T10:00:00Z,-1,1,,`,
          ),
        ),
      );
      assert.deepEqual(reportOf(rejection), [
        'line 3, column order_id: duplicate of line 2 (order "o-1" in the same campaign)',
        `line 4, column recipient_external_id: no recipient "nobody" in campaign ${campaignId}`,
        'line 5, column order_date: must not be more than 24 hours in the future',
        'line 6, column order_date: must be an ISO-8601 date-time with a UTC offset, such as 2024-05-01T14:30:00+02:00',
        'line 6, column revenue: must have at most 2 decimal places',
        'line 6, column order_count: must be a whole number of at least 1 (1 = first purchase)',
        'line 6, column is_subscription: must be true, false or empty (empty = false)',
        `line 7, column campaign_id: campaign "${otherOrgCampaign}" not found`,
        'line 8, column campaign_id: must not be empty',
        'line 9, column order_id: must not be empty',
        'line 9, column revenue: must not be negative',
      ]);
      assert.equal(rejection.total, 11);
      assert.equal(await count('attributions WHERE org_id = $1', [orgId]), 0);
    });

    it('with a campaign given, fills empty campaign_id cells and rejects other campaigns', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeMailedCampaign(orgId);
      const otherCampaign = await makeMailedCampaign(orgId);
      const rejection = await rejectionOf(
        service.importAttributions(orgId, csv(ATTRIBUTION_HEADER, `,m1,o-1,2024-03-02T10:00:00Z,10,1,,`, `${otherCampaign},m1,o-2,2024-03-02T10:00:00Z,10,1,,`), { campaignId }),
      );
      assert.deepEqual(reportOf(rejection), [`line 3, column campaign_id: names another campaign than the import's (${campaignId})`]);
      const result = await service.importAttributions(orgId, csv(ATTRIBUTION_HEADER, `,m1,o-1,2024-03-02T10:00:00Z,10,1,,`, `${campaignId.toUpperCase()},m2,o-2,2024-03-02T10:00:00Z,10,1,,`), { campaignId });
      assert.deepEqual(result, { created: 2, updated: 0, unchanged: 0, rows: 2 });
    });

    it('answers not found for a campaign option of another organisation', async () => {
      const orgId = await makeOrganization();
      const othersCampaign = await makeMailedCampaign(await makeOrganization());
      await assert.rejects(
        service.importAttributions(orgId, csv(ATTRIBUTION_HEADER, `,m1,o-1,2024-03-02T10:00:00Z,10,1,,`), { campaignId: othersCampaign }),
        (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND',
      );
      assert.equal(await count('attributions WHERE campaign_id = $1', [othersCampaign]), 0);
    });
  });

  describe('the CLI', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'csv-import-'));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const root = path.join(__dirname, '..', '..');
      const child = spawn(process.execPath, ['-r', './register.js', 'src/cli/import.ts', ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    }

    it('exits 0 with the counts, 1 with the report, 2 on usage errors', async () => {
      const orgId = await makeOrganization();
      const campaignId = await makeCampaign(orgId);
      const good = path.join(dir, 'good.csv');
      const bad = path.join(dir, 'bad.csv');
      await writeFile(good, `${RECIPIENT_HEADER}\nc1,false,2024-03-01,0.25\nc2,,,1\n`);
      await writeFile(bad, `${RECIPIENT_HEADER}\nc3,false,2024-03-01,0.25\nc4,false,,-2\n`);

      const imported = await runCli(['recipients', '--org', orgId, '--campaign', campaignId, good]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.equal(imported.stdout.trim().replace(/ in [\d.]+ s\)$/, ')'), `recipients from ${good}: 2 created, 0 updated, 0 unchanged (2 lines)`);

      const rejected = await runCli(['recipients', '--org', orgId, '--campaign', campaignId, bad]);
      assert.equal(rejected.code, 1);
      assert.equal(rejected.stdout, '');
      assert.equal(rejected.stderr, `line 3, column cost: must not be negative\n${bad} rejected: 1 problem; nothing was written\n`);

      const usage = [
        await runCli(['recipients', '--org', orgId, '--campaign', '00000000-0000-4000-8000-000000000000', good]),
        await runCli(['attributions', '--org', '00000000-0000-4000-8000-000000000000', good]),
        await runCli(['recipients', '--org', orgId, '--campaign', campaignId, path.join(dir, 'missing.csv')]),
        await runCli(['recipients', '--org', orgId, good]),
      ];
      assert.deepEqual(usage.map((run) => run.code), [2, 2, 2, 2]);
      assert.match(usage[0].stderr, /Campaign "00000000-0000-4000-8000-000000000000" not found/);
      assert.match(usage[1].stderr, /Organization "00000000-0000-4000-8000-000000000000" not found/);
      assert.match(usage[2].stderr, /file not found/);
      assert.match(usage[3].stderr, /required option '--campaign <campaignId>'/);
      assert.deepEqual((await recipientsOf(campaignId)).map((r) => r.external_id), ['c1', 'c2']);
    });
  });
});
