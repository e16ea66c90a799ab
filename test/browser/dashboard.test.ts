import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, localDateOf } from '../../src/dates';
import { formatCount, formatPercent, formatPValue } from '../../web/src/format';
import { offlineContext, useBrowser } from '../helpers/browser';
import { ensureDashboardBuilt, SCREENSHOTS, seriousAxeViolations } from '../helpers/dashboard';
import { useDemoApp } from '../helpers/demo-app';

const KPI_FIELDS = ['mailersSent', 'totalCost', 'campaignOrders', 'campaignRevenue', 'roas', 'cpa', 'firstPurchaseRoas'] as const;
type KpiField = (typeof KPI_FIELDS)[number];
type Kpis = Record<KpiField, number | null>;

interface CampaignSummary {
  id: string;
  name: string;
  stats: { isExperiment: boolean; stats: { roas: number | null; campaignOrders: number } };
}

/** The dashboard in headless Chromium, offline but for the server, against the demo organisation. */
describe('dashboard in the browser', function () {
  this.timeout(180_000);
  const app = useDemoApp();
  const browser = useBrowser();
  let context: BrowserContext;
  let blocked: string[];
  let page: Page;
  let campaigns: CampaignSummary[];
  const problems: string[] = [];

  const api = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await app().gql<T, Record<string, unknown>>(query, variables, app().demo.apiKey);
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    return response.data!;
  };
  const orgKpis = async (fromDate: string | null, toDate: string | null) =>
    (await api<{ orgStats: { stats: Kpis } }>(`query K($f: Date, $t: Date) { orgStats(fromDate: $f, toDate: $t) { stats { ${KPI_FIELDS.join(' ')} } } }`, { f: fromDate, t: toDate })).orgStats.stats;
  const cardValues = async (): Promise<Record<string, string>> =>
    Object.fromEntries(await page.$$eval('[data-kpi]', (cards) => cards.map((c) => [c.getAttribute('data-kpi'), c.querySelector('.kpi-value')?.getAttribute('data-raw') ?? null])));
  const expectCards = (cards: Record<string, string>, kpis: Kpis) => {
    for (const field of KPI_FIELDS) assert.equal(cards[field], kpis[field] === null ? '' : String(kpis[field]), field);
  };
  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const expectAccessible = async (name: string) => assert.deepEqual(await seriousAxeViolations(page), [], `${name}: axe`);

  before(async function () {
    this.timeout(180_000);
    ensureDashboardBuilt();
    ({ context, blocked } = await offlineContext(browser(), app().url));
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('401')) problems.push(`console: ${message.text()}`);
    });
    campaigns = (await api<{ campaigns: CampaignSummary[] }>('{ campaigns { id name stats { isExperiment stats { roas campaignOrders } } } }')).campaigns;
  });

  after(async () => {
    await context?.close();
  });

  it('says so when the key is wrong, and keeps nothing', async () => {
    await page.goto(app().url);
    await expectAccessible('sign-in');
    await page.fill('#api-key', 'prk_not-a-real-key');
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');
    assert.match(await page.textContent('[role=alert]') ?? '', /was not accepted/);
    await expectAccessible('sign-in with an error');
    await screenshot('sign-in');
    assert.equal(await page.evaluate('sessionStorage.length'), 0);
  });

  it('signs in with the demo key, kept in sessionStorage only', async () => {
    await page.fill('#api-key', app().demo.apiKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('.kpis[data-range] [data-kpi]');
    assert.equal(await page.evaluate("sessionStorage.getItem('paperrun.apiKey')"), app().demo.apiKey);
    assert.equal(await page.evaluate('localStorage.length'), 0);
    assert.ok(!page.url().includes(app().demo.apiKey));
  });

  it('shows the API\'s KPIs for the last 30 days and for the period before', async () => {
    const today = localDateOf(new Date(), 'America/New_York');
    const [from, to] = [addDays(today, -29), addDays(today, 1)];
    expectCards(await cardValues(), await orgKpis(from, to));
    const previous = await orgKpis(addDays(from, -30), from);
    const change = await page.$eval('[data-kpi=campaignRevenue] .kpi-change .value', (e) => e.textContent);
    const expected = ((await orgKpis(from, to)).campaignRevenue! / previous.campaignRevenue! - 1) * 100;
    assert.equal(change?.replace(/[^0-9.−+-]/g, '').replace('−', '-'), `${expected >= 0 ? '+' : '-'}${Math.abs(expected).toFixed(Math.abs(expected) < 10 ? 2 : Math.abs(expected) < 100 ? 1 : 0)}`);
    await expectAccessible('overview');
    await screenshot('overview');
  });

  it('follows the presets: last 7 days and all time', async () => {
    const today = localDateOf(new Date(), 'America/New_York');
    await page.click('button.preset:has-text("Last 7 days")');
    await page.waitForSelector(`.kpis[data-range="${addDays(today, -6)}..${addDays(today, 1)}"]`);
    expectCards(await cardValues(), await orgKpis(addDays(today, -6), addDays(today, 1)));
    await page.click('button.preset:has-text("All time")');
    await page.waitForSelector('.kpis[data-range=".."]');
    expectCards(await cardValues(), await orgKpis(null, null));
    assert.match((await page.textContent('[data-kpi=roas] .kpi-change')) ?? '', /–/);
  });

  it('draws the rolling chart with one point per day of the series', async () => {
    const { orgStats } = await api<{ orgStats: { rollingMonthlyStats: Array<{ date: string }> } }>('{ orgStats { rollingMonthlyStats { date } } }');
    const days = orgStats.rollingMonthlyStats.length;
    assert.ok(days > 150, `${days} days`);
    await page.waitForSelector('.chart[data-points] canvas');
    assert.equal(await page.getAttribute('.chart', 'data-points'), String(days));
    const dates = await page.$$eval('.series-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-date')));
    assert.deepEqual(dates, orgStats.rollingMonthlyStats.map((r) => r.date));
  });

  it('sorts the campaign table by ROAS', async () => {
    await page.click('nav a:has-text("Campaigns")');
    await page.waitForSelector('table.campaigns tbody tr');
    await page.click('button.sort[data-sort=roas]');
    await page.waitForSelector('th[aria-sort=descending] button[data-sort=roas]');
    const shown = await page.$$eval('table.campaigns tbody tr', (rows) => rows.map((r) => ({ id: r.getAttribute('data-campaign'), roas: r.querySelector('[data-column=roas]')?.getAttribute('data-raw') })));
    const expected = [...campaigns].sort((a, b) => b.stats.stats.roas! - a.stats.stats.roas!);
    assert.deepEqual(shown, expected.map((c) => ({ id: c.id, roas: String(c.stats.stats.roas) })));
    assert.equal(await page.locator('.badge.experiment').count(), campaigns.filter((c) => c.stats.isExperiment).length);
    assert.ok((await page.locator('.badge.low').count()) >= 1 && (await page.locator('.badge.high').count()) >= 1);
    await page.click('button.sort[data-sort=roas]');
    await page.waitForSelector('th[aria-sort=ascending] button[data-sort=roas]');
    assert.equal(await page.getAttribute('table.campaigns tbody tr', 'data-campaign'), expected[expected.length - 1].id);
    await expectAccessible('campaigns');
    await screenshot('campaigns');
  });

  it('shows the experiment panel with the API\'s interval and verdict', async () => {
    const experiments = campaigns.filter((c) => c.stats.isExperiment);
    for (const experiment of experiments) {
      const { experimentResults: rows, conversionRateIntervals: intervals } = (
        await api<{
          campaignStats: {
            experimentResults: Array<{ metric: string; stat: string; group: string | null; value: number | null }>;
            conversionRateIntervals: Array<{ metric: string; group: string; low: number | null; high: number | null }>;
          };
        }>('query E($id: ID!) { campaignStats(campaignId: $id) { experimentResults { metric stat group value } conversionRateIntervals { metric group low high } } }', { id: experiment.id })
      ).campaignStats;
      const look = (stat: string) => rows.find((r) => r.metric === 'FIRST_ORDER' && r.stat === stat && r.group === null)?.value ?? null;
      await page.goto(`${app().url}/#/campaigns/${experiment.id}`);
      const panel = page.locator('[data-metric=FIRST_ORDER]');
      await panel.waitFor();
      const uplift = panel.locator('.uplift');
      assert.equal(await uplift.getAttribute('data-low'), String(look('UPLIFT_CI_LOW')));
      assert.equal(await uplift.getAttribute('data-high'), String(look('UPLIFT_CI_HIGH') ?? ''));
      assert.equal(await uplift.getAttribute('data-uplift'), String(look('METRIC_UPLIFT')));
      // TEST and CONTROL conversion with the API's own interval for each group.
      for (const group of ['TEST', 'CONTROL']) {
        const expected = intervals.find((i) => i.metric === 'FIRST_ORDER' && i.group === group)!;
        assert.ok(expected.low !== null && expected.high !== null, `${group} has recipients`);
        const cell = panel.locator(`tr[data-group=${group}] [data-stat=CONVERSION_RATE_INTERVAL]`);
        assert.deepEqual([await cell.getAttribute('data-low'), await cell.getAttribute('data-high')], [String(expected.low), String(expected.high)]);
        assert.equal(await cell.textContent(), `${formatPercent(expected.low)} – ${formatPercent(expected.high)}`);
      }
      const verdict = panel.locator('.verdict');
      assert.equal(await verdict.getAttribute('data-significant'), String(look('SIGNIFICANT')));
      assert.match((await verdict.textContent()) ?? '', look('SIGNIFICANT') === 1 ? /^Significant/ : /^Not significant/);
      assert.equal(await panel.locator('[data-stat=P_VALUE]').textContent(), formatPValue(look('P_VALUE')!));
      assert.equal(await panel.locator('[data-stat=MINIMUM_DETECTABLE_UPLIFT]').textContent(), formatPercent(look('MINIMUM_DETECTABLE_UPLIFT')!));
      await page.locator('.uplift-bar').first().waitFor();
      await expectAccessible(`campaign ${experiment.name}`);
      if (look('SIGNIFICANT') === 1) await screenshot('experiment');
    }
  });

  it('downloads the orders CSV with the API\'s row count', async () => {
    const campaign = campaigns.find((c) => !c.stats.isExperiment && c.stats.stats.campaignOrders > 100)!;
    await page.goto(`${app().url}/#/campaigns/${campaign.id}`);
    await page.waitForSelector('[data-download=orders]');
    await screenshot('campaign');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download=orders]')]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    assert.match(lines[0], /^order_id,/);
    assert.equal(lines.length - 1, campaign.stats.stats.campaignOrders);
  });

  it('answers the holdout planner as the holdoutPlan query does, and says when no split can work', async () => {
    const plan = async (recipients: number, baseline: number, uplift: number) =>
      (await api<{ holdoutPlan: { feasible: boolean; holdoutPercent: number | null; holdoutRecipients: number | null; minimumDetectableUpliftAtHalf: number } }>(
        'query P($n: Int!, $p: Float!, $u: Float!) { holdoutPlan(recipients: $n, baselineConversionRate: $p, minimumDetectableUplift: $u) { feasible holdoutPercent holdoutRecipients minimumDetectableUpliftAtHalf } }',
        { n: recipients, p: baseline, u: uplift },
      )).holdoutPlan;
    const ask = async (recipients: string, baselinePercent: string, upliftPercent: string) => {
      await page.fill('input[name=recipients]', recipients);
      await page.fill('input[name=baselinePercent]', baselinePercent);
      await page.fill('input[name=upliftPercent]', upliftPercent);
      await page.click('form.planner button[type=submit]');
      await page.waitForSelector('.answer .answer-line');
      return page.textContent('.answer .answer-line');
    };
    await page.click('nav a:has-text("Holdout planner")');
    await page.waitForSelector('form.planner');
    const feasible = await plan(100_000, 0.02, 0.2);
    assert.equal(feasible.feasible, true);
    assert.equal(await ask('100000', '2', '20'), `Hold out ${formatPercent(feasible.holdoutPercent! / 100)} — ${formatCount(feasible.holdoutRecipients!)} recipients.`);
    await expectAccessible('planner');
    await screenshot('planner');
    const infeasible = await plan(1_000, 0.01, 0.05);
    assert.equal(infeasible.feasible, false);
    assert.match((await ask('1000', '1', '5')) ?? '', /^No split can work/);
    assert.match((await page.textContent('.answer')) ?? '', new RegExp(formatPercent(infeasible.minimumDetectableUpliftAtHalf).replace('.', '\\.')));
    await page.fill('input[name=recipients]', '1');
    await page.click('form.planner button[type=submit]');
    await page.waitForSelector('[role=alert]');
    assert.match((await page.textContent('[role=alert]')) ?? '', /recipients/i);
  });

  it('shows the funnel report and the outbox counts', async () => {
    const { funnelConversionReport, brevoOutboxSummary } = await api<{ funnelConversionReport: { rows: Array<{ entries: number }> }; brevoOutboxSummary: { pending: number; failed: number } }>(
      '{ funnelConversionReport(bySource: true) { rows { entries } } brevoOutboxSummary { pending failed } }',
    );
    await page.click('nav a:has-text("Funnels")');
    await page.waitForSelector('table.funnel-report tbody tr');
    const entries = await page.$$eval('table.funnel-report tbody tr td:nth-child(3)', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(entries, funnelConversionReport.rows.map((r) => r.entries.toLocaleString('en-US')));
    const outbox = await page.$$eval('.kpis.small .kpi', (cards) => Object.fromEntries(cards.map((c) => [c.querySelector('h3')?.textContent, c.querySelector('.kpi-value')?.textContent])));
    assert.equal(outbox.Pending, String(brevoOutboxSummary.pending));
    assert.equal(outbox.Failed, String(brevoOutboxSummary.failed));
    await expectAccessible('funnels');
    await screenshot('funnels');
  });

  it('forgets the key on sign-out, and nothing left the machine', async () => {
    await page.click('button.sign-out');
    await page.waitForSelector('#api-key');
    assert.equal(await page.evaluate('sessionStorage.length'), 0);
    assert.deepEqual(blocked, []);
    assert.deepEqual(problems, []);
  });
});
