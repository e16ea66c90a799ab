import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CsvImportService, type ImportProgress } from '../src/campaigns/csv-import.service';
import { TableStatisticsRepository } from '../src/db/table-statistics.repository';
import { loadConfig } from '../src/config';
import { makeDataSource } from '../src/db/data-source';
import { resolveDatabase } from '../src/db/database-url';
import { migrateDatabase } from '../src/db/migrate';
import { makeLogger } from '../src/logger';
import { median, timed, type Benchmark } from './bench-kit';

/**
 * The CSV importer on 1,000,000 attributions (of 250,000 recipients, 10% holdout) into a fresh
 * database each round, against a bare COPY of the same file into an unlogged table without any
 * check: the price of validation, staging and the upsert. DATABASE_URL's server when set, else
 * the embedded PostgreSQL; each round gets a database cloned from a freshly migrated template.
 */
/** BENCH_ATTRIBUTIONS changes the size (recipients are a quarter of it), BENCH_ROUNDS the rounds. */
const ATTRIBUTIONS = Number(process.env.BENCH_ATTRIBUTIONS ?? 1_000_000);
const RECIPIENTS = Math.floor(ATTRIBUTIONS / 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ORG_ID = '6f1d7a52-3c1e-4b8e-9a51-0c7c3f0b2a10';
const CAMPAIGN_ID = '0b9e2c44-8d3a-4f4e-b1c2-7a6d5e4f3a21';

const quiet = makeLogger('silent', false);

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Writes `count` lines made by `line` after `header`, in chunks, respecting backpressure. */
async function writeCsv(file: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  let chunk = `${header}\n`;
  for (let i = 0; i < count; i += 1) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const isHoldout = (i: number) => i % 10 === 0;

async function writeFiles(dir: string): Promise<{ recipients: string; attributions: string }> {
  const recipients = path.join(dir, 'recipients.csv');
  const attributions = path.join(dir, 'attributions.csv');
  await writeCsv(recipients, 'external_id,is_holdout,send_date,cost', RECIPIENTS, (i) =>
    isHoldout(i) ? `cust-${i},true,,0` : `cust-${i},false,2024-03-${String(1 + (i % 28)).padStart(2, '0')},0.4525`,
  );
  const start = Date.parse('2024-03-01T00:00:00Z');
  await writeCsv(
    attributions,
    'campaign_id,recipient_external_id,order_id,order_date,revenue,order_count,is_subscription,discount_matched',
    ATTRIBUTIONS,
    (i) =>
      `${CAMPAIGN_ID},cust-${(i * 7919) % RECIPIENTS},ord-${i},${new Date(start + i * 20_000).toISOString().replace('Z', '+00:00')},` +
      `${(i % 20_000) / 100},${1 + (i % 3)},${i % 5 === 0},${i % 7 === 0 ? 'true' : ''}`,
  );
  return { recipients, attributions };
}

/** The baseline: the attributions file COPYed as CSV into typed columns, no checks, no WAL. */
async function bareCopy(url: string, file: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE UNLOGGED TABLE bench_copy_baseline (
        campaign_id uuid, recipient_external_id text, order_id text, order_date timestamptz,
        revenue numeric(14, 2), order_count integer, is_subscription boolean, discount_matched boolean)`);
    const copy = client.query(copyFrom('COPY bench_copy_baseline FROM STDIN (FORMAT csv, HEADER true)'));
    await pipeline(createReadStream(file), copy);
    return copy.rowCount;
  } finally {
    await client.end();
  }
}

interface Round {
  recipientsMs: number;
  attributionsMs: number;
  /** Of attributionsMs: parsing, cell checks and COPY; the SQL checks; the upsert. */
  phasesMs: { reading: number; checking: number; writing: number };
  reimportMs: number;
  baselineMs: number;
}

/** Milliseconds spent in each phase the importer reports, the last one ending at `done`. */
function phaseClock(): { onProgress(progress: ImportProgress): void; phases(done: number): Round['phasesMs'] } {
  const started = Date.now();
  const entered: Partial<Record<ImportProgress['phase'], number>> = {};
  return {
    onProgress(progress) {
      entered[progress.phase] ??= Date.now();
    },
    phases(done) {
      const checking = entered.checking ?? done;
      const writing = entered.writing ?? done;
      return { reading: checking - started, checking: writing - checking, writing: started + done - writing };
    },
  };
}

/**
 * `statsOfEmptyTables`: the first import into a new database of a running server, whose
 * autovacuum has already analysed the tables while they were empty — statistics that say
 * "no rows" for tables the import fills with millions (issue 17 item 9).
 */
async function runRound(url: string, files: { recipients: string; attributions: string }, statsOfEmptyTables = false): Promise<Round> {
  return runRoundOnce(url, files, statsOfEmptyTables);
}

/**
 * The same round with the importer's statistics refresh switched off (the state before the fix
 * of issue 17 item 9), so the fix is measured against its absence in the same run.
 */
async function runRoundWithoutRefresh(url: string, files: { recipients: string; attributions: string }): Promise<Round> {
  const refresh = TableStatisticsRepository.prototype.refresh;
  TableStatisticsRepository.prototype.refresh = async () => [];
  try {
    return await runRoundOnce(url, files, true);
  } finally {
    TableStatisticsRepository.prototype.refresh = refresh;
  }
}

async function runRoundOnce(url: string, files: { recipients: string; attributions: string }, statsOfEmptyTables: boolean): Promise<Round> {
  const baseline = await timed(() => bareCopy(url, files.attributions));
  if (baseline.result !== ATTRIBUTIONS) throw new Error(`baseline copied ${baseline.result} rows`);

  const dataSource = await makeDataSource(url, 2).initialize();
  try {
    if (statsOfEmptyTables) await dataSource.query('ANALYZE');
    await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Bench')`, [ORG_ID]);
    await dataSource.query(
      `INSERT INTO campaigns (id, org_id, external_id, name, holdout_enabled, holdout_percent) VALUES ($1, $2, 'bench', 'Bench', true, 10)`,
      [CAMPAIGN_ID, ORG_ID],
    );
    const service = new CsvImportService(dataSource);
    const recipients = await timed(() => service.importRecipients(ORG_ID, CAMPAIGN_ID, createReadStream(files.recipients)));
    if (recipients.result.created !== RECIPIENTS) throw new Error(`recipients: ${JSON.stringify(recipients.result)}`);
    const clock = phaseClock();
    const attributions = await timed(() => service.importAttributions(ORG_ID, createReadStream(files.attributions), { onProgress: clock.onProgress }));
    if (attributions.result.created !== ATTRIBUTIONS) throw new Error(`attributions: ${JSON.stringify(attributions.result)}`);
    const reimport = await timed(() => service.importAttributions(ORG_ID, createReadStream(files.attributions)));
    if (reimport.result.unchanged !== ATTRIBUTIONS) throw new Error(`re-import: ${JSON.stringify(reimport.result)}`);
    return {
      recipientsMs: recipients.ms,
      attributionsMs: attributions.ms,
      phasesMs: clock.phases(attributions.ms),
      reimportMs: reimport.ms,
      baselineMs: baseline.ms,
    };
  } finally {
    await dataSource.destroy();
  }
}

