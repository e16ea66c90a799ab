import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Client } from 'pg';
import { FunnelService } from '../../src/funnels/funnel.service';
import {
  EnterFunnelDocument,
  FunnelConversionReportDocument,
  FunnelDuplicatesDocument,
  RecordCertificatePurchaseDocument,
  type CertificatePurchaseInput,
  type FunnelConversionReportQuery,
  type FunnelEntryInput,
} from '../generated/graphql';
import { expectData, expectError, useTestApp } from '../helpers/app';
import { queryRows, snapshotDatabase } from '../helpers/db-snapshot';
import { createTestDatabase } from '../helpers/environment';
import { makeOrganization, type TestOrganization } from '../helpers/factories';

const ROOT = path.join(__dirname, '..', '..');

interface OutboxRow {
  funnel_entry_id: string;
  operation: string;
  status: string;
  retry_count: number;
  next_attempt_at: Date | null;
  payload: Record<string, unknown>;
}

function runCli(script: string, databaseUrl: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', './register.js', `src/cli/${script}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Row = FunnelConversionReportQuery['funnelConversionReport']['rows'][number];
const rowsText = (rows: Row[]) => rows.map((r) => `${r.funnelType}/${r.source ?? '-'}: ${r.entries} ${r.purchased} ${r.conversion ?? 'null'}`);

describe('funnels', () => {
  const app = useTestApp();

  const enter = (org: TestOrganization, input: FunnelEntryInput) => app().gql(EnterFunnelDocument, { input }, org.apiKey);
  const purchase = (org: TestOrganization, input: CertificatePurchaseInput) => app().gql(RecordCertificatePurchaseDocument, { input }, org.apiKey);
  const outboxOf = (org: TestOrganization) =>
    queryRows<OutboxRow>(
      app().databaseUrl,
      `SELECT funnel_entry_id::text, operation, status, retry_count, next_attempt_at, payload FROM brevo_sync_outbox WHERE org_id = $1 ORDER BY id`,
      [org.id],
    );

  describe('enterFunnel', () => {
    let org: TestOrganization;
    before(async () => {
      org = await makeOrganization(app(), { timezone: 'America/Los_Angeles' });
    });

    it('stores a normalised entry and its upsert_contact job with ENTERED_AT in the organisation\'s timezone', async () => {
      const { enterFunnel } = expectData(
        await enter(org, { email: '  Anna.Adams@Example.COM ', funnelType: 'LANGUAGE', testId: 'english-b2', userId: 'u1', source: 'email_language_v1', enteredAt: '2024-03-10T05:00:00Z' }),
      );
      assert.equal(enterFunnel.created, true);
      assert.deepEqual({ ...enterFunnel.entry, id: 'x' }, {
        id: 'x',
        email: 'anna.adams@example.com',
        funnelType: 'LANGUAGE',
        testId: 'english-b2',
        userId: 'u1',
        source: 'email_language_v1',
        enteredAt: '2024-03-10T05:00:00.000Z',
        certificatePurchased: false,
        certificatePurchasedAt: null,
      });
      const jobs = await outboxOf(org);
      assert.equal(jobs.length, 1);
      assert.deepEqual(jobs[0], {
        funnel_entry_id: enterFunnel.entry.id,
        operation: 'upsert_contact',
        status: 'pending',
        retry_count: 0,
        next_attempt_at: null,
        // 05:00 UTC is still the evening before in Los Angeles.
        payload: { email: 'anna.adams@example.com', funnelType: 'language', testId: 'english-b2', userId: 'u1', source: 'email_language_v1', attributes: { ENTERED_AT: '2024-03-09' } },
      });
    });

    it('answers a repeat — padded, differently cased, with other details — with the stored entry, writing nothing', async () => {
      const first = expectData(await enter(org, { email: 'bob@example.org', funnelType: 'NON_LANGUAGE', testId: 'typing', enteredAt: '2024-04-01T10:00:00Z' })).enterFunnel;
      const before = await snapshotDatabase(app().databaseUrl);
      const again = expectData(await enter(org, { email: ' BOB@example.org', funnelType: 'NON_LANGUAGE', testId: 'typing', userId: 'other', source: 'other', enteredAt: '2024-04-02T10:00:00Z' })).enterFunnel;
      assert.equal(again.created, false);
      assert.deepEqual(again.entry, first.entry);
      assert.deepEqual(await snapshotDatabase(app().databaseUrl), before);
      // Another funnel type or test id is another entry.
      assert.equal(expectData(await enter(org, { email: 'bob@example.org', funnelType: 'LANGUAGE', testId: 'typing' })).enterFunnel.created, true);
      assert.equal(expectData(await enter(org, { email: 'bob@example.org', funnelType: 'NON_LANGUAGE', testId: 'Typing' })).enterFunnel.created, true);
    });

    it('defaults enteredAt to now', async () => {
      const started = Date.now();
      const { entry } = expectData(await enter(org, { email: 'now@example.com', funnelType: 'LANGUAGE', testId: 't' })).enterFunnel;
      const enteredAt = Date.parse(entry.enteredAt);
      assert.ok(enteredAt >= started - 1000 && enteredAt <= Date.now() + 1000, entry.enteredAt);
    });

    it('logs an informational line for a repeat', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'info', base: undefined }, { write: (line: string) => lines.push(line) });
      const service = new FunnelService(app().running.context.dataSource, logger);
      const input = { email: 'log@example.com', funnelType: 'language' as const, testId: 't', userId: null, source: null, enteredAt: null };
      assert.equal((await service.enter(org.id, input)).created, true);
      assert.equal(lines.length, 0);
      assert.equal((await service.enter(org.id, input)).created, false);
      assert.equal(lines.length, 1);
      assert.match(lines[0], /"level":30,.*"msg":"funnel entry already present; nothing written"/);
    });

    it('gives 16 concurrent identical calls one entry and one outbox job, and every caller an answer', async () => {
      for (const round of [1, 2, 3]) {
        const input: FunnelEntryInput = { email: `Race${round}@Example.com`, funnelType: 'LANGUAGE', testId: 'race' };
        const responses = await Promise.all(Array.from({ length: 16 }, () => enter(org, input)));
        const results = responses.map((r) => expectData(r).enterFunnel);
        assert.equal(results.filter((r) => r.created).length, 1, `round ${round}`);
        assert.equal(new Set(results.map((r) => r.entry.id)).size, 1);
        const [counts] = await queryRows<{ entries: number; jobs: number }>(
          app().databaseUrl,
          `SELECT (SELECT count(*) FROM funnel_entries WHERE org_id = $1 AND email = $2)::int AS entries,
                  (SELECT count(*) FROM brevo_sync_outbox WHERE org_id = $1 AND funnel_entry_id = $3)::int AS jobs`,
          [org.id, `race${round}@example.com`, results[0].entry.id],
        );
        assert.deepEqual(counts, { entries: 1, jobs: 1 });
      }
    });

    it('rejects bad input naming the field, writing nothing', async () => {
      const before = await snapshotDatabase(app().databaseUrl);
      const tooLate = new Date(Date.now() + 25 * 3600 * 1000).toISOString();
      const cases: Array<[FunnelEntryInput, string]> = [
        [{ email: 'not an address', funnelType: 'LANGUAGE', testId: 't' }, 'input.email'],
        [{ email: '   ', funnelType: 'LANGUAGE', testId: 't' }, 'input.email'],
        [{ email: 'a@example.com', funnelType: 'LANGUAGE', testId: ' ' }, 'input.testId'],
        [{ email: 'a@example.com', funnelType: 'LANGUAGE', testId: 'x'.repeat(201) }, 'input.testId'],
        [{ email: 'a@example.com', funnelType: 'LANGUAGE', testId: 't', source: 'x'.repeat(201) }, 'input.source'],
        [{ email: 'a@example.com', funnelType: 'LANGUAGE', testId: 't', userId: '' }, 'input.userId'],
        [{ email: 'a@example.com', funnelType: 'LANGUAGE', testId: 't', enteredAt: tooLate }, 'input.enteredAt'],
      ];
      for (const [input, field] of cases) {
        const error = expectError(await enter(org, input));
        assert.deepEqual([error.code, error.field], ['BAD_USER_INPUT', field], JSON.stringify(input));
      }
      assert.deepEqual(await snapshotDatabase(app().databaseUrl), before);
    });
  });

  describe('recordCertificatePurchase', () => {
    let org: TestOrganization;
    before(async () => {
      org = await makeOrganization(app(), { timezone: 'Europe/Berlin' });
      for (const funnelType of ['LANGUAGE', 'NON_LANGUAGE'] as const) {
        expectData(await enter(org, { email: 'carla@example.com', funnelType, testId: 'cert', userId: 'u7', enteredAt: '2024-05-01T10:00:00Z' }));
      }
      expectData(await enter(org, { email: 'dan@example.com', funnelType: 'LANGUAGE', testId: 'cert', enteredAt: '2024-05-10T10:00:00Z' }));
    });

    it('marks every funnel type of (email, test id) and enqueues one update_contact job each', async () => {
      const jobsBefore = (await outboxOf(org)).length;
      const entries = expectData(await purchase(org, { email: ' CARLA@example.com', testId: 'cert', purchasedAt: '2024-05-31T22:30:00Z' })).recordCertificatePurchase;
      assert.deepEqual(
        entries.map((e) => [e.funnelType, e.certificatePurchased, e.certificatePurchasedAt]),
        [
          ['LANGUAGE', true, '2024-05-31T22:30:00.000Z'],
          ['NON_LANGUAGE', true, '2024-05-31T22:30:00.000Z'],
        ],
      );
      const jobs = (await outboxOf(org)).slice(jobsBefore);
      assert.deepEqual(
        jobs.map((j) => [j.funnel_entry_id, j.operation, j.status, j.payload]),
        entries.map((e) => [
          e.id,
          'update_contact',
          'pending',
          // 22:30 UTC on 31 May is 1 June in Berlin.
          { email: 'carla@example.com', funnelType: e.funnelType.toLowerCase(), testId: 'cert', userId: 'u7', source: null, attributes: { CERTIFICATE_PURCHASED: true, CERTIFICATE_PURCHASED_AT: '2024-06-01' } },
        ]),
      );
    });

    it('keeps the first purchase time on a repeat and enqueues nothing', async () => {
      const before = await snapshotDatabase(app().databaseUrl);
      const entries = expectData(await purchase(org, { email: 'carla@example.com', testId: 'cert', funnelType: 'LANGUAGE', purchasedAt: '2024-05-20T10:00:00Z' })).recordCertificatePurchase;
      assert.deepEqual(entries.map((e) => [e.funnelType, e.certificatePurchasedAt]), [['LANGUAGE', '2024-05-31T22:30:00.000Z']]);
      assert.deepEqual(await snapshotDatabase(app().databaseUrl), before);
    });

    it('does not count a purchase before the entry, and counts a later one', async () => {
      const early = expectData(await purchase(org, { email: 'dan@example.com', testId: 'cert', purchasedAt: '2024-05-09T10:00:00Z' })).recordCertificatePurchase;
      assert.deepEqual(early.map((e) => [e.certificatePurchased, e.certificatePurchasedAt]), [[false, null]]);
      const onTime = expectData(await purchase(org, { email: 'dan@example.com', testId: 'cert', purchasedAt: '2024-05-10T10:00:00Z' })).recordCertificatePurchase;
      assert.deepEqual(onTime.map((e) => [e.certificatePurchased, e.certificatePurchasedAt]), [[true, '2024-05-10T10:00:00.000Z']]);
    });

    it('returns [] without a match, writing nothing', async () => {
      const before = await snapshotDatabase(app().databaseUrl);
      assert.deepEqual(expectData(await purchase(org, { email: 'nobody@example.com', testId: 'cert' })).recordCertificatePurchase, []);
      assert.deepEqual(expectData(await purchase(org, { email: 'dan@example.com', testId: 'cert', funnelType: 'NON_LANGUAGE' })).recordCertificatePurchase, []);
      assert.deepEqual(await snapshotDatabase(app().databaseUrl), before);
    });

    it('rejects a bad e-mail or a purchase more than 24 hours ahead', async () => {
      assert.equal(expectError(await purchase(org, { email: 'carla', testId: 'cert' })).field, 'input.email');
      const later = new Date(Date.now() + 25 * 3600 * 1000).toISOString();
      assert.equal(expectError(await purchase(org, { email: 'carla@example.com', testId: 'cert', purchasedAt: later })).field, 'input.purchasedAt');
    });

    it('enqueues exactly one job when the same purchase arrives concurrently', async () => {
      expectData(await enter(org, { email: 'eve@example.com', funnelType: 'LANGUAGE', testId: 'cert', enteredAt: '2024-05-01T10:00:00Z' }));
      const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => purchase(org, { email: 'eve@example.com', testId: 'cert', purchasedAt: `2024-05-0${i + 2}T10:00:00Z` })));
      const times = new Set(responses.map((r) => expectData(r).recordCertificatePurchase[0].certificatePurchasedAt));
      assert.equal(times.size, 1);
      const jobs = await queryRows<{ n: number }>(
        app().databaseUrl,
        `SELECT count(*)::int AS n FROM brevo_sync_outbox o JOIN funnel_entries e ON e.org_id = o.org_id AND e.id = o.funnel_entry_id
          WHERE o.org_id = $1 AND e.email = 'eve@example.com' AND o.operation = 'update_contact'`,
        [org.id],
      );
      assert.equal(jobs[0].n, 1);
    });
  });

  describe('funnelConversionReport', () => {
    let org: TestOrganization;
    const report = async (variables: { fromDate?: string; toDate?: string; bySource?: boolean }) =>
      expectData(await app().gql(FunnelConversionReportDocument, variables, org.apiKey)).funnelConversionReport;

    before(async () => {
      // Berlin: UTC+1 until 31 March 2024 02:00, then UTC+2.
      org = await makeOrganization(app(), { timezone: 'Europe/Berlin' });
      const entries: Array<FunnelEntryInput & { purchasedAt?: string }> = [
        { email: 'l1@example.com', funnelType: 'LANGUAGE', testId: 't', enteredAt: '2024-02-29T22:59:59.999Z' }, // local 29 Feb 23:59:59.999
        { email: 'l2@example.com', funnelType: 'LANGUAGE', testId: 't', enteredAt: '2024-02-29T23:00:00.000Z', purchasedAt: '2024-05-01T10:00:00Z' }, // local 1 Mar 00:00
        { email: 'l3@example.com', funnelType: 'LANGUAGE', testId: 't', source: 'email_v1', enteredAt: '2024-03-15T12:00:00Z', purchasedAt: '2024-03-16T12:00:00Z' },
        { email: 'l4@example.com', funnelType: 'LANGUAGE', testId: 't', source: 'email_v1', enteredAt: '2024-03-31T21:59:59.999Z' }, // local 31 Mar 23:59:59.999
        { email: 'l5@example.com', funnelType: 'LANGUAGE', testId: 't', enteredAt: '2024-03-31T22:00:00.000Z', purchasedAt: '2024-04-02T10:00:00Z' }, // local 1 Apr 00:00
        { email: 'l6@example.com', funnelType: 'LANGUAGE', testId: 't', enteredAt: '2024-03-20T10:00:00Z', purchasedAt: '2024-03-20T09:00:00Z' }, // bought before entering
        { email: 'n1@example.com', funnelType: 'NON_LANGUAGE', testId: 't', source: 'paid', enteredAt: '2024-03-10T10:00:00Z', purchasedAt: '2024-03-10T10:00:00Z' },
        { email: 'n2@example.com', funnelType: 'NON_LANGUAGE', testId: 't', enteredAt: '2024-03-20T10:00:00Z' },
      ];
      for (const { purchasedAt, ...input } of entries) {
        expectData(await enter(org, input));
        if (purchasedAt) expectData(await purchase(org, { email: input.email, testId: input.testId, purchasedAt }));
      }
      // Entered twelve hours from now: in "everything", not in "from a date up to now".
      expectData(await enter(org, { email: 'future@example.com', funnelType: 'LANGUAGE', testId: 't', enteredAt: new Date(Date.now() + 12 * 3600 * 1000).toISOString() }));
    });

    it('counts entries by local date, from inclusive and to exclusive, and purchases whenever they happened', async () => {
      const march = await report({ fromDate: '2024-03-01', toDate: '2024-04-01' });
      assert.deepEqual([march.fromDate, march.toDate], ['2024-03-01', '2024-04-01']);
      assert.deepEqual(rowsText(march.rows), ['LANGUAGE/-: 4 2 0.5', 'NON_LANGUAGE/-: 2 1 0.5']);
      assert.deepEqual(rowsText((await report({ toDate: '2024-03-01' })).rows), ['LANGUAGE/-: 1 0 0', 'NON_LANGUAGE/-: 0 0 null']);
      assert.deepEqual(rowsText((await report({ fromDate: '2024-04-01', toDate: '2024-04-02' })).rows), ['LANGUAGE/-: 1 1 1', 'NON_LANGUAGE/-: 0 0 null']);
    });

    it('covers everything without dates, and up to now with only a from date', async () => {
      const all = await report({});
      assert.deepEqual([all.fromDate, all.toDate], [null, null]);
      assert.deepEqual(rowsText(all.rows), ['LANGUAGE/-: 7 3 0.42857142857142855', 'NON_LANGUAGE/-: 2 1 0.5']);
      assert.deepEqual(rowsText((await report({ fromDate: '2024-03-01' })).rows), ['LANGUAGE/-: 5 3 0.6', 'NON_LANGUAGE/-: 2 1 0.5']);
    });

    it('splits by source: alphabetically, null last, a zero row for a type without entries', async () => {
      assert.deepEqual(rowsText((await report({ fromDate: '2024-03-01', toDate: '2024-04-01', bySource: true })).rows), [
        'LANGUAGE/email_v1: 2 1 0.5',
        'LANGUAGE/-: 2 1 0.5',
        'NON_LANGUAGE/paid: 1 1 1',
        'NON_LANGUAGE/-: 1 0 0',
      ]);
      assert.deepEqual(rowsText((await report({ toDate: '2024-03-01', bySource: true })).rows), ['LANGUAGE/-: 1 0 0', 'NON_LANGUAGE/-: 0 0 null']);
    });

    it('gives zeros and null conversions for an empty range, and rejects from ≥ to', async () => {
      assert.deepEqual(rowsText((await report({ fromDate: '2023-01-01', toDate: '2023-02-01' })).rows), ['LANGUAGE/-: 0 0 null', 'NON_LANGUAGE/-: 0 0 null']);
      for (const variables of [{ fromDate: '2024-03-01', toDate: '2024-03-01' }, { fromDate: '2024-03-02', toDate: '2024-03-01' }]) {
        const error = expectError(await app().gql(FunnelConversionReportDocument, variables, org.apiKey));
        assert.deepEqual([error.code, error.field], ['BAD_USER_INPUT', 'toDate']);
      }
    });

    describe('CLI report:conversions', function () {
      this.timeout(120_000);
      const cli = (...args: string[]) => runCli('report-conversions.ts', app().databaseUrl, args);

      it("prints the seed's exact format", () => {
        const result = cli('--org', org.id, '--from-date', '2024-03-01', '--to-date', '2024-04-01');
        assert.equal(result.status, 0, result.stderr);
        assert.equal(
          result.stdout,
          'Funnel conversion report\n------------------------\nlanguage: entries=4, purchased=2, conversion=50.00%\nnon_language: entries=2, purchased=1, conversion=50.00%\n',
        );
        const before = cli('--org', org.id, '--to-date', '2024-03-01');
        assert.equal(before.stdout, 'Funnel conversion report\n------------------------\nlanguage: entries=1, purchased=0, conversion=0.00%\nnon_language: entries=0, purchased=0, conversion=0.00%\n');
        const all = cli('--org', org.id);
        assert.equal(all.stdout.split('\n')[2], 'language: entries=7, purchased=3, conversion=42.86%');
      });

      it('prints by source', () => {
        const result = cli('--org', org.id, '--from-date', '2024-03-01', '--to-date', '2024-04-01', '--by-source');
        assert.equal(result.status, 0, result.stderr);
        assert.equal(
          result.stdout,
          [
            'Funnel conversion report',
            '------------------------',
            'language: entries=4, purchased=2, conversion=50.00%',
            '  source=email_v1: entries=2, purchased=1, conversion=50.00%',
            '  (no source): entries=2, purchased=1, conversion=50.00%',
            'non_language: entries=2, purchased=1, conversion=50.00%',
            '  source=paid: entries=1, purchased=1, conversion=100.00%',
            '  (no source): entries=1, purchased=0, conversion=0.00%',
            '',
          ].join('\n'),
        );
      });

      it('exits 2 with a clear message on bad dates, an empty range, or no organisation chosen', () => {
        const cases: Array<[string[], RegExp]> = [
          [['--org', org.id, '--from-date', '2024-13-01'], /--from-date: must be a date written YYYY-MM-DD, got "2024-13-01"/],
          [['--org', org.id, '--to-date', '01.03.2024'], /--to-date: must be a date written YYYY-MM-DD/],
          [['--org', org.id, '--from-date', '2024-03-01', '--to-date', '2024-03-01'], /--to-date: must be after --from-date \(2024-03-01\)/],
          [['--org', 'nope'], /--org: "nope" is not an organisation id/],
          [['--org', '00000000-0000-4000-8000-000000000000'], /--org: organisation 00000000-0000-4000-8000-000000000000 not found/],
          [[], /\d+ organisations exist; choose one with --org ID:/],
          [['--bogus'], /unknown option '--bogus'/],
        ];
        for (const [args, message] of cases) {
          const result = cli(...args);
          assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
          assert.equal(result.stdout, '');
          assert.match(result.stderr, message);
        }
      });
    });
  });

  describe('funnelDuplicates', () => {
    let org: TestOrganization;
    before(async () => {
      org = await makeOrganization(app());
    });

    it('finds nothing where the constraint and normalisation hold', async () => {
      expectData(await enter(org, { email: 'anna@example.com', funnelType: 'LANGUAGE', testId: 'english-b2', enteredAt: '2024-01-01T10:00:00Z' }));
      expectData(await enter(org, { email: 'anna@example.com', funnelType: 'NON_LANGUAGE', testId: 'english-b2', enteredAt: '2024-01-01T10:00:00Z' }));
      assert.deepEqual(expectData(await app().gql(FunnelDuplicatesDocument, {}, org.apiKey)).funnelDuplicates, []);
    });

    it('finds whitespace variants of e-mails and case/whitespace variants of test ids, writing nothing', async () => {
      // What another writer (a raw SQL import) can store past the CHECK: btrim() strips spaces only.
      const rows = await queryRows<{ id: string }>(
        app().databaseUrl,
        `INSERT INTO funnel_entries (org_id, email, funnel_type, test_id, entered_at) VALUES
           ($1, E'anna@example.com\\t', 'language', 'english-b2', '2024-01-03T10:00:00Z'),
           ($1, 'anna@example.com' || chr(160), 'language', 'english-b2', '2024-01-02T10:00:00Z'),
           ($1, 'bob@example.org', 'language', 'English-B2 ', '2024-02-01T10:00:00Z'),
           ($1, 'bob@example.org', 'language', 'english-b2', '2024-02-05T10:00:00Z')
         RETURNING id::text`,
        [org.id],
      );
      const [anna] = await queryRows<{ id: string }>(app().databaseUrl, `SELECT id::text FROM funnel_entries WHERE org_id = $1 AND email = 'anna@example.com' AND funnel_type = 'language'`, [org.id]);
      const before = await snapshotDatabase(app().databaseUrl);
      const groups = expectData(await app().gql(FunnelDuplicatesDocument, {}, org.apiKey)).funnelDuplicates;
      assert.deepEqual(await snapshotDatabase(app().databaseUrl), before);
      assert.deepEqual(groups, [
        {
          email: 'anna@example.com',
          funnelType: 'LANGUAGE',
          testId: 'english-b2',
          count: 3,
          minId: anna.id,
          maxId: rows[1].id,
          firstEnteredAt: '2024-01-01T10:00:00.000Z',
          lastEnteredAt: '2024-01-03T10:00:00.000Z',
          emails: ['anna@example.com', 'anna@example.com\t', 'anna@example.com\u00a0'],
          testIds: ['english-b2'],
        },
        {
          email: 'bob@example.org',
          funnelType: 'LANGUAGE',
          testId: 'english-b2',
          count: 2,
          minId: rows[2].id,
          maxId: rows[3].id,
          firstEnteredAt: '2024-02-01T10:00:00.000Z',
          lastEnteredAt: '2024-02-05T10:00:00.000Z',
          emails: ['bob@example.org'],
          testIds: ['English-B2 ', 'english-b2'],
        },
      ]);
    });
  });
});

