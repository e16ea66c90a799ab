import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrateDatabase } from '../src/db/migrate';
import { ensureDemoData } from '../src/demo/demo-data';
import { makeLogger } from '../src/logger';
import { median, timed, type Benchmark } from './bench-kit';
import { benchDatabaseUrl } from './bench-database';

const REPEATS = 3;

interface Volume {
  campaigns: number;
  recipients: number;
  attributions: number;
}

/**
 * The baseline: the same numbers of campaigns, recipients and attributions written by bare
 * INSERT … SELECT generate_series statements into a migrated database (same indexes, keys and
 * triggers), with no dataset to generate and no rules to apply.
 */
async function bareInserts(client: Client, volume: Volume): Promise<void> {
  const orgId = (await client.query<{ id: string }>(`INSERT INTO organizations (name) VALUES ('bare') RETURNING id`)).rows[0].id;
  await client.query(`INSERT INTO campaigns (org_id, external_id, name) SELECT $1, 'c' || g, 'C' || g FROM generate_series(1, $2) g`, [orgId, volume.campaigns]);
  await client.query(
    `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
     SELECT c.org_id, c.id, 'r' || g, false, current_date - 30, 0.5
       FROM campaigns c CROSS JOIN generate_series(1, $2) g WHERE c.org_id = $1`,
    [orgId, Math.ceil(volume.recipients / volume.campaigns)],
  );
  await client.query(
    `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count)
     SELECT r.org_id, r.campaign_id, r.id, 'o' || r.id, now() - interval '1 day', 25, 1
       FROM campaign_recipients r WHERE r.org_id = $1 LIMIT $2`,
    [orgId, volume.attributions],
  );
}

/**
 * The first start's demo load (spec §2), which `npm start` waits for on an empty database, against
 * bare inserts of the same volume; each side on a freshly migrated database.
 */
const benchmark: Benchmark = {
  name: 'demo data: first-start load',
  async run() {
    const logger = makeLogger('warn', false);
    const loads: number[] = [];
    const bares: number[] = [];
    let volume: Volume | null = null;
    for (let i = 0; i < REPEATS; i += 1) {
      const database = await benchDatabaseUrl('demo');
      const dataDir = await mkdtemp(path.join(tmpdir(), 'paperrun-demo-bench-'));
      const client = new Client({ connectionString: database.url });
      try {
        await migrateDatabase(database.url, logger);
        loads.push((await timed(() => ensureDemoData({ databaseUrl: database.url, dataDir, logger }))).ms);
        await client.connect();
        const { rows } = await client.query<{ campaigns: number; recipients: number; attributions: number }>(
          `SELECT (SELECT count(*) FROM campaigns)::int AS campaigns, (SELECT count(*) FROM campaign_recipients)::int AS recipients,
                  (SELECT count(*) FROM attributions)::int AS attributions`,
        );
        volume = rows[0];
        await client.query('TRUNCATE organizations CASCADE');
        bares.push((await timed(() => bareInserts(client, rows[0]))).ms);
      } finally {
        await client.end();
        await rm(dataDir, { recursive: true, force: true });
        await database.drop();
      }
    }
    const [loadMs, bareMs] = [median(loads), median(bares)];
    return {
      title: `${volume?.campaigns} campaigns, ${volume?.recipients} recipients, ${volume?.attributions} attributions (plus funnel entries and outbox jobs); medians of ${REPEATS}, each on a fresh database`,
      lines: [
        `demo load ${loadMs.toFixed(0)} ms vs bare INSERT … SELECT of the same campaigns, recipients and attributions ${bareMs.toFixed(0)} ms: ${(loadMs / bareMs).toFixed(2)}× (expected well under 10 s)`,
        `runs (ms): demo ${loads.map((m) => m.toFixed(0)).join(', ')}; bare ${bares.map((m) => m.toFixed(0)).join(', ')}`,
      ],
    };
  },
};

export default benchmark;