const benchmark: Benchmark = {
  name: 'CSV import',
  async run() {
    const server = await resolveDatabase(loadConfig(), quiet);
    const dir = await mkdtemp(path.join(tmpdir(), 'csv-import-bench-'));
    const template = `paperrun_bench_tpl_${process.pid}`;
    const rounds: Round[] = [];
    const newDatabaseRounds: Round[] = [];
    const withoutRefreshRounds: Round[] = [];
    try {
      const files = await writeFiles(dir);
      await adminQuery(server.url, `CREATE DATABASE "${template}"`);
      await migrateDatabase(databaseUrl(server.url, template), quiet);
      for (let round = 0; round < ROUNDS; round += 1) {
        const name = `paperrun_bench_${process.pid}_${round}`;
        await adminQuery(server.url, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        try {
          rounds.push(await runRound(databaseUrl(server.url, name), files));
        } finally {
          await adminQuery(server.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }
        await adminQuery(server.url, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        try {
          newDatabaseRounds.push(await runRound(databaseUrl(server.url, name), files, true));
        } finally {
          await adminQuery(server.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }
        await adminQuery(server.url, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        try {
          withoutRefreshRounds.push(await runRoundWithoutRefresh(databaseUrl(server.url, name), files));
        } finally {
          await adminQuery(server.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }
      }
      const megabytes = (await stat(files.attributions)).size / 2 ** 20;
      const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
      const line = (label: string, rows: number, pick: (r: Round) => number, of = rounds) => {
        const ms = median(of.map(pick));
        return `${label.padEnd(44)} ${rate(rows, ms).padStart(16)}   (median ${(ms / 1000).toFixed(1)} s of ${of.map((r) => (pick(r) / 1000).toFixed(1)).join(', ')})`;
      };
      return {
        title: `${ATTRIBUTIONS.toLocaleString('en-US')} attributions (${megabytes.toFixed(0)} MB CSV) of ${RECIPIENTS.toLocaleString('en-US')} recipients, ${ROUNDS} rounds, each into a fresh database${server.embedded ? ' (embedded PostgreSQL)' : ''}`,
        lines: [
          line('baseline: bare COPY into an unlogged table', ATTRIBUTIONS, (r) => r.baselineMs),
          line('import attributions (all new)', ATTRIBUTIONS, (r) => r.attributionsMs),
          line('  of it: read, check cells, COPY to staging', ATTRIBUTIONS, (r) => r.phasesMs.reading),
          line('  of it: cross-row checks in SQL', ATTRIBUTIONS, (r) => r.phasesMs.checking),
          line('  of it: upsert (indexes, foreign keys, log)', ATTRIBUTIONS, (r) => r.phasesMs.writing),
          line('re-import attributions (all unchanged)', ATTRIBUTIONS, (r) => r.reimportMs),
          line('import recipients (all new)', RECIPIENTS, (r) => r.recipientsMs),
          'first import into a new database whose empty tables were analysed (as autovacuum does):',
          line('  import recipients (all new)', RECIPIENTS, (r) => r.recipientsMs, newDatabaseRounds),
          line('  import attributions (all new)', ATTRIBUTIONS, (r) => r.attributionsMs, newDatabaseRounds),
          'the same, without the statistics refresh before the checks (the state before issue 17 item 9):',
          line('  import recipients (all new)', RECIPIENTS, (r) => r.recipientsMs, withoutRefreshRounds),
          line('  import attributions (all new)', ATTRIBUTIONS, (r) => r.attributionsMs, withoutRefreshRounds),
          `attributions import / baseline time: ${(median(rounds.map((r) => r.attributionsMs)) / median(rounds.map((r) => r.baselineMs))).toFixed(1)}×`,
        ],
      };
    } finally {
      await adminQuery(server.url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      await server.stop();
    }
  },
};

export default benchmark;