/** Every CLI against a database of its own: one organisation, so no --org is needed. */
describe('funnel CLIs on a one-organisation database', function () {
  this.timeout(120_000);
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let orgId: string;
  let dir: string;

  const sql = async <T>(text: string, params: unknown[] = []) => queryRows<T>(database.url, text, params);

  before(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'funnels-'));
    [{ id: orgId }] = await sql<{ id: string }>(`INSERT INTO organizations (name, timezone) VALUES ('Solo', 'Asia/Tokyo') RETURNING id`);
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  function csvFile(name: string, lines: string[]): string {
    const file = path.join(dir, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  it('report:conversions uses the only organisation and prints zeros for an empty one', () => {
    const result = runCli('report-conversions.ts', database.url, []);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'Funnel conversion report\n------------------------\nlanguage: entries=0, purchased=0, conversion=0.00%\nnon_language: entries=0, purchased=0, conversion=0.00%\n');
  });

  it('import:funnels imports idempotently, each new entry with its upsert_contact job', async () => {
    const file = csvFile('entries.csv', [
      'email,funnel_type,test_id,user_id,source,entered_at',
      ' Anna@Example.com ,language,english-b2,u1,email_v1,2024-03-10T16:00:00Z',
      'bob@example.org,NON_LANGUAGE,typing,,,2024-03-11T10:00:00+09:00',
      'ANNA@example.com,language,english-b2,u9,other,2024-03-12T10:00:00Z',
      'carla@example.com,non_language,typing,,,',
    ]);
    const first = runCli('import-funnels.ts', database.url, ['--org', orgId, file]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^funnel entries from .*entries\.csv: 3 created, 0 already present, 1 repeated in the file \(4 lines in [\d.]+ s\)\n$/);
    const entries = await sql<{ email: string; funnel_type: string; user_id: string | null; source: string | null; entered_at: Date; payload: Record<string, unknown> }>(
      `SELECT e.email, e.funnel_type, e.user_id, e.source, e.entered_at, o.payload
         FROM funnel_entries e JOIN brevo_sync_outbox o ON o.org_id = e.org_id AND o.funnel_entry_id = e.id AND o.operation = 'upsert_contact'
        WHERE e.org_id = $1 ORDER BY e.id`,
      [orgId],
    );
    assert.deepEqual(entries.map((e) => [e.email, e.funnel_type, e.user_id, e.source]), [
      ['anna@example.com', 'language', 'u1', 'email_v1'],
      ['bob@example.org', 'non_language', null, null],
      ['carla@example.com', 'non_language', null, null],
    ]);
    // 16:00 UTC is 1:00 the next day in Tokyo.
    assert.deepEqual(entries[0].payload, { email: 'anna@example.com', funnelType: 'language', testId: 'english-b2', userId: 'u1', source: 'email_v1', attributes: { ENTERED_AT: '2024-03-11' } });
    assert.equal(entries[1].entered_at.toISOString(), '2024-03-11T01:00:00.000Z');
    assert.ok(Math.abs(entries[2].entered_at.getTime() - Date.now()) < 120_000, 'an empty entered_at is the import time');

    const again = runCli('import-funnels.ts', database.url, ['--org', orgId, file]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /: 0 created, 3 already present, 1 repeated in the file/);
    const [{ jobs }] = await sql<{ jobs: number }>(`SELECT count(*)::int AS jobs FROM brevo_sync_outbox WHERE org_id = $1`, [orgId]);
    assert.equal(jobs, 3);

    const report = runCli('report-conversions.ts', database.url, ['--from-date', '2024-03-01', '--to-date', '2024-04-01']);
    assert.equal(report.stdout.split('\n').slice(2).join('\n'), 'language: entries=1, purchased=0, conversion=0.00%\nnon_language: entries=1, purchased=0, conversion=0.00%\n');
  });

  it('import:funnels rejects a file with bad lines, naming line and column, writing nothing', async () => {
    const before = await snapshotDatabase(database.url);
    const file = csvFile('bad.csv', [
      'email,funnel_type,test_id,entered_at',
      'dora@example.com,language,t1,2024-03-10T10:00:00Z',
      'not-an-address,language,t1,',
      'ed@example.com,books,t1,',
      'fay@example.com,language,,2024-03-10',
    ]);
    const result = runCli('import-funnels.ts', database.url, ['--org', orgId, file]);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /line 3, column email: "not-an-address" is not a valid e-mail address/);
    assert.match(result.stderr, /line 4, column funnel_type: must be language or non_language, got "books"/);
    assert.match(result.stderr, /line 5, column test_id: must not be empty/);
    assert.match(result.stderr, /line 5, column entered_at: must be an ISO-8601 date-time with a UTC offset/);
    assert.match(result.stderr, /bad\.csv rejected: 4 problems; nothing was written/);
    assert.deepEqual(await snapshotDatabase(database.url), before);

    const header = runCli('import-funnels.ts', database.url, ['--org', orgId, csvFile('header.csv', ['mail,funnel_type,test_id', 'a@example.com,language,t'])]);
    assert.equal(header.status, 1);
    assert.match(header.stderr, /line 1: unknown column "mail"/);

    const unknownOrg = runCli('import-funnels.ts', database.url, ['--org', '00000000-0000-4000-8000-000000000000', file]);
    assert.equal(unknownOrg.status, 2);
    assert.match(unknownOrg.stderr, /Organization "00000000-0000-4000-8000-000000000000" not found/);
    assert.equal(runCli('import-funnels.ts', database.url, [file]).status, 2);
    assert.equal(runCli('import-funnels.ts', database.url, ['--org', orgId, path.join(dir, 'missing.csv')]).status, 2);
  });

  it('funnel:duplicates reports "no duplicates", then finds variants, writing nothing', async () => {
    const clean = runCli('funnel-duplicates.ts', database.url, ['--org', orgId]);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, 'No duplicate funnel entries: no two entries share (email, funnel_type, test_id), not even after trimming and lower-casing e-mail and test id.\n');

    await sql(
      `INSERT INTO funnel_entries (org_id, email, funnel_type, test_id, entered_at) VALUES
         ($1, E'anna@example.com\\r\\n', 'language', 'english-b2', '2024-03-20T10:00:00Z'),
         ($1, 'bob@example.org', 'non_language', ' TYPING', '2024-03-21T10:00:00Z')`,
      [orgId],
    );
    const counters = await writeCounters(database.url);
    const snapshot = await snapshotDatabase(database.url);
    const found = runCli('funnel-duplicates.ts', database.url, []);
    assert.equal(found.status, 1, found.stderr);
    const lines = found.stdout.split('\n');
    assert.match(lines[0], /^org_id +email +funnel_type +test_id +count +min_id +max_id +first_entered_at +last_entered_at +variants$/);
    assert.match(lines[2], new RegExp(`^${orgId} +"anna@example.com" +language +"english-b2" +2 +\\d+ +\\d+ +2024-03-10T16:00:00.000Z +2024-03-20T10:00:00.000Z +email "anna@example.com" / "anna@example.com\\\\r\\\\n"$`));
    assert.match(lines[3], new RegExp(`^${orgId} +"bob@example.org" +non_language +"typing" +2 .* +test_id " TYPING" / "typing"$`));
    assert.equal(lines[5], '2 duplicate groups covering 4 entries (e-mail and test id compared trimmed and lower-cased).');
    assert.deepEqual(await snapshotDatabase(database.url), snapshot);
    assert.deepEqual(await writeCounters(database.url), counters, 'the diagnostic wrote to a table');

    assert.equal(runCli('funnel-duplicates.ts', database.url, ['--org', 'x']).status, 2);
  });
});

/**
 * Rows inserted, updated and deleted in every user table so far (pg_stat_user_tables). A
 * backend reports its counters when its transaction ends or it exits, a moment later; so wait
 * until two reads a little apart agree.
 */
async function writeCounters(databaseUrl: string): Promise<string> {
  const read = async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ counters: string }>(
        `SELECT string_agg(format('%s:%s/%s/%s', relname, n_tup_ins, n_tup_upd, n_tup_del), ' ' ORDER BY relname) AS counters FROM pg_stat_user_tables`,
      );
      return rows[0].counters;
    } finally {
      await client.end();
    }
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
  await pause();
  let last = await read();
  for (let i = 0; i < 20; i += 1) {
    await pause();
    const next = await read();
    if (next === last) break;
    last = next;
  }
  return last;
}
