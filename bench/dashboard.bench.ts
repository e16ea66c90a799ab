import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../src/app';
import { loadConfig } from '../src/config';
import { migrateDatabase } from '../src/db/migrate';
import { ensureDemoData } from '../src/demo/demo-data';
import { makeLogger } from '../src/logger';
import { launchChromium, offlineContext } from '../test/helpers/browser';
import { ensureDashboardBuilt } from '../test/helpers/dashboard';
import { OverviewDocument } from '../web/src/generated/graphql';
import { previousRange } from '../web/src/time-periods';
import { median, timed, type Benchmark } from './bench-kit';
import { benchDatabaseUrl } from './bench-database';

const REPEATS = 7;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const MANY_CAMPAIGNS = 1_000;

async function graphql(url: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A fresh browser context already signed in (the key in sessionStorage, as after the sign-in form). */
async function signedInPage(browser: Browser, url: string, apiKey: string, organization: object): Promise<{ page: Page; bytes: () => Promise<number>; close(): Promise<void> }> {
  const { context } = await offlineContext(browser, url);
  await context.addInitScript(
    ([key, org]) => {
      const storage = (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage;
      storage.setItem('paperrun.apiKey', key);
      storage.setItem('paperrun.organization', org);
    },
    [apiKey, JSON.stringify(organization)] as const,
  );
  const page = await context.newPage();
  const sizes: Array<Promise<number>> = [];
  page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
  return { page, bytes: async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0), close: () => context.close() };
}

/** 1,000 small campaigns (20 mailed recipients, 2 orders each) for the campaign table. */
async function loadManyCampaigns(databaseUrl: string, url: string): Promise<{ apiKey: string; organization: object }> {
  const created = (await graphql(url, ADMIN_KEY, 'mutation { createOrganization(input: { name: "Many Campaigns Ltd" }) { apiKey organization { id name timezone } } }')) as {
    createOrganization: { apiKey: string; organization: { id: string } };
  };
  const orgId = created.createOrganization.organization.id;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO campaigns (org_id, external_id, name) SELECT $1, 'c' || g, 'Campaign ' || lpad(g::text, 4, '0') FROM generate_series(1, $2) g`, [orgId, MANY_CAMPAIGNS]);
    await client.query(
      `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
       SELECT c.org_id, c.id, 'r' || g, false, current_date - 40, 0.4 + (g % 7) * 0.05 FROM campaigns c CROSS JOIN generate_series(1, 20) g WHERE c.org_id = $1`,
      [orgId],
    );
    await client.query(
      `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count)
       SELECT r.org_id, r.campaign_id, r.id, 'o' || r.id, now() - interval '10 days', 20 + (abs(hashtext(r.id::text)) % 100), 1 + (abs(hashtext(r.external_id)) % 2)
         FROM campaign_recipients r WHERE r.org_id = $1 AND r.external_id IN ('r1', 'r2')`,
      [orgId],
    );
  } finally {
    await client.end();
  }
  return { apiKey: created.createOrganization.apiKey, organization: created.createOrganization.organization };
}

/**
 * Time to the overview's numbers in headless Chromium on loopback (a cold context each time: no
 * HTTP cache, so the bundle is fetched too) with the demo organisation, against the overview's
 * own GraphQL request timed alone (the API part of that time); the first page's transferred
 * bytes; and the campaign table with 1,000 campaigns (time to the table, time to re-sort).
 */
const benchmark: Benchmark = {
  name: 'dashboard: time to the overview numbers',
  async run() {
    ensureDashboardBuilt();
    const logger = makeLogger('warn', false);
    const database = await benchDatabaseUrl('dashboard');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'paperrun-dashboard-bench-'));
    let app: RunningApp | null = null;
    let browser: Browser | null = null;
    try {
      await migrateDatabase(database.url, logger);
      const demo = await ensureDemoData({ databaseUrl: database.url, dataDir, logger });
      if (!demo) throw new Error('demo data not loaded');
      const config = loadConfig({ ...process.env, DATABASE_URL: database.url, NODE_ENV: 'production', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY, REDIS_URL: '' });
      app = await startApp({ config, logger: makeLogger('silent', false), databaseUrl: database.url, role: 'all', port: 0, host: '127.0.0.1' });
      const url = app.url!;
      await graphql(url, ADMIN_KEY, 'mutation { runJob(name: "process-order-aggregations") }');
      const { organization } = (await graphql(url, demo.apiKey, '{ organization { id name timezone } }')) as { organization: object };
      browser = await launchChromium();

      const pageTimes: number[] = [];
      const apiTimes: number[] = [];
      let firstPageBytes = 0;
      for (let i = 0; i < REPEATS + 1; i += 1) {
        const session = await signedInPage(browser, url, demo.apiKey, organization);
        const page = await timed(async () => {
          await session.page.goto(url);
          await session.page.waitForSelector('.kpis[data-range] [data-kpi=roas] .kpi-value');
        });
        // The page's own request, sent alone: the API's part of the time to the numbers.
        const [from, to] = (await session.page.getAttribute('.kpis', 'data-range'))!.split('..');
        const previous = previousRange({ from, to });
        const variables = { fromDate: from, toDate: to, previousFromDate: previous?.from ?? null, previousToDate: previous?.to ?? null, withPrevious: previous !== null };
        const api = await timed(() => graphql(url, demo.apiKey, OverviewDocument.toString(), variables));
        firstPageBytes = await session.bytes();
        await session.close();
        // The first round warms the server (JIT, connection pool) and is not counted.
        if (i === 0) continue;
        pageTimes.push(page.ms);
        apiTimes.push(api.ms);
      }

      const many = await loadManyCampaigns(database.url, url);
      await graphql(url, ADMIN_KEY, 'mutation { runJob(name: "process-order-aggregations") }');
      const tableTimes: number[] = [];
      const sortTimes: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const session = await signedInPage(browser, url, many.apiKey, many.organization);
        await session.page.goto(url);
        await session.page.waitForSelector('.kpis[data-range]');
        const table = await timed(async () => {
          await session.page.click('nav a:has-text("Campaigns")');
          await session.page.waitForSelector('table.campaigns tbody tr');
        });
        const sort = await timed(async () => {
          await session.page.click('button.sort[data-sort=roas]');
          await session.page.waitForSelector('th[aria-sort=descending] button[data-sort=roas]');
        });
        await session.close();
        if (i === 0) continue;
        tableTimes.push(table.ms);
        sortTimes.push(sort.ms);
      }
      const ms = (v: number) => `${v.toFixed(0)} ms`;
      return {
        title: `demo organisation (10 campaigns, ${REPEATS} cold page loads, medians); ${MANY_CAMPAIGNS.toLocaleString('en-US')} campaigns for the table`,
        lines: [
          `overview numbers shown (navigation to KPI cards): ${ms(median(pageTimes))} (target ≤ 1,000 ms)`,
          `the page's Overview operation sent alone (same variables): ${ms(median(apiTimes))} → browser and assets ${ms(median(pageTimes) - median(apiTimes))}`,
          `first page transferred: ${(firstPageBytes / 1024).toFixed(1)} KiB (HTML, JS, CSS and the GraphQL answer, headers included)`,
          `campaign table, ${MANY_CAMPAIGNS.toLocaleString('en-US')} campaigns: shown in ${ms(median(tableTimes))}, re-sorted by ROAS in ${ms(median(sortTimes))}`,
        ],
      };
    } finally {
      await browser?.close();
      await app?.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
