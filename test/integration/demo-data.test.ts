import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assignsToHoldout } from '../../src/campaigns/ingestion.rules';
import { makeDataSource } from '../../src/db/data-source';
import { dbOf } from '../../src/db/db';
import { localDateOf } from '../../src/dates';
import { ensureDemoData } from '../../src/demo/demo-data';
import { makeDemoDataset } from '../../src/demo/demo-generator';
import type { DemoOrganization } from '../../src/demo/demo.types';
import { makeLogger } from '../../src/logger';
import { authenticate } from '../../src/organizations/auth';
import { queryRows, snapshotDatabase } from '../helpers/db-snapshot';
import { createTestDatabase } from '../helpers/environment';

const logger = makeLogger('silent', false);

interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function count(url: string, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await queryRows<{ n: number }>(url, `SELECT (${sql})::int AS n`, params);
  return row.n;
}

describe('demo data', () => {
  let database: TestDatabase;
  let dataDir: string;
  let demo: DemoOrganization;

  before(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'paperrun-demo-'));
    const result = await ensureDemoData({ databaseUrl: database.url, dataDir, logger });
    assert.ok(result, 'an empty database gets the demo organisation');
    demo = result;
  });

  after(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  // How long the load takes is measured by `npm run bench -- demo`, not asserted here.
  it('loads one organisation and saves its key for its owner only', async () => {
    assert.equal(demo.organizationName, 'Demo Outdoor Co.');
    const file = path.join(dataDir, 'demo-api-key');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), demo);
    const [org] = await queryRows<{ id: string; name: string; timezone: string }>(database.url, 'SELECT id, name, timezone FROM organizations');
    assert.deepEqual(org, { id: demo.organizationId, name: 'Demo Outdoor Co.', timezone: 'America/New_York' });
    assert.equal(await count(database.url, 'SELECT count(*) FROM organizations'), 1);
  });

  it('stores only the hash of a key that authenticates as the demo organisation', async () => {
    const keys = await queryRows<{ key_prefix: string; revoked_at: Date | null }>(database.url, 'SELECT key_prefix, revoked_at FROM api_keys');
    assert.equal(keys.length, 1);
    assert.ok(demo.apiKey.startsWith(keys[0].key_prefix));
    assert.equal(await count(database.url, `SELECT count(*) FROM api_keys WHERE key_hash = sha256(convert_to($1, 'UTF8'))`, [demo.apiKey]), 1);
    const dataSource = makeDataSource(database.url, 1);
    await dataSource.initialize();
    try {
      const principal = await authenticate(dbOf(dataSource), `Bearer ${demo.apiKey}`, null);
      assert.equal(principal.kind === 'organization' && principal.orgId, demo.organizationId);
    } finally {
      await dataSource.destroy();
    }
  });

  it('loads what the generator makes for the organisation\'s today', async () => {
    const today = localDateOf(new Date(), 'America/New_York');
    const expected = makeDemoDataset(today);
    const campaigns = await queryRows<{ id: string; external_id: string; name: string; holdout_percent: number | null; recipients: number; orders: number }>(
      database.url,
      `SELECT c.id, c.external_id, c.name, c.holdout_percent,
              (SELECT count(*)::int FROM campaign_recipients r WHERE r.campaign_id = c.id) AS recipients,
              (SELECT count(*)::int FROM attributions a WHERE a.campaign_id = c.id) AS orders
         FROM campaigns c ORDER BY c.created_at`,
    );
    assert.deepEqual(
      campaigns,
      expected.campaigns.map((c) => ({ id: c.id, external_id: c.externalId, name: c.name, holdout_percent: c.holdoutPercent, recipients: c.recipients.length, orders: c.attributions.length })),
    );
    const recipients = campaigns.reduce((n, c) => n + c.recipients, 0);
    const orders = campaigns.reduce((n, c) => n + c.orders, 0);
    assert.ok(recipients >= 50_000 && recipients <= 150_000, `${recipients} recipients`);
    assert.ok(orders >= 2_000 && orders <= 10_000, `${orders} orders`);
    const withdrawn = await count(database.url, 'SELECT count(*) FROM attributions WHERE withdrawn_at IS NOT NULL');
    assert.ok(withdrawn > 0 && withdrawn < orders * 0.05, `${withdrawn} withdrawn`);
    assert.equal(await count(database.url, 'SELECT count(*) FROM attribution_aggregates_daily'), 0, 'the aggregation job computes the buckets');
  });

  it('keeps the ingestion rules of spec §11', async () => {
    const url = database.url;
    assert.equal(await count(url, `SELECT count(*) FROM attributions a JOIN campaign_recipients r ON r.id = a.recipient_id WHERE NOT r.is_holdout AND r.send_date IS NULL`), 0, 'orders of unmailed recipients');
    assert.equal(await count(url, 'SELECT count(*) FROM campaign_recipients WHERE is_holdout AND send_date IS NOT NULL'), 0);
    assert.equal(await count(url, `SELECT count(*) FROM campaign_recipients r JOIN organizations o ON o.id = r.org_id WHERE r.send_date > (now() AT TIME ZONE o.timezone)::date`), 0, 'send dates in the future');
    assert.equal(await count(url, 'SELECT count(*) FROM attributions WHERE order_date > now() OR withdrawn_at > now() OR withdrawn_at <= order_date'), 0);
    assert.equal(
      await count(
        url,
        `SELECT count(*) FROM attributions a
           JOIN campaign_recipients r ON r.id = a.recipient_id
           JOIN organizations o ON o.id = a.org_id
          WHERE (a.order_date AT TIME ZONE o.timezone)::date
                <= COALESCE(r.send_date, (SELECT min(m.send_date) FROM campaign_recipients m WHERE m.campaign_id = a.campaign_id))`,
      ),
      0,
      'orders on or before their mailing (holdout: the drop date)',
    );
    assert.equal(await count(url, 'SELECT count(*) FROM campaign_recipients WHERE NOT is_holdout AND send_date IS NOT NULL AND (cost < 0.45 OR cost > 1.2)'), 0);
    assert.equal(await count(url, 'SELECT count(*) FROM attributions WHERE revenue < 20 OR revenue > 250 OR revenue <> round(revenue, 2)'), 0);
    assert.ok((await count(url, 'SELECT count(*) FROM attributions WHERE order_count = 1')) > (await count(url, 'SELECT count(*) FROM attributions')) / 2, 'mostly first purchases');
  });

  it('has two holdout experiments, split by the server\'s rule: a clear lift and a close call', async () => {
    const experiments = await queryRows<{ id: string; holdout_percent: number }>(database.url, 'SELECT id, holdout_percent FROM campaigns WHERE holdout_enabled ORDER BY holdout_percent');
    assert.deepEqual(experiments.map((c) => c.holdout_percent), [10, 20]);
    for (const campaign of experiments) {
      const recipients = await queryRows<{ external_id: string; is_holdout: boolean }>(database.url, 'SELECT external_id, is_holdout FROM campaign_recipients WHERE campaign_id = $1', [campaign.id]);
      assert.ok(recipients.every((r) => r.is_holdout === assignsToHoldout(campaign.id, r.external_id, campaign.holdout_percent)));
      const groups = await queryRows<{ is_holdout: boolean; rate: number }>(
        database.url,
        `SELECT r.is_holdout,
                (count(DISTINCT a.recipient_id) FILTER (WHERE a.order_count = 1))::float / count(DISTINCT r.id) AS rate
           FROM campaign_recipients r
           LEFT JOIN attributions a ON a.recipient_id = r.id AND a.withdrawn_at IS NULL
          WHERE r.campaign_id = $1
          GROUP BY r.is_holdout ORDER BY r.is_holdout`,
        [campaign.id],
      );
      const [treatment, control] = groups.map((g) => g.rate);
      // The 20 % holdout shows a clear lift, the 10 % one a lift too small to tell apart from none.
      if (campaign.holdout_percent === 20) assert.ok(treatment > control * 2, `first-order conversion ${treatment} vs ${control}`);
      else assert.ok(treatment > control * 0.9 && treatment < control * 1.2, `first-order conversion ${treatment} vs ${control}`);
    }
  });

  it('has funnel entries, each with its Brevo outbox jobs', async () => {
    const url = database.url;
    const entries = await count(url, 'SELECT count(*) FROM funnel_entries');
    const purchased = await count(url, 'SELECT count(*) FROM funnel_entries WHERE certificate_purchased');
    assert.ok(entries >= 200 && entries <= 800, `${entries} entries`);
    assert.ok(purchased >= entries * 0.18 && purchased <= entries * 0.32, `${purchased} purchased`);
    assert.equal(await count(url, `SELECT count(*) FROM funnel_entries WHERE entered_at > now() OR entered_at < now() - interval '92 days' OR certificate_purchased_at > now()`), 0);
    assert.equal(await count(url, `SELECT count(*) FROM funnel_entries e WHERE (SELECT count(*) FROM brevo_sync_outbox j WHERE j.funnel_entry_id = e.id AND j.operation = 'upsert_contact') <> 1`), 0);
    assert.equal(await count(url, `SELECT count(*) FROM brevo_sync_outbox WHERE operation = 'update_contact'`), purchased);
    assert.equal(
      await count(url, `SELECT count(*) FROM brevo_sync_outbox u JOIN brevo_sync_outbox i ON i.funnel_entry_id = u.funnel_entry_id AND i.operation = 'upsert_contact' WHERE u.operation = 'update_contact' AND u.id < i.id`),
      0,
      'an update is written after its upsert',
    );
    const statuses = await queryRows<{ status: string; n: number }>(url, 'SELECT status, count(*)::int AS n FROM brevo_sync_outbox GROUP BY status ORDER BY status');
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    assert.equal(byStatus.failed, 2);
    assert.ok(byStatus.pending >= 3 && byStatus.success > (entries + purchased) * 0.9, JSON.stringify(byStatus));
    assert.equal(await count(url, `SELECT count(*) FROM brevo_sync_outbox WHERE (status = 'success') <> (processed_at IS NOT NULL) OR (status = 'failed' AND last_error IS NULL)`), 0);
    const sources = await queryRows<{ source: string | null }>(url, 'SELECT DISTINCT source FROM funnel_entries');
    assert.ok(sources.some((s) => s.source === null) && sources.some((s) => s.source === 'email_language_v1'));
  });

  it('hands out the same key on later starts and writes nothing', async () => {
    const before = await snapshotDatabase(database.url);
    assert.deepEqual(await ensureDemoData({ databaseUrl: database.url, dataDir, logger }), demo);
    assert.deepEqual(await snapshotDatabase(database.url), before);
  });

  it('hands out nothing once the saved key is revoked', async () => {
    await queryRows(database.url, 'UPDATE api_keys SET revoked_at = now()');
    const before = await snapshotDatabase(database.url);
    assert.equal(await ensureDemoData({ databaseUrl: database.url, dataDir, logger }), null);
    assert.deepEqual(await snapshotDatabase(database.url), before);
  });
});

