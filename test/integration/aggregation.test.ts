import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { CampaignService } from '../../src/campaigns/campaign.service';
import { IngestionService, type AttributionInput } from '../../src/campaigns/ingestion.service';
import { makeDataSource } from '../../src/db/data-source';
import { withTransaction } from '../../src/db/db';
import { OrganizationService } from '../../src/organizations/organization.service';
import { AggregationRepository } from '../../src/reporting/aggregation.repository';
import { AggregationService } from '../../src/reporting/aggregation.service';
import { createTestDatabase } from '../helpers/environment';
import { queryRows } from '../helpers/db-snapshot';

interface World {
  orgId: string;
  campaignIds: string[];
  /** External ids of recipients that can take orders, per campaign. */
  recipients: string[];
}

describe('daily aggregation', function () {
  this.timeout(300_000);
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let organizations: OrganizationService;
  let campaigns: CampaignService;
  let ingestion: IngestionService;
  let aggregation: AggregationService;

  before(async () => {
    database = await createTestDatabase();
    dataSource = makeDataSource(database.url, 6);
    await dataSource.initialize();
    organizations = new OrganizationService(dataSource);
    campaigns = new CampaignService(dataSource);
    ingestion = new IngestionService(dataSource);
    aggregation = new AggregationService(dataSource, 2);
  });
  after(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function makeWorld(timezone: string): Promise<World> {
    const { organization } = await organizations.create({ name: `agg ${timezone}`, timezone, reportingEnabled: true });
    const campaignIds: string[] = [];
    const recipients = ['m1', 'm2', 'm3', 'h1', 'h2'];
    for (const externalId of ['c1', 'c2']) {
      const campaign = await campaigns.upsert(organization.id, { externalId, name: externalId, holdoutEnabled: true, holdoutPercent: null });
      campaignIds.push(campaign.id);
      await ingestion.importRecipients(
        organization.id,
        campaign.id,
        recipients.map((id) => (id.startsWith('h') ? { externalId: id, isHoldout: true, cost: 0 } : { externalId: id, isHoldout: false, sendDate: '2023-01-01', cost: 0.5 })),
      );
    }
    // The first run of an organisation is a full rebuild; later runs apply deltas.
    assert.equal((await aggregation.run({ orgId: organization.id })).organizations[0].mode, 'full');
    return { orgId: organization.id, campaignIds, recipients };
  }

  async function expectConsistent(orgId: string): Promise<void> {
    const { differences, totalsDifferences, pendingChanges, pendingRebuild } = await aggregation.verify(orgId);
    // Nothing pending after a run: the stored buckets themselves are compared with raw.
    assert.deepEqual({ pendingChanges, pendingRebuild }, { pendingChanges: 0, pendingRebuild: false });
    assert.deepEqual(differences, [], `buckets differ from raw: ${JSON.stringify(differences.slice(0, 3))}`);
    // The totals kept with the buckets (per campaign and side, per day) equal their sums.
    assert.deepEqual(totalsDifferences, [], `totals differ from the buckets: ${JSON.stringify(totalsDifferences.slice(0, 3))}`);
  }

  const instant = (iso: string) => new Date(iso);

  describe('randomized histories', () => {
    // Instants around midnights and DST changes, several months apart (old and recent).
    const instants = [
      '2023-03-12T04:30:00Z', '2023-03-12T07:10:00Z', '2023-11-05T05:30:00Z', '2023-06-30T23:45:00Z',
      '2023-07-01T00:15:00Z', '2024-02-29T12:00:00Z', '2024-03-31T00:30:00Z', '2024-03-31T23:30:00Z',
      '2024-10-27T00:59:00Z', '2024-12-31T23:59:59Z',
    ];
    const recent = () => new Date(Date.now() - 3 * 3600 * 1000).toISOString();
    const op = fc.oneof(
      fc.record({ kind: fc.constant('record' as const), order: fc.integer({ min: 1, max: 12 }), campaign: fc.integer({ min: 0, max: 1 }), recipient: fc.integer({ min: 0, max: 4 }), at: fc.integer({ min: 0, max: instants.length }), revenue: fc.integer({ min: 0, max: 50_000 }), count: fc.integer({ min: 1, max: 3 }), sub: fc.boolean(), disc: fc.boolean() }),
      fc.record({ kind: fc.constant('withdraw' as const), order: fc.integer({ min: 1, max: 12 }), campaign: fc.integer({ min: 0, max: 1 }) }),
      // A revenue correction of the order's last version (the log nets it to one row).
      fc.record({ kind: fc.constant('correct' as const), order: fc.integer({ min: 1, max: 12 }), campaign: fc.integer({ min: 0, max: 1 }), revenue: fc.integer({ min: 0, max: 50_000 }) }),
      fc.record({ kind: fc.constant('aggregate' as const) }),
    );

    for (const timezone of ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham']) {
      it(`keeps every bucket equal to a from-scratch recomputation (${timezone})`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
            const world = await makeWorld(timezone);
            const live = new Map<string, boolean>();
            const last = new Map<string, AttributionInput>();
            for (const step of ops) {
              if (step.kind === 'aggregate') {
                await aggregation.run({ orgId: world.orgId });
                await expectConsistent(world.orgId);
              } else if (step.kind === 'record') {
                const attribution: AttributionInput = {
                  campaignId: world.campaignIds[step.campaign],
                  recipientExternalId: world.recipients[step.recipient],
                  orderId: `o${step.order}`,
                  orderDate: instant(step.at === instants.length ? recent() : instants[step.at]),
                  revenue: step.revenue / 100,
                  orderCount: step.count,
                  isSubscription: step.sub,
                  discountMatched: step.disc,
                };
                await ingestion.recordAttributions(world.orgId, [attribution]);
                live.set(`${step.campaign}:${step.order}`, true);
                last.set(`${step.campaign}:${step.order}`, attribution);
              } else if (step.kind === 'correct') {
                const previous = last.get(`${step.campaign}:${step.order}`);
                if (previous) {
                  const attribution = { ...previous, revenue: step.revenue / 100 };
                  await ingestion.recordAttributions(world.orgId, [attribution]);
                  live.set(`${step.campaign}:${step.order}`, true);
                  last.set(`${step.campaign}:${step.order}`, attribution);
                }
              } else if (live.get(`${step.campaign}:${step.order}`) !== undefined) {
                await ingestion.withdrawAttributions(world.orgId, world.campaignIds[step.campaign], [`o${step.order}`]);
                live.set(`${step.campaign}:${step.order}`, false);
              }
            }
            await aggregation.run({ orgId: world.orgId });
            await expectConsistent(world.orgId);
          }),
          { numRuns: 25 },
        );
      });
    }
  });

  it('puts an order at 23:30 local time on the local day', async () => {
    const world = await makeWorld('America/New_York');
    // 2024-03-05 23:30 in New York is 2024-03-06 04:30 UTC.
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: 'late', orderDate: instant('2024-03-06T04:30:00Z'), revenue: 12.5, orderCount: 1 },
    ]);
    await aggregation.run({ orgId: world.orgId });
    const buckets = await queryRows<{ day: string; metrics: Record<string, number> }>(
      database.url,
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, metrics FROM attribution_aggregates_daily WHERE org_id = $1`,
      [world.orgId],
    );
    assert.equal(buckets.length, 1);
    assert.equal(buckets[0].day, '2024-03-05');
    assert.deepEqual(buckets[0].metrics, {
      orders: 1, revenue: 12.5, first_orders: 1, first_revenue: 12.5, subscription_orders: 0, subscription_revenue: 0,
      subscribers: 0, discount_matched_orders: 0, converters_all: 1, converters_first: 1,
    });
  });

  it('counts a converter once, in the bucket of its first order, and moves it when an earlier order arrives', async () => {
    const world = await makeWorld('UTC');
    const campaignId = world.campaignIds[0];
    const record = (orderId: string, iso: string, orderCount = 1) =>
      ingestion.recordAttributions(world.orgId, [{ campaignId, recipientExternalId: 'm1', orderId, orderDate: instant(iso), revenue: 10, orderCount }]);
    await record('a', '2024-05-10T10:00:00Z');
    await record('b', '2024-05-12T10:00:00Z', 2);
    await aggregation.run({ orgId: world.orgId });
    const converters = async () =>
      queryRows<{ day: string; all: number; first: number }>(
        database.url,
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, (metrics->>'converters_all')::int AS all, (metrics->>'converters_first')::int AS first
           FROM attribution_aggregates_daily WHERE org_id = $1 ORDER BY day`,
        [world.orgId],
      );
    assert.deepEqual(await converters(), [{ day: '2024-05-10', all: 1, first: 1 }, { day: '2024-05-12', all: 0, first: 0 }]);
    await record('c', '2024-05-01T10:00:00Z', 3);
    await aggregation.run({ orgId: world.orgId });
    assert.deepEqual(await converters(), [
      { day: '2024-05-01', all: 1, first: 0 },
      { day: '2024-05-10', all: 0, first: 1 },
      { day: '2024-05-12', all: 0, first: 0 },
    ]);
    await ingestion.withdrawAttributions(world.orgId, campaignId, ['a', 'c']);
    await aggregation.run({ orgId: world.orgId });
    assert.deepEqual(await converters(), [{ day: '2024-05-12', all: 1, first: 0 }], 'buckets without contributors are deleted');
    await expectConsistent(world.orgId);
  });

  it('recomputes today\'s bucket through the sliding window even without a change-log entry', async () => {
    const world = await makeWorld('UTC');
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: 'today', orderDate: new Date(Date.now() - 60_000), revenue: 3, orderCount: 1 },
    ]);
    // A writer that bypassed the log: the window is the backstop.
    await queryRows(database.url, 'DELETE FROM attribution_changes WHERE org_id = $1', [world.orgId]);
    const result = await aggregation.run({ orgId: world.orgId });
    assert.equal(result.organizations[0].changesConsumed, 0);
    assert.deepEqual(result.organizations[0].changedCampaignIds, [world.campaignIds[0]]);
    await expectConsistent(world.orgId);
  });

  it('rewrites only the window buckets whose metrics differ: a tick for an old change leaves the window\'s rows as they were', async () => {
    const world = await makeWorld('UTC');
    const recent = new Date(Date.now() - 60_000);
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: 'recent', orderDate: recent, revenue: 3, orderCount: 1 },
      { campaignId: world.campaignIds[1], recipientExternalId: 'm2', orderId: 'recent', orderDate: recent, revenue: 4, orderCount: 1 },
      { campaignId: world.campaignIds[0], recipientExternalId: 'm3', orderId: 'old', orderDate: instant('2024-03-05T12:00:00Z'), revenue: 5, orderCount: 1 },
    ]);
    await aggregation.run({ orgId: world.orgId });
    const versions = () =>
      queryRows<{ campaign_id: string; day: string; version: string; last_updated: Date }>(
        database.url,
        `SELECT campaign_id, day::text AS day, xmin::text AS version, last_updated FROM attribution_aggregates_daily WHERE org_id = $1 ORDER BY campaign_id, day, is_holdout`,
        [world.orgId],
      );
    const before = await versions();
    // The window's buckets: every one but the old order's day.
    const window = (rows: typeof before) => rows.filter((r) => r.day !== '2024-03-05');
    assert.equal(window(before).length, 2);
    // A correction of the old order only: its bucket is rewritten, the window's two are not.
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'm3', orderId: 'old', orderDate: instant('2024-03-05T12:00:00Z'), revenue: 6, orderCount: 1 },
    ]);
    const ticked = await aggregation.run({ orgId: world.orgId });
    assert.deepEqual(ticked.organizations[0].changedCampaignIds, [world.campaignIds[0]]);
    const after = await versions();
    assert.deepEqual(window(after), window(before));
    assert.notEqual(after.find((r) => r.day === '2024-03-05')?.version, before.find((r) => r.day === '2024-03-05')?.version);
    // A writer that bypassed the log changes one window bucket: that one alone is rewritten.
    await queryRows(database.url, `UPDATE attributions SET revenue = 9 WHERE org_id = $1 AND campaign_id = $2 AND order_id = 'recent'`, [world.orgId, world.campaignIds[1]]);
    await queryRows(database.url, 'DELETE FROM attribution_changes WHERE org_id = $1', [world.orgId]);
    await aggregation.run({ orgId: world.orgId });
    const rewritten = await versions();
    const changed = window(rewritten).find((r) => r.campaign_id === world.campaignIds[1])!;
    assert.notEqual(changed.version, window(before).find((r) => r.campaign_id === world.campaignIds[1])!.version);
    assert.deepEqual(window(rewritten).find((r) => r.campaign_id === world.campaignIds[0]), window(before).find((r) => r.campaign_id === world.campaignIds[0]));
    await expectConsistent(world.orgId);
  });

  it('logs a revenue correction as one netted row, a move as the old version leaving and the new arriving, and a no-op as nothing', async () => {
    const world = await makeWorld('UTC');
    const campaignId = world.campaignIds[0];
    const order = { campaignId, recipientExternalId: 'm1', orderId: 'n1', orderDate: instant('2024-05-05T10:00:00Z'), revenue: 10, orderCount: 1 };
    await ingestion.recordAttributions(world.orgId, [order, { ...order, orderId: 'n2', revenue: 4 }]);
    await aggregation.run({ orgId: world.orgId });
    const log = () =>
      queryRows<{ sign: number; revenue: string; day: string }>(
        database.url,
        `SELECT sign, revenue::text, to_char(order_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM attribution_changes WHERE org_id = $1 ORDER BY id`,
        [world.orgId],
      );

    await ingestion.recordAttributions(world.orgId, [{ ...order, revenue: 12.5 }]);
    assert.deepEqual(await log(), [{ sign: 0, revenue: '2.50', day: '2024-05-05' }]);
    // Two corrections of one order in a statement of several orders, and a row whose logged values did not change.
    await queryRows(database.url, `UPDATE attributions SET revenue = revenue - 1, updated_at = now() WHERE org_id = $1`, [world.orgId]);
    await queryRows(database.url, `UPDATE attributions SET updated_at = now() WHERE org_id = $1`, [world.orgId]);
    assert.deepEqual(await log(), [
      { sign: 0, revenue: '2.50', day: '2024-05-05' },
      { sign: 0, revenue: '-1.00', day: '2024-05-05' },
      { sign: 0, revenue: '-1.00', day: '2024-05-05' },
    ]);
    await ingestion.recordAttributions(world.orgId, [{ ...order, orderDate: instant('2024-05-07T10:00:00Z'), revenue: 11.5 }]);
    assert.deepEqual((await log()).slice(3), [
      { sign: -1, revenue: '-11.50', day: '2024-05-05' },
      { sign: 1, revenue: '11.50', day: '2024-05-07' },
    ]);
    await ingestion.withdrawAttributions(world.orgId, campaignId, ['n2']);
    assert.deepEqual((await log()).slice(5), [{ sign: -1, revenue: '-3.00', day: '2024-05-05' }]);
    await aggregation.run({ orgId: world.orgId });
    await expectConsistent(world.orgId);

    // Versions pair by (org_id, id): an order of another organisation with the same id (a restore, a merge) stays apart.
    const other = await makeWorld('UTC');
    const [{ id }] = await queryRows<{ id: string }>(database.url, `SELECT id::text FROM attributions WHERE org_id = $1 AND order_id = 'n1'`, [world.orgId]);
    await queryRows(
      database.url,
      `INSERT INTO attributions (id, org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count)
       OVERRIDING SYSTEM VALUE
       SELECT $1, r.org_id, r.campaign_id, r.id, 'same-id', '2024-05-05T10:00:00Z', 5, 1 FROM campaign_recipients r WHERE r.org_id = $2 AND r.external_id = 'm1' LIMIT 1`,
      [id, other.orgId],
    );
    const [{ last }] = await queryRows<{ last: string }>(database.url, `SELECT coalesce(max(id), 0)::text AS last FROM attribution_changes`);
    await queryRows(database.url, `UPDATE attributions SET revenue = revenue + 1 WHERE id = $1`, [id]);
    for (const org of [world.orgId, other.orgId]) {
      const rows = await queryRows<{ sign: number; revenue: string }>(
        database.url,
        `SELECT sign, revenue::text FROM attribution_changes WHERE org_id = $1 AND id > $2 ORDER BY id`,
        [org, last],
      );
      assert.deepEqual(rows, [{ sign: 0, revenue: '1.00' }], `organisation ${org}`);
      await aggregation.run({ orgId: org });
      await expectConsistent(org);
    }
  });

  it('runs every other organisation when one fails, and reports the failure', async () => {
    const broken = await makeWorld('UTC');
    const healthy = await makeWorld('UTC');
    await ingestion.recordAttributions(healthy.orgId, [
      { campaignId: healthy.campaignIds[0], recipientExternalId: 'm1', orderId: 'ok', orderDate: instant('2024-02-02T10:00:00Z'), revenue: 3, orderCount: 1 },
    ]);
    // A zone PostgreSQL does not know (no API can store one): the organisation's run fails.
    await queryRows(database.url, `UPDATE organizations SET timezone = 'Nowhere/Atlantis' WHERE id = $1`, [broken.orgId]);
    try {
      const result = await aggregation.run();
      assert.deepEqual(result.failures.map((f) => f.orgId), [broken.orgId]);
      assert.match(result.failures[0].error, /Atlantis/);
      assert.ok(result.organizations.some((o) => o.orgId === healthy.orgId));
      await expectConsistent(healthy.orgId);
    } finally {
      await queryRows(database.url, `UPDATE organizations SET timezone = 'UTC' WHERE id = $1`, [broken.orgId]);
    }
  });

  it('keeps every bucket tied to a campaign of its own organisation', async () => {
    const world = await makeWorld('UTC');
    const other = await makeWorld('UTC');
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: 't', orderDate: instant('2024-06-01T10:00:00Z'), revenue: 5, orderCount: 1 },
    ]);
    await aggregation.run({ orgId: world.orgId });
    await assert.rejects(
      queryRows(database.url, `INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics) VALUES ($1, $2, '2024-01-01', false, '{}')`, [world.orgId, other.campaignIds[0]]),
      (error: { code?: string; message: string }) => error.code === '23503' && /is not in organisation/.test(error.message),
    );
    await assert.rejects(
      queryRows(database.url, `UPDATE attribution_aggregates_daily SET campaign_id = $2 WHERE org_id = $1`, [world.orgId, world.campaignIds[1]]),
      (error: { code?: string }) => error.code === '23503',
    );
    await assert.rejects(queryRows(database.url, `UPDATE campaigns SET org_id = $2 WHERE id = $1`, [world.campaignIds[0], other.orgId]), (error: { code?: string }) => error.code === '23503');
    // Changes not yet aggregated, then the campaign goes: its buckets and pending changes with it.
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'h1', orderId: 'u', orderDate: instant('2024-01-05T10:00:00Z'), revenue: 2, orderCount: 1 },
      { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: 't', orderDate: instant('2024-06-01T10:00:00Z'), revenue: 6, orderCount: 1 },
    ]);
    await queryRows(database.url, 'DELETE FROM campaigns WHERE id = $1', [world.campaignIds[0]]);
    assert.deepEqual(await queryRows(database.url, 'SELECT campaign_id FROM attribution_aggregates_daily WHERE org_id = $1', [world.orgId]), []);
    await aggregation.run({ orgId: world.orgId });
    await expectConsistent(world.orgId);
    // A whole organisation goes too (campaigns, holdout recipients, orders, buckets, totals).
    await ingestion.recordAttributions(other.orgId, [
      { campaignId: other.campaignIds[0], recipientExternalId: 'm1', orderId: 'o', orderDate: instant('2024-02-01T10:00:00Z'), revenue: 3, orderCount: 1 },
    ]);
    await aggregation.run({ orgId: other.orgId });
    assert.equal((await queryRows(database.url, 'SELECT 1 FROM bucket_campaign_totals WHERE org_id = $1', [other.orgId])).length, 1);
    await queryRows(database.url, 'DELETE FROM organizations WHERE id = $1', [other.orgId]);
    assert.deepEqual(await queryRows(database.url, 'SELECT 1 FROM campaigns WHERE org_id = $1', [other.orgId]), []);
    // Its totals went with its buckets (the totals trigger on their deletion).
    assert.deepEqual(
      await queryRows(database.url, 'SELECT 1 FROM bucket_campaign_totals WHERE org_id = $1 UNION ALL SELECT 1 FROM bucket_daily_totals WHERE org_id = $1', [other.orgId]),
      [],
    );
  });

  it('takes the orders of a recipient deleted by hand off the right side', async () => {
    const world = await makeWorld('UTC');
    const campaignId = world.campaignIds[0];
    await ingestion.recordAttributions(world.orgId, [
      { campaignId, recipientExternalId: 'h1', orderId: 'h', orderDate: instant('2024-07-01T10:00:00Z'), revenue: 7, orderCount: 1 },
      { campaignId, recipientExternalId: 'm1', orderId: 'm', orderDate: instant('2024-07-01T11:00:00Z'), revenue: 9, orderCount: 1 },
      { campaignId, recipientExternalId: 'm2', orderId: 'k', orderDate: instant('2024-07-01T12:00:00Z'), revenue: 4, orderCount: 1 },
    ]);
    await aggregation.run({ orgId: world.orgId });
    await queryRows(database.url, `DELETE FROM campaign_recipients WHERE campaign_id = $1 AND external_id IN ('h1', 'm1')`, [campaignId]);
    await aggregation.run({ orgId: world.orgId });
    await expectConsistent(world.orgId);
    const buckets = await queryRows<{ is_holdout: boolean; orders: string }>(
      database.url,
      `SELECT is_holdout, metrics->>'orders' AS orders FROM attribution_aggregates_daily WHERE org_id = $1 AND campaign_id = $2`,
      [world.orgId, campaignId],
    );
    assert.deepEqual(buckets, [{ is_holdout: false, orders: '1' }]);
  });

  it('reports exactly the campaigns whose buckets changed', async () => {
    const world = await makeWorld('UTC');
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[1], recipientExternalId: 'h1', orderId: 'x', orderDate: instant('2024-01-01T00:00:00Z'), revenue: 3, orderCount: 1 },
    ]);
    assert.deepEqual((await aggregation.run({ orgId: world.orgId })).organizations[0].changedCampaignIds, [world.campaignIds[1]]);
    assert.deepEqual((await aggregation.run({ orgId: world.orgId })).organizations[0].changedCampaignIds, [], 'a run without changes changes nothing');
  });

  it('survives two concurrent runs without double counting', async () => {
    const world = await makeWorld('Europe/Berlin');
    const orders: AttributionInput[] = Array.from({ length: 200 }, (_, i) => ({
      campaignId: world.campaignIds[i % 2],
      recipientExternalId: world.recipients[i % 5],
      orderId: `p${i}`,
      orderDate: instant(`2024-0${1 + (i % 9)}-1${i % 10}T1${i % 10}:00:00Z`),
      revenue: (i * 7) % 100,
      orderCount: 1 + (i % 3),
    }));
    await ingestion.recordAttributions(world.orgId, orders);
    await Promise.all([aggregation.run({ orgId: world.orgId }), aggregation.run({ orgId: world.orgId }), aggregation.run({ orgId: world.orgId })]);
    await expectConsistent(world.orgId);
    const [total] = await queryRows<{ orders: string }>(database.url, `SELECT sum((metrics->>'orders')::int)::text AS orders FROM attribution_aggregates_daily WHERE org_id = $1`, [world.orgId]);
    assert.equal(total.orders, '200');
  });

  it('checks every organisation in one pass and aggregates only those with changes or a sliding window that differs from raw', async () => {
    const [changed, bypassed, idle] = [await makeWorld('UTC'), await makeWorld('Asia/Kathmandu'), await makeWorld('America/New_York')];
    await ingestion.recordAttributions(changed.orgId, [
      { campaignId: changed.campaignIds[1], recipientExternalId: 'm2', orderId: 'old', orderDate: instant('2024-04-04T10:00:00Z'), revenue: 7, orderCount: 1 },
    ]);
    await ingestion.recordAttributions(bypassed.orgId, [
      { campaignId: bypassed.campaignIds[0], recipientExternalId: 'h1', orderId: 'now', orderDate: new Date(Date.now() - 60_000), revenue: 3, orderCount: 1 },
    ]);
    await queryRows(database.url, 'DELETE FROM attribution_changes WHERE org_id = $1', [bypassed.orgId]);
    const { organizations: results, failures } = await aggregation.run();
    assert.deepEqual(failures, []);
    const of = (orgId: string) => results.find((o) => o.orgId === orgId);
    assert.deepEqual(of(changed.orgId), { orgId: changed.orgId, mode: 'incremental', changesConsumed: 1, changedCampaignIds: [changed.campaignIds[1]] });
    assert.deepEqual(of(bypassed.orgId), { orgId: bypassed.orgId, mode: 'incremental', changesConsumed: 0, changedCampaignIds: [bypassed.campaignIds[0]] });
    assert.deepEqual(of(idle.orgId), { orgId: idle.orgId, mode: 'unchanged', changesConsumed: 0, changedCampaignIds: [] });
    for (const world of [changed, bypassed, idle]) await expectConsistent(world.orgId);
    // Checked once per run: a second run finds nothing to do anywhere.
    const again = await aggregation.run();
    assert.deepEqual(again.organizations.filter((o) => o.mode !== 'unchanged'), []);
  });

  it('sees a writer that bypassed the change log on the first local day of the window, and a bucket whose orders vanished', async () => {
    const [world, idle] = [await makeWorld('America/New_York'), await makeWorld('America/New_York')];
    // The first minute of yesterday, New York time: the window's first instant (2 days).
    const [{ at }] = await queryRows<{ at: Date }>(
      database.url,
      `SELECT (((now() AT TIME ZONE 'America/New_York')::date - 1)::timestamp AT TIME ZONE 'America/New_York') + interval '1 minute' AS at`,
    );
    for (const w of [world, idle]) {
      await ingestion.recordAttributions(w.orgId, [{ campaignId: w.campaignIds[1], recipientExternalId: 'm3', orderId: 'edge', orderDate: at, revenue: 5, orderCount: 1 }]);
    }
    await aggregation.run();
    await queryRows(database.url, `UPDATE attributions SET withdrawn_at = now() WHERE org_id = $1 AND order_id = 'edge'`, [world.orgId]);
    await queryRows(database.url, 'DELETE FROM attribution_changes WHERE org_id = $1', [world.orgId]);
    const { organizations: results } = await aggregation.run();
    assert.deepEqual(results.find((o) => o.orgId === world.orgId), { orgId: world.orgId, mode: 'incremental', changesConsumed: 0, changedCampaignIds: [world.campaignIds[1]] });
    assert.equal(results.find((o) => o.orgId === idle.orgId)?.mode, 'unchanged');
    await expectConsistent(world.orgId);
    await expectConsistent(idle.orgId);
  });

  it('claims the organisations with logged changes first', async () => {
    const worlds = [await makeWorld('UTC'), await makeWorld('UTC'), await makeWorld('UTC')];
    await aggregation.run();
    const last = worlds.map((w) => w.orgId).sort().at(-1)!;
    const world = worlds.find((w) => w.orgId === last)!;
    await ingestion.recordAttributions(last, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: 'first-claimed', orderDate: instant('2024-06-01T10:00:00Z'), revenue: 2, orderCount: 1 },
    ]);
    const { organizations: results } = await new AggregationService(dataSource, 2, 1).run();
    assert.deepEqual(results[0], { orgId: last, mode: 'incremental', changesConsumed: 1, changedCampaignIds: [world.campaignIds[0]] });
    await expectConsistent(last);
  });

  it('never joins a finished run: after organisations are enabled again, the next run checks every one', async () => {
    const worlds = [await makeWorld('UTC'), await makeWorld('UTC')];
    await aggregation.run();
    await queryRows(database.url, 'UPDATE organizations SET reporting_enabled = false WHERE id = $1', [worlds[0].orgId]);
    await aggregation.run();
    await queryRows(database.url, 'UPDATE organizations SET reporting_enabled = true WHERE id = $1', [worlds[0].orgId]);
    // A late change of the organisation that stayed enabled: it must be folded in by this run.
    await ingestion.recordAttributions(worlds[1].orgId, [
      { campaignId: worlds[1].campaignIds[0], recipientExternalId: 'm1', orderId: 'late', orderDate: instant('2024-06-02T10:00:00Z'), revenue: 4, orderCount: 1 },
    ]);
    const { organizations } = await aggregation.run();
    assert.deepEqual(organizations.map((o) => o.orgId).sort(), (await aggregation.enabledOrganizationIds()).sort());
    assert.equal(organizations.find((o) => o.orgId === worlds[1].orgId)?.changesConsumed, 1);
    for (const world of worlds) await expectConsistent(world.orgId);
  });

  it('shares one run between two workers: every organisation checked by exactly one, none twice', async () => {
    const worlds = [await makeWorld('UTC'), await makeWorld('Europe/Berlin'), await makeWorld('UTC')];
    for (const [i, world] of worlds.entries()) {
      await ingestion.recordAttributions(world.orgId, [
        { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: `w${i}`, orderDate: instant('2024-06-01T10:00:00Z'), revenue: 1 + i, orderCount: 1 },
      ]);
    }
    const secondSource = makeDataSource(database.url, 4);
    await secondSource.initialize();
    try {
      // One organisation per claim, so that both workers get some.
      const [first, second] = [new AggregationService(dataSource, 2, 1), new AggregationService(secondSource, 2, 1)];
      const [a, b] = await Promise.all([first.run(), second.run()]);
      const [idsA, idsB] = [a.organizations.map((o) => o.orgId), b.organizations.map((o) => o.orgId)];
      assert.deepEqual(idsA.filter((id) => idsB.includes(id)), []);
      assert.deepEqual([...idsA, ...idsB].sort(), (await aggregation.enabledOrganizationIds()).sort());
      assert.ok(idsA.length > 0 && idsB.length > 0, `both workers took part (${idsA.length} + ${idsB.length})`);
      const consumed = [...a.organizations, ...b.organizations].filter((o) => worlds.some((w) => w.orgId === o.orgId)).map((o) => o.changesConsumed);
      assert.deepEqual(consumed, [1, 1, 1]);
      for (const world of worlds) await expectConsistent(world.orgId);
    } finally {
      await secondSource.destroy();
    }
  });

  it('verify reports pending changes apart from drift, and drift only for buckets that differ once they are accounted for', async () => {
    const world = await makeWorld('UTC');
    const [c0, c1] = world.campaignIds;
    await ingestion.recordAttributions(world.orgId, [{ campaignId: c0, recipientExternalId: 'm1', orderId: 'a', orderDate: instant('2024-01-10T10:00:00Z'), revenue: 5, orderCount: 1 }]);
    await aggregation.run({ orgId: world.orgId });
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: c1, recipientExternalId: 'm2', orderId: 'b', orderDate: instant('2024-01-11T10:00:00Z'), revenue: 6, orderCount: 1 },
      { campaignId: c1, recipientExternalId: 'm3', orderId: 'c', orderDate: new Date(Date.now() - 60_000), revenue: 2, orderCount: 1 },
    ]);
    const pending = await aggregation.verify(world.orgId);
    assert.deepEqual(pending, { pendingChanges: 2, pendingCampaignIds: [c1], pendingRebuild: false, differences: [], totalsDifferences: [] });
    // Drift beside pending changes: only the damaged bucket is reported.
    await queryRows(database.url, `UPDATE attribution_aggregates_daily SET metrics = jsonb_set(metrics, '{orders}', '2') WHERE org_id = $1 AND campaign_id = $2`, [world.orgId, c0]);
    const drift = await aggregation.verify(world.orgId);
    assert.equal(drift.pendingChanges, 2);
    assert.deepEqual(drift.differences.map((d) => [d.campaign_id, d.day, d.stored?.orders, d.expected?.orders]), [[c0, '2024-01-10', 2, 1]]);
    // The hand-run UPDATE went through the totals trigger: the totals follow the buckets, even damaged ones.
    assert.deepEqual(drift.totalsDifferences, []);
    // A writer that bypasses the trigger (or a damaged totals row) is drift of its own.
    await queryRows(database.url, `UPDATE bucket_campaign_totals SET revenue = revenue + 1 WHERE org_id = $1 AND campaign_id = $2`, [world.orgId, c0]);
    await queryRows(database.url, `UPDATE bucket_daily_totals SET orders = orders + 1 WHERE org_id = $1 AND day = '2024-01-10'`, [world.orgId]);
    const totalsDrift = await aggregation.verify(world.orgId);
    assert.deepEqual(
      totalsDrift.totalsDifferences.map((d) => [d.scope, Number(d.stored?.revenue) - Number(d.expected?.revenue), Number(d.stored?.orders) - Number(d.expected?.orders)]),
      [[`campaign ${c0} treatment`, 1, 0], ['day 2024-01-10', 0, 1]],
    );
    await queryRows(database.url, `UPDATE bucket_campaign_totals SET revenue = revenue - 1 WHERE org_id = $1 AND campaign_id = $2`, [world.orgId, c0]);
    await queryRows(database.url, `UPDATE bucket_daily_totals SET orders = orders - 1 WHERE org_id = $1 AND day = '2024-01-10'`, [world.orgId]);
    // Nothing was written: the changes are still pending and the next run applies them.
    assert.equal((await aggregation.verify(world.orgId)).pendingChanges, 2);
    assert.equal((await aggregation.run({ orgId: world.orgId })).organizations[0].changesConsumed, 2);
  });

  it('reports the cause when the database drops its connections mid-run (a restart), not a released query runner', async () => {
    const world = await makeWorld('UTC');
    const campaignId = world.campaignIds[0];
    await ingestion.recordAttributions(world.orgId, [{ campaignId, recipientExternalId: 'm1', orderId: 'r1', orderDate: instant('2024-03-03T10:00:00Z'), revenue: 4, orderCount: 1 }]);
    await aggregation.run({ orgId: world.orgId });
    await ingestion.recordAttributions(world.orgId, [{ campaignId, recipientExternalId: 'm2', orderId: 'r2', orderDate: instant('2024-03-03T11:00:00Z'), revenue: 5, orderCount: 1 }]);
    const blocker = makeDataSource(database.url, 1);
    await blocker.initialize();
    const runner = blocker.createQueryRunner();
    try {
      // Hold the bucket the run must rewrite, then drop every other connection while it waits.
      await runner.startTransaction();
      await runner.query(`SELECT 1 FROM attribution_aggregates_daily WHERE org_id = $1 FOR UPDATE`, [world.orgId]);
      const run = aggregation.run({ orgId: world.orgId });
      for (let waited = 0; ; waited += 1) {
        const [waiting] = await runner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (waiting.n > 0 || waited > 100) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await runner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      await assert.rejects(run, (error: Error) => {
        assert.match(error.message, /terminat/i);
        assert.doesNotMatch(error.message, /already released/);
        return true;
      });
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
      await blocker.destroy();
    }
    // Wait until the terminated backends are gone and give the pool a moment to see their
    // sockets close; even so it may still hand out an idle connection the "restart" killed: the
    // next run may fail once with the same cause; then the work is done, exactly once.
    for (let waited = 0; waited < 100; waited += 1) {
      const [others] = await queryRows<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      if (others.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await aggregation.run({ orgId: world.orgId }).catch(() => aggregation.run({ orgId: world.orgId }));
    assert.equal(next.organizations[0].changesConsumed, 1);
    await expectConsistent(world.orgId);
  });

  it('leaves the previous buckets intact when a run fails midway, and the next run completes the work', async () => {
    const world = await makeWorld('UTC');
    const campaignId = world.campaignIds[0];
    await ingestion.recordAttributions(world.orgId, [{ campaignId, recipientExternalId: 'm1', orderId: 'k', orderDate: instant('2024-02-02T10:00:00Z'), revenue: 5, orderCount: 1 }]);
    await aggregation.run({ orgId: world.orgId });
    const before = await queryRows(database.url, 'SELECT day, is_holdout, metrics FROM attribution_aggregates_daily WHERE org_id = $1 ORDER BY day', [world.orgId]);
    await ingestion.recordAttributions(world.orgId, [{ campaignId, recipientExternalId: 'm2', orderId: 'k2', orderDate: instant('2024-02-02T11:00:00Z'), revenue: 6, orderCount: 1 }]);
    await assert.rejects(
      withTransaction(dataSource, async (db) => {
        const repository = new AggregationRepository(db);
        await repository.useTimeZone('UTC');
        await repository.computeDeltas(world.orgId, '2099-01-01', '2099-01-02');
        await repository.consumeChanges(world.orgId);
        await repository.applyDeltas(world.orgId);
        throw new Error('worker crashed');
      }),
      /worker crashed/,
    );
    assert.deepEqual(await queryRows(database.url, 'SELECT day, is_holdout, metrics FROM attribution_aggregates_daily WHERE org_id = $1 ORDER BY day', [world.orgId]), before);
    const [log] = await queryRows<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM attribution_changes WHERE org_id = $1', [world.orgId]);
    assert.ok(log.n > 0, 'the change log survives the failed run');
    await aggregation.run({ orgId: world.orgId });
    await expectConsistent(world.orgId);
  });

  it('rebuilds everything with --full and skips organisations with reporting disabled', async () => {
    const world = await makeWorld('UTC');
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'm1', orderId: 'f', orderDate: instant('2024-04-04T10:00:00Z'), revenue: 5, orderCount: 1 },
    ]);
    await queryRows(database.url, `UPDATE attribution_aggregates_daily SET metrics = '{"orders": 999}' WHERE org_id = $1`, [world.orgId]);
    await queryRows(database.url, `INSERT INTO attribution_aggregates_daily (org_id, campaign_id, day, is_holdout, metrics) VALUES ($1, $2, '2020-01-01', false, '{"orders": 1}')`, [world.orgId, world.campaignIds[1]]);
    await aggregation.run({ orgId: world.orgId, full: true });
    await expectConsistent(world.orgId);

    await queryRows(database.url, 'UPDATE organizations SET reporting_enabled = false WHERE id = $1', [world.orgId]);
    const ids = (await aggregation.run()).organizations.map((o) => o.orgId);
    assert.ok(!ids.includes(world.orgId));
  });

  it('writes a first backfill\'s totals from its own rows, replacing any left behind, in (campaign, day) order', async () => {
    const world = await makeWorld('America/New_York');
    const orders = world.campaignIds.flatMap((campaignId, c) =>
      ['m1', 'm2', 'h1'].flatMap((recipient, r) =>
        [0, 1, 2].map((k) => ({
          campaignId,
          recipientExternalId: recipient,
          orderId: `b${c}-${r}-${k}`,
          orderDate: instant(`2024-0${k + 3}-1${r}T0${k}:30:00Z`),
          revenue: 1.25 + c + k,
          orderCount: k + 1,
          isSubscription: k === 1,
        })),
      ),
    );
    await ingestion.recordAttributions(world.orgId, orders);
    await aggregation.run({ orgId: world.orgId });
    // No buckets (the trigger takes their totals too), then a stale totals row left behind by a
    // writer that bypassed the trigger: the next rebuild is a first backfill, and replaces it.
    await queryRows(database.url, 'DELETE FROM attribution_aggregates_daily WHERE org_id = $1', [world.orgId]);
    assert.deepEqual(await queryRows(database.url, 'SELECT 1 FROM bucket_campaign_totals WHERE org_id = $1', [world.orgId]), []);
    await queryRows(
      database.url,
      `INSERT INTO bucket_daily_totals (org_id, day, buckets, orders, revenue, first_orders, first_revenue, subscription_orders, subscription_revenue, subscribers, discount_matched_orders)
       VALUES ($1, '2020-01-01', 1, 1, 1, 0, 0, 0, 0, 0, 0)`,
      [world.orgId],
    );
    assert.equal((await aggregation.run({ orgId: world.orgId, full: true })).organizations[0].mode, 'full');
    await expectConsistent(world.orgId);
    const totals = await queryRows<{ buckets: string; orders: string }>(database.url, 'SELECT sum(buckets)::text AS buckets, sum(orders)::text AS orders FROM bucket_campaign_totals WHERE org_id = $1', [world.orgId]);
    const buckets = await queryRows<{ n: string }>(database.url, 'SELECT count(*)::text AS n FROM attribution_aggregates_daily WHERE org_id = $1', [world.orgId]);
    assert.deepEqual(totals, [{ buckets: buckets[0].n, orders: String(orders.length) }]);
    // Physically in (campaign, day, side) order.
    const physical = await queryRows<{ campaign_id: string; day: string; is_holdout: boolean }>(
      database.url,
      `SELECT campaign_id, to_char(day, 'YYYY-MM-DD') AS day, is_holdout FROM attribution_aggregates_daily WHERE org_id = $1 ORDER BY ctid`,
      [world.orgId],
    );
    const sorted = [...physical].sort((a, b) => (a.campaign_id + a.day + String(a.is_holdout) < b.campaign_id + b.day + String(b.is_holdout) ? -1 : 1));
    assert.deepEqual(physical, sorted);
    // The trigger is back for the writes that follow (a tick's MERGE).
    await ingestion.recordAttributions(world.orgId, [{ ...orders[0], orderId: 'later', revenue: 4 }]);
    await aggregation.run({ orgId: world.orgId });
    await expectConsistent(world.orgId);
  });

  it('rebuilds an organisation whose state row is missing (new, or after an upgrade), then applies deltas', async () => {
    const world = await makeWorld('Asia/Kathmandu');
    await ingestion.recordAttributions(world.orgId, [
      { campaignId: world.campaignIds[0], recipientExternalId: 'h2', orderId: 'u', orderDate: instant('2023-08-08T20:00:00Z'), revenue: 8.5, orderCount: 1 },
    ]);
    await queryRows(database.url, 'DELETE FROM aggregation_state WHERE org_id = $1', [world.orgId]);
    await queryRows(database.url, 'DELETE FROM attribution_changes WHERE org_id = $1', [world.orgId]);
    assert.equal((await aggregation.run({ orgId: world.orgId })).organizations[0].mode, 'full');
    await expectConsistent(world.orgId);
    await ingestion.withdrawAttributions(world.orgId, world.campaignIds[0], ['u']);
    const next = (await aggregation.run({ orgId: world.orgId })).organizations[0];
    assert.equal(next.mode, 'incremental');
    assert.deepEqual(next.changedCampaignIds, [world.campaignIds[0]]);
    await expectConsistent(world.orgId);
  });
});

