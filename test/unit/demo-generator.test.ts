import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { assignsToHoldout } from '../../src/campaigns/ingestion.rules';
import { addDays } from '../../src/dates';
import { makeDemoDataset } from '../../src/demo/demo-generator';
import { makeRandom } from '../../src/demo/demo-random';
import type { DemoDataset } from '../../src/demo/demo.types';

const TODAY = '2026-03-15';
const YESTERDAY = addDays(TODAY, -1);
const fingerprint = (dataset: DemoDataset) => createHash('sha256').update(JSON.stringify(dataset)).digest('hex');
/** Local timestamps stay in waking hours, clear of daylight-saving switches. */
const WAKING_TIMESTAMP = /^\d{4}-\d{2}-\d{2} (0[7-9]|1\d|2[0-2]):[0-5]\d:[0-5]\d$/;

describe('demo generator', () => {
  const dataset = makeDemoDataset(TODAY);
  const recipientsOf = (campaign: DemoDataset['campaigns'][number]) => new Map(campaign.recipients.map((r) => [r.externalId, r]));

  it('gives the same data set for the same day', () => {
    const again = makeDemoDataset(TODAY);
    assert.deepEqual(again, dataset);
    assert.equal(fingerprint(again), fingerprint(dataset));
  });

  it('keeps the shape from day to day: every date moves with today', () => {
    const tomorrow = makeDemoDataset(addDays(TODAY, 1));
    const shift = (timestamp: string | null) => timestamp && `${addDays(timestamp.slice(0, 10), 1)}${timestamp.slice(10)}`;
    assert.deepEqual(
      tomorrow.campaigns.map((c) => ({ id: c.id, recipients: c.recipients, attributions: c.attributions })),
      dataset.campaigns.map((c) => ({
        id: c.id,
        recipients: c.recipients.map((r) => ({ ...r, sendDate: shift(r.sendDate) })),
        attributions: c.attributions.map((a) => ({ ...a, orderedAt: shift(a.orderedAt), withdrawnAt: shift(a.withdrawnAt) })),
      })),
    );
    assert.deepEqual(tomorrow.funnelEntries.map((e) => e.enteredAt), dataset.funnelEntries.map((e) => shift(e.enteredAt)));
  });

  it('has ten campaigns, two of them holdout experiments (10% and 20%)', () => {
    assert.equal(dataset.organization.name, 'Demo Outdoor Co.');
    assert.equal(dataset.organization.timezone, 'America/New_York');
    assert.equal(dataset.campaigns.length, 10);
    assert.equal(new Set(dataset.campaigns.map((c) => c.externalId)).size, 10);
    const experiments = dataset.campaigns.filter((c) => c.holdoutEnabled);
    assert.deepEqual(experiments.map((c) => c.holdoutPercent).sort(), [10, 20]);
    for (const c of dataset.campaigns) {
      assert.ok(c.recipients.length >= 3_000 && c.recipients.length <= 15_000, `${c.name}: ${c.recipients.length} recipients`);
      assert.equal(new Set(c.recipients.map((r) => r.externalId)).size, c.recipients.length, `${c.name}: external ids repeat`);
      assert.match(c.createdAt, WAKING_TIMESTAMP);
    }
    const total = (pick: (c: DemoDataset['campaigns'][number]) => unknown[]) => dataset.campaigns.reduce((n, c) => n + pick(c).length, 0);
    assert.ok(total((c) => c.recipients) >= 50_000, 'tens of thousands of recipients');
    assert.ok(total((c) => c.attributions) >= 2_000, 'thousands of orders');
  });

  it('assigns holdouts with the server rule and mails only treatment, never after today', () => {
    for (const c of dataset.campaigns) {
      const sendDates = c.recipients.flatMap((r) => (r.sendDate ? [r.sendDate] : []));
      assert.ok(sendDates.every((d) => d <= TODAY), `${c.name}: a send date after today`);
      assert.ok(addDays(TODAY, -190) < sendDates.sort()[0], `${c.name}: older than six months`);
      for (const r of c.recipients) {
        assert.equal(r.isHoldout, c.holdoutPercent !== null && assignsToHoldout(c.id, r.externalId, c.holdoutPercent));
        if (r.isHoldout) assert.equal(r.sendDate, null);
        assert.match(r.cost, /^\d+\.\d{4}$/);
        const cost = Number(r.cost);
        assert.ok(r.isHoldout ? cost === 0 : cost >= 0.45 && cost <= 1.2, `${c.name}: cost ${r.cost}`);
      }
    }
    assert.ok(dataset.campaigns.some((c) => c.recipients.some((r) => !r.isHoldout && r.sendDate === null)), 'one drop is still under way');
  });

  it('attributes orders only to mailed or holdout recipients, after the mailing and before today', () => {
    for (const c of dataset.campaigns) {
      const recipients = recipientsOf(c);
      const dropDate = c.recipients.flatMap((r) => (r.sendDate ? [r.sendDate] : [])).sort()[0];
      assert.equal(new Set(c.attributions.map((a) => a.orderId)).size, c.attributions.length, `${c.name}: order ids repeat`);
      for (const a of c.attributions) {
        const r = recipients.get(a.recipientExternalId);
        assert.ok(r && (r.isHoldout || r.sendDate !== null), `${c.name}: ${a.orderId} goes to an unmailed recipient`);
        const orderDay = a.orderedAt.slice(0, 10);
        assert.ok(orderDay > (r.sendDate ?? dropDate), `${c.name}: ${a.orderId} precedes its mailing`);
        assert.ok(orderDay <= YESTERDAY);
        assert.match(a.orderedAt, WAKING_TIMESTAMP);
        assert.match(a.revenue, /^\d+\.\d{2}$/);
        assert.ok(Number(a.revenue) >= 20 && Number(a.revenue) <= 250, a.revenue);
        assert.ok(Number.isInteger(a.orderCount) && a.orderCount >= 1);
        if (a.withdrawnAt) assert.ok(a.withdrawnAt > a.orderedAt && a.withdrawnAt.slice(0, 10) <= YESTERDAY);
      }
    }
    const all = dataset.campaigns.flatMap((c) => c.attributions);
    const share = (test: (a: (typeof all)[number]) => boolean) => all.filter(test).length / all.length;
    assert.ok(share((a) => a.orderCount === 1) > 0.5, 'mostly first purchases');
    assert.ok(share((a) => a.orderCount > 1) > 0.1, 'some repeats');
    assert.ok(share((a) => a.isSubscription) > 0.01 && share((a) => a.discountMatched) > 0.05);
    assert.ok(share((a) => a.withdrawnAt !== null) > 0 && share((a) => a.withdrawnAt !== null) < 0.05);
  });

  it('has one experiment with a clear lift and one too close to call', () => {
    const rates = dataset.campaigns
      .filter((x) => x.holdoutEnabled)
      .map((c) => {
        const recipients = recipientsOf(c);
        const converters = (holdout: boolean) => new Set(c.attributions.filter((a) => a.orderCount === 1 && !a.withdrawnAt && recipients.get(a.recipientExternalId)?.isHoldout === holdout).map((a) => a.recipientExternalId)).size;
        const size = (holdout: boolean) => c.recipients.filter((r) => r.isHoldout === holdout).length;
        assert.ok(Math.abs((100 * size(true)) / c.recipients.length - c.holdoutPercent!) < 1.5, `${c.name}: holdout share`);
        return { holdoutPercent: c.holdoutPercent, lift: converters(false) / size(false) / (converters(true) / size(true)) };
      })
      .sort((a, b) => b.lift - a.lift);
    assert.equal(rates[0].holdoutPercent, 20);
    assert.ok(rates[0].lift > 2, `the clear win: ${rates[0].lift}`);
    assert.ok(rates[1].lift > 0.9 && rates[1].lift < 1.2, `the close call: ${rates[1].lift}`);
  });

  it('looks like a direct-mail programme: 0.5–5 % order, ROAS about 0.5–8, orders in the last week', () => {
    const weekAgo = addDays(TODAY, -6);
    for (const c of dataset.campaigns) {
      const recipients = recipientsOf(c);
      const mailed = c.recipients.filter((r) => !r.isHoldout && r.sendDate !== null);
      const orders = c.attributions.filter((a) => !a.withdrawnAt && !recipients.get(a.recipientExternalId)?.isHoldout);
      const cost = mailed.reduce((n, r) => n + Number(r.cost), 0);
      const revenue = orders.reduce((n, a) => n + Number(a.revenue), 0);
      const response = orders.length / mailed.length;
      assert.ok(response >= 0.005 && response <= 0.05, `${c.name}: ${orders.length} orders of ${mailed.length} mailers`);
      assert.ok(revenue / cost >= 0.5 && revenue / cost <= 8, `${c.name}: ROAS ${revenue / cost}`);
      assert.ok(orders.some((a) => a.orderedAt.slice(0, 10) >= weekAgo), `${c.name}: no order in the last 7 days`);
    }
  });

  it('has a few hundred funnel entries with their Brevo outbox jobs', () => {
    const entries = dataset.funnelEntries;
    assert.ok(entries.length >= 200 && entries.length <= 800, `${entries.length} entries`);
    assert.equal(new Set(entries.map((e) => `${e.email}|${e.funnelType}|${e.testId}`)).size, entries.length);
    const purchased = entries.filter((e) => e.purchasedAt !== null);
    assert.ok(purchased.length / entries.length >= 0.18 && purchased.length / entries.length <= 0.32, `${purchased.length} purchased`);
    for (const e of entries) {
      assert.equal(e.email, e.email.trim().toLowerCase());
      assert.match(e.enteredAt, WAKING_TIMESTAMP);
      assert.ok(e.enteredAt.slice(0, 10) >= addDays(TODAY, -90) && e.enteredAt.slice(0, 10) <= YESTERDAY);
      if (e.purchasedAt) assert.ok(e.purchasedAt > e.enteredAt && e.purchasedAt.slice(0, 10) <= YESTERDAY);
    }
    assert.deepEqual([...entries].sort((a, b) => a.enteredAt.localeCompare(b.enteredAt)), entries, 'entries come in the order they entered');

    const jobs = dataset.outboxJobs;
    const count = (test: (j: (typeof jobs)[number]) => boolean) => jobs.filter(test).length;
    assert.equal(count((j) => j.operation === 'upsert_contact'), entries.length);
    assert.equal(count((j) => j.operation === 'update_contact'), purchased.length);
    assert.equal(count((j) => j.status === 'failed'), 2);
    assert.ok(count((j) => j.status === 'pending') >= 3);
    assert.ok(count((j) => j.status === 'success') > jobs.length * 0.9);
    for (const j of jobs) {
      assert.equal(j.processedAt !== null, j.status === 'success');
      if (j.status !== 'pending') assert.equal(j.nextAttemptInSeconds, null);
      if (j.status === 'failed') assert.ok(j.lastError && j.retryCount >= 1);
    }
    assert.deepEqual([...jobs].sort((a, b) => a.createdAt.localeCompare(b.createdAt)), jobs, 'jobs come in the order they were written');
  });
});

describe('demo random', () => {
  it('repeats its sequence for a seed and stays in bounds', () => {
    const draw = (seed: number) => {
      const random = makeRandom(seed);
      return Array.from({ length: 1_000 }, () => random.int(3, 7));
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
    assert.ok(draw(42).every((n) => n >= 3 && n <= 7));
    assert.deepEqual(new Set(draw(42)), new Set([3, 4, 5, 6, 7]));
  });
});