describe('demo data in a database that is not empty', () => {
  let database: TestDatabase;
  let dataDir: string;

  before(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'paperrun-demo-'));
  });

  after(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is left untouched when no demo key is saved', async () => {
    await queryRows(database.url, `INSERT INTO organizations (name) VALUES ('Real Customer Inc.')`);
    const before = await snapshotDatabase(database.url);
    assert.equal(await ensureDemoData({ databaseUrl: database.url, dataDir, logger }), null);
    assert.deepEqual(await snapshotDatabase(database.url), before);
    await assert.rejects(stat(path.join(dataDir, 'demo-api-key')), { code: 'ENOENT' });
  });
});

describe('demo data on concurrent first starts', () => {
  let database: TestDatabase;
  let dataDir: string;

  before(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'paperrun-demo-'));
  });

  after(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('loads once and gives both the same key', async () => {
    const [first, second] = await Promise.all([
      ensureDemoData({ databaseUrl: database.url, dataDir, logger }),
      ensureDemoData({ databaseUrl: database.url, dataDir, logger }),
    ]);
    assert.ok(first);
    assert.deepEqual(second, first);
    assert.equal(await count(database.url, 'SELECT count(*) FROM organizations'), 1);
    assert.equal(await count(database.url, 'SELECT count(*) FROM api_keys'), 1);
  });
});