describe('aggregation CLI', function () {
  this.timeout(120_000);
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.drop());

  function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ['-r', './register.js', 'src/cli/aggregate.ts', ...args], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('runs, verifies, reports drift with exit code 1, and rejects a bad --org with exit code 2', async () => {
    const dataSource = makeDataSource(database.url, 2);
    await dataSource.initialize();
    try {
      const { organization } = await new OrganizationService(dataSource).create({ name: 'cli', timezone: 'UTC', reportingEnabled: true });
      const campaign = await new CampaignService(dataSource).upsert(organization.id, { externalId: 'c', name: 'c', holdoutEnabled: false, holdoutPercent: null });
      const ingestion = new IngestionService(dataSource);
      await ingestion.importRecipients(organization.id, campaign.id, [{ externalId: 'r', isHoldout: false, sendDate: '2024-01-01', cost: 1 }]);
      await ingestion.recordAttributions(organization.id, [{ campaignId: campaign.id, recipientExternalId: 'r', orderId: 'o', orderDate: new Date('2024-01-02T00:00:00Z'), revenue: 9.99, orderCount: 1 }]);

      const run = cli('run', '--full');
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /1 organisation\(s\) rebuilt: \d+ change\(s\) applied, 1 campaign\(s\) changed/);
      const clean = cli('verify', '--org', organization.id);
      assert.equal(clean.status, 0, clean.stderr);
      assert.match(clean.stdout, /every bucket matches/);

      await ingestion.recordAttributions(organization.id, [{ campaignId: campaign.id, recipientExternalId: 'r', orderId: 'o2', orderDate: new Date('2024-01-05T00:00:00Z'), revenue: 1, orderCount: 2 }]);
      const pending = cli('verify');
      assert.equal(pending.status, 0, pending.stdout);
      assert.match(pending.stdout, new RegExp(`pending: org ${organization.id}: 1 change\\(s\\) not yet aggregated, campaign\\(s\\) ${campaign.id}`));
      assert.match(pending.stdout, /every bucket matches the raw attributions, and the totals their buckets \(1 change\(s\) pending, accounted for\)/);

      await dataSource.query(`UPDATE attribution_aggregates_daily SET metrics = jsonb_set(metrics, '{revenue}', '10') WHERE org_id = $1`, [organization.id]);
      await dataSource.query(`UPDATE attribution_aggregates_daily SET metrics = jsonb_set(metrics, '{revenue}', '10') WHERE org_id = $1`, [organization.id]);
      const drift = cli('verify');
      assert.equal(drift.status, 1);
      assert.match(drift.stdout, /drift: org .* day 2024-01-02 treatment: stored .*"revenue":10,.*expected .*"revenue":9.99,/);

      const bad = cli('run', '--org', 'nope');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--org: "nope" is not an organisation id/);
    } finally {
      await dataSource.destroy();
    }
  });
});
