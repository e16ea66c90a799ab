import assert from 'node:assert/strict';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CampaignsDocument,
  CampaignStatsDocument,
  EnterFunnelDocument,
  FunnelConversionReportDocument,
  RecordAttributionsDocument,
  RunJobDocument,
  type AttributionInput,
} from '../generated/graphql';
import { ADMIN_KEY, expectData, useTestAppWithRedis } from '../helpers/app';
import { importRecipients, mailedRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

const TOOLS = ['get_experiment_result', 'get_full_campaign_stats', 'get_funnel_conversion_report', 'get_org_campaign_metrics', 'list_campaigns', 'plan_holdout'];

interface ToolOutcome {
  isError: boolean;
  text: string;
  /** The parsed JSON payload (null for an error). */
  payload: Record<string, unknown> | null;
}

interface MetricValue {
  value: number | null;
  basis: string;
  grade: string;
}

interface CampaignPayload {
  campaign_id: string;
  campaign_name: string;
  is_experiment: boolean;
  metrics: Record<string, MetricValue>;
  context: { mailers: number; cost: number; orders: number; date_range: { from: string | null; to: string | null }; first_send_date: string | null; last_refreshed: string };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text?: string }>;
  const text = content.map((c) => c.text ?? '').join('');
  const isError = result.isError === true;
  const payload = isError ? null : (JSON.parse(text) as Record<string, unknown>);
  // Every answer is typed too (the SDK client has checked it against the tool's outputSchema).
  if (!isError) assert.deepEqual(result.structuredContent, payload, `${name}: structuredContent is the text's JSON`);
  return { isError, text, payload };
}

async function ok<T>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const outcome = await call(client, name, args);
  assert.equal(outcome.isError, false, `${name} failed: ${outcome.text}`);
  return outcome.payload as T;
}

async function fail(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const outcome = await call(client, name, args);
  assert.equal(outcome.isError, true, `${name} should have failed, got ${outcome.text}`);
  return outcome.text;
}

/** Every number anywhere in a JSON value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('MCP server', function () {
  this.timeout(120_000);
  const app = useTestAppWithRedis();
  let org: TestOrganization;
  let other: TestOrganization;
  let plain: string;
  let experiment: string;
  let foreign: string;

  before(async () => {
    org = await makeOrganization(app());
    other = await makeOrganization(app());
    plain = await makeCampaign(app(), org, { name: 'Plain mailer' });
    experiment = await makeCampaign(app(), org, { name: 'Holdout test', holdoutEnabled: true, holdoutPercent: 50 });
    foreign = await makeCampaign(app(), other, { name: 'Someone else' });
    await importRecipients(app(), org, plain, mailedRecipients(120, 'p'));
    await importRecipients(app(), org, experiment, [
      ...mailedRecipients(120, 't').map((r) => ({ ...r, cost: 1 })),
      ...Array.from({ length: 110 }, (_, i) => ({ externalId: `c${i + 1}`, isHoldout: true, cost: 0 })),
    ]);
    await importRecipients(app(), other, foreign, mailedRecipients(5, 'f'));
    const order = (campaignId: string, recipientExternalId: string, orderId: string, revenue: number, orderCount: number, orderDate = '2024-03-05T15:30:00.000Z'): AttributionInput =>
      ({ campaignId, recipientExternalId, orderId, orderDate, revenue, orderCount });
    const attributions: AttributionInput[] = [
      ...Array.from({ length: 10 }, (_, i) => order(plain, `p${i + 1}`, `po${i}`, 20, i < 5 ? 1 : 2, i < 3 ? '2024-04-10T12:00:00Z' : '2024-03-05T15:30:00.000Z')),
      ...Array.from({ length: 30 }, (_, i) => order(experiment, `t${i + 1}`, `to${i}`, 50, 1)),
      ...Array.from({ length: 5 }, (_, i) => order(experiment, `c${i + 1}`, `co${i}`, 50, 1)),
    ];
    expectData(await app().gql(RecordAttributionsDocument, { attributions }, org.apiKey));
    expectData(await app().gql(RecordAttributionsDocument, { attributions: [order(foreign, 'f1', 'fo1', 99, 1)] }, other.apiKey));
    expectData(await app().gql(RunJobDocument, { name: 'process-order-aggregations' }, ADMIN_KEY));
    for (const [email, source] of [['a@example.com', 'ads'], ['b@example.com', 'ads'], ['c@example.com', null]] as const) {
      expectData(await app().gql(EnterFunnelDocument, { input: { email, funnelType: 'LANGUAGE', testId: 'english-b2', source, enteredAt: '2024-03-10T05:00:00Z' } }, org.apiKey));
    }
  });

  const httpTransport = (key: string | null) =>
    new StreamableHTTPClientTransport(new URL(`${app().url}/mcp`), { requestInit: { headers: key ? { authorization: `Bearer ${key}` } : {} } });

  async function connect(transport: Transport): Promise<Client> {
    const client = new Client({ name: 'mcp-test', version: '1.0.0' });
    await client.connect(transport);
    return client;
  }

  async function graphqlStats(campaignId: string, range: { fromDate?: string; toDate?: string } = {}) {
    return expectData(await app().gql(CampaignStatsDocument, { campaignId, ...range }, org.apiKey)).campaignStats;
  }

  function sameMetrics(payload: CampaignPayload, computed: Array<{ concept: string; value: number | null; basis: string; grade: string }>) {
    assert.deepEqual(
      payload.metrics,
      Object.fromEntries(computed.map((m) => [m.concept, { value: m.value, basis: m.basis, grade: m.grade }])),
    );
  }

  describe('over Streamable HTTP', () => {
    let client: Client;
    before(async () => {
      client = await connect(httpTransport(org.apiKey));
    });
    after(async () => {
      await client?.close();
    });

    it('lists the tools, each with a description and a JSON-schema input', async () => {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), TOOLS);
      for (const tool of tools) {
        assert.ok((tool.description ?? '').length > 40, tool.name);
        assert.equal(tool.inputSchema.type, 'object');
        assert.equal(tool.outputSchema?.type, 'object', `${tool.name} has an outputSchema`);
        assert.ok(Object.keys(tool.outputSchema?.properties ?? {}).length > 0, tool.name);
      }
      const experimentTool = tools.find((t) => t.name === 'get_experiment_result')!;
      assert.deepEqual([...(experimentTool.inputSchema.required ?? [])].sort(), ['campaign_id', 'metric', 'stat']);
    });

    it('list_campaigns matches the GraphQL campaigns and holds only the caller’s', async () => {
      const payload = await ok<{ campaigns: Array<{ id: string; external_id: string; name: string; holdout_enabled: boolean; holdout_percent: number | null }> }>(client, 'list_campaigns');
      const graphql = expectData(await app().gql(CampaignsDocument, {}, org.apiKey)).campaigns;
      assert.deepEqual(
        payload.campaigns.map((c) => ({ id: c.id, externalId: c.external_id, name: c.name, holdoutEnabled: c.holdout_enabled, holdoutPercent: c.holdout_percent })),
        graphql,
      );
      assert.ok(!payload.campaigns.some((c) => c.id === foreign));
    });

    it('get_full_campaign_stats: a non-experiment is FIRST_PURCHASE, read from the GraphQL cache entry', async () => {
      const graphql = await graphqlStats(plain);
      const payload = await ok<CampaignPayload>(client, 'get_full_campaign_stats', { campaign_id: plain });
      sameMetrics(payload, graphql.computedMetrics);
      assert.equal(payload.metrics.return_on_spend.basis, 'FIRST_PURCHASE');
      assert.equal(payload.metrics.return_on_spend.value, 100 / 60);
      assert.equal(payload.is_experiment, false);
      assert.deepEqual(payload.context, {
        mailers: graphql.stats.mailersSent,
        cost: graphql.stats.totalCost,
        orders: graphql.stats.campaignOrders,
        date_range: { from: null, to: null },
        first_send_date: graphql.firstSendDate,
        // The same cached response as GraphQL's (same key), not a recomputation.
        last_refreshed: graphql.lastRefreshed,
      });
      assert.deepEqual(Object.keys(payload).sort(), ['campaign_id', 'campaign_name', 'context', 'is_experiment', 'metrics']);
    });

    it('get_full_campaign_stats: an experiment is INCREMENTAL and carries no gross ROAS anywhere', async () => {
      const graphql = await graphqlStats(experiment);
      const outcome = await call(client, 'get_full_campaign_stats', { campaign_id: experiment });
      const payload = outcome.payload as unknown as CampaignPayload;
      sameMetrics(payload, graphql.computedMetrics);
      assert.equal(payload.is_experiment, true);
      for (const concept of ['return_on_spend', 'acquisition_cost', 'conversion_rate', 'revenue']) assert.equal(payload.metrics[concept].basis, 'INCREMENTAL');
      assert.equal(payload.metrics.return_on_spend.value, graphql.effectiveRoas);
      assert.equal(graphql.stats.roas, 12.5);
      assert.equal(graphql.stats.firstPurchaseRoas, 12.5);
      assert.ok(!numbersIn(payload).includes(12.5), 'the gross / first-purchase ROAS must not appear');
      assert.doesNotMatch(outcome.text, /roas|GROSS|FIRST_PURCHASE|rolling/i);
    });

    it('get_org_campaign_metrics: every campaign at once, cached whole-campaign or batched over a range', async () => {
      const whole = await ok<{ campaigns: CampaignPayload[] }>(client, 'get_org_campaign_metrics');
      assert.deepEqual(whole.campaigns.map((c) => c.campaign_id).sort(), [plain, experiment].sort());
      for (const campaign of whole.campaigns) {
        const graphql = await graphqlStats(campaign.campaign_id);
        sameMetrics(campaign, graphql.computedMetrics);
        assert.deepEqual([campaign.context.orders, campaign.context.mailers, campaign.context.last_refreshed], [graphql.stats.campaignOrders, graphql.stats.mailersSent, graphql.lastRefreshed]);
      }
      const ranged = await ok<{ date_range: unknown; campaigns: CampaignPayload[] }>(client, 'get_org_campaign_metrics', { from_date: '2024-04-01', to_date: '2024-05-01' });
      assert.deepEqual(ranged.date_range, { from: '2024-04-01', to: '2024-05-01' });
      for (const campaign of ranged.campaigns) {
        const graphql = await graphqlStats(campaign.campaign_id, { fromDate: '2024-04-01', toDate: '2024-05-01' });
        sameMetrics(campaign, graphql.computedMetrics);
        assert.equal(campaign.context.orders, graphql.stats.campaignOrders);
        assert.equal(campaign.context.cost, graphql.stats.totalCost);
      }
      assert.equal(ranged.campaigns.find((c) => c.campaign_id === plain)!.context.orders, 3);
    });

    it('get_experiment_result matches GraphQL experimentResults and explains misuse', async () => {
      const graphql = await graphqlStats(experiment);
      const row = (metric: string, stat: string, group: string | null) => graphql.experimentResults.find((r) => r.metric === metric && r.stat === stat && r.group === group)!.value;
      for (const [metric, stat, group] of [['FIRST_ORDER', 'INCREMENTAL_ROAS', null], ['ALL_ORDERS', 'CONVERTERS', 'TEST'], ['FIRST_ORDER', 'P_VALUE', null], ['FIRST_ORDER', 'RECIPIENTS', 'CONTROL']] as const) {
        const payload = await ok<{ value: number | null; group: string | null }>(client, 'get_experiment_result', { campaign_id: experiment, metric, stat, ...(group ? { group } : {}) });
        assert.equal(payload.value, row(metric, stat, group), `${metric} ${stat} ${group}`);
        assert.equal(payload.group, group);
      }
      // The interval to quote with a value: a group's conversion rate (Wilson), the uplift's score interval, nothing for a count.
      const withInterval = (stat: string, group?: string) =>
        ok<{ interval_low: number | null; interval_high: number | null }>(client, 'get_experiment_result', { campaign_id: experiment, metric: 'FIRST_ORDER', stat, ...(group ? { group } : {}) });
      const control = graphql.conversionRateIntervals.find((i) => i.metric === 'FIRST_ORDER' && i.group === 'CONTROL')!;
      assert.ok(control.low !== null && control.high !== null && control.low < control.high);
      const rate = await withInterval('CONVERSION_RATE', 'CONTROL');
      assert.deepEqual([rate.interval_low, rate.interval_high], [control.low, control.high]);
      const uplift = await withInterval('METRIC_UPLIFT');
      assert.deepEqual([uplift.interval_low, uplift.interval_high], [row('FIRST_ORDER', 'UPLIFT_CI_LOW', null), row('FIRST_ORDER', 'UPLIFT_CI_HIGH', null)]);
      const count = await withInterval('RECIPIENTS', 'TEST');
      assert.deepEqual([count.interval_low, count.interval_high], [null, null]);
      assert.match(await fail(client, 'get_experiment_result', { campaign_id: experiment, metric: 'FIRST_ORDER', stat: 'RECIPIENTS' }), /group TEST or group CONTROL/);
      assert.match(await fail(client, 'get_experiment_result', { campaign_id: experiment, metric: 'ALL_ORDERS', stat: 'INCREMENTAL_CUSTOMER_ACQUISITION_COST' }), /FIRST_ORDER only/);
      assert.match(await fail(client, 'get_experiment_result', { campaign_id: plain, metric: 'FIRST_ORDER', stat: 'INCREMENTAL_ROAS' }), /not a holdout experiment/);
      assert.match(await fail(client, 'get_experiment_result', { campaign_id: experiment, metric: 'FIRST_ORDER', stat: 'GROSS_ROAS' }), /stat/);
    });

    it('plan_holdout matches the GraphQL holdoutPlan and names a bad argument', async () => {
      const args = { recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.5, power: 0.8 };
      const graphql = expectData(
        await app().gql<{ holdoutPlan: Record<string, unknown> }, typeof args>(
          'query ($recipients: Int!, $baselineConversionRate: Float!, $minimumDetectableUplift: Float!, $power: Float) { holdoutPlan(recipients: $recipients, baselineConversionRate: $baselineConversionRate, minimumDetectableUplift: $minimumDetectableUplift, power: $power) { feasible holdoutPercent holdoutRecipients minimumDetectableUpliftAtHalf } }',
          args,
          org.apiKey,
        ),
      ).holdoutPlan;
      const payload = await ok<Record<string, unknown>>(client, 'plan_holdout', { recipients: 10_000, baseline_conversion_rate: 0.02, minimum_detectable_uplift: 0.5 });
      assert.deepEqual(payload, {
        feasible: graphql.feasible,
        holdout_percent: graphql.holdoutPercent,
        holdout_recipients: graphql.holdoutRecipients,
        minimum_detectable_uplift_at_half: graphql.minimumDetectableUpliftAtHalf,
      });
      assert.equal(payload.holdout_recipients, 1900);
      assert.match(await fail(client, 'plan_holdout', { recipients: 10_000, baseline_conversion_rate: 1.5, minimum_detectable_uplift: 0.5 }), /baseline_conversion_rate: must be a fraction strictly between 0 and 1/);
      assert.match(await fail(client, 'plan_holdout', { recipients: 10_000, baseline_conversion_rate: 0.02, minimum_detectable_uplift: 0.5, power: 1 }), /power/);
    });

    it('get_funnel_conversion_report matches the GraphQL report', async () => {
      for (const bySource of [false, true]) {
        const payload = await ok<{ rows: Array<{ funnel_type: string; source: string | null; entries: number; purchased: number; conversion: number | null }> }>(
          client,
          'get_funnel_conversion_report',
          { from_date: '2024-03-01', to_date: '2024-04-01', by_source: bySource },
        );
        const graphql = expectData(await app().gql(FunnelConversionReportDocument, { fromDate: '2024-03-01', toDate: '2024-04-01', bySource }, org.apiKey)).funnelConversionReport;
        assert.deepEqual(
          payload.rows.map((r) => ({ funnelType: r.funnel_type, source: r.source, entries: r.entries, purchased: r.purchased, conversion: r.conversion })),
          graphql.rows,
        );
      }
    });

    it('turns bad arguments into tool errors that say what to fix', async () => {
      assert.match(await fail(client, 'get_full_campaign_stats', { campaign_id: 'abc' }), /campaign_id must be a campaign id.*list_campaigns/);
      assert.match(await fail(client, 'get_full_campaign_stats', {}), /campaign_id/);
      assert.match(await fail(client, 'get_org_campaign_metrics', { from_date: '03/01/2024' }), /from_date must be a calendar date written YYYY-MM-DD/);
      assert.match(await fail(client, 'get_org_campaign_metrics', { from_date: '2024-02-30' }), /from_date: "2024-02-30" is not a real calendar date/);
      assert.match(await fail(client, 'get_funnel_conversion_report', { from_date: '2024-04-01', to_date: '2024-03-01' }), /to_date must be after from_date/);
      assert.match(await fail(client, 'get_funnel_conversion_report', { by_source: 'yes' }), /by_source/);
    });

    it("answers another organisation's campaign with not found, leaking nothing", async () => {
      for (const [name, args] of [
        ['get_full_campaign_stats', { campaign_id: foreign }],
        ['get_experiment_result', { campaign_id: foreign, metric: 'FIRST_ORDER', stat: 'INCREMENTAL_ROAS' }],
      ] as const) {
        const text = await fail(client, name, args);
        assert.match(text, /Not found: no campaign/);
        // The message echoes the id the caller sent; nothing else of the other organisation's.
        assert.doesNotMatch(text.replaceAll(foreign, '<id>'), /Someone else|99/);
      }
      const unknown = await fail(client, 'get_full_campaign_stats', { campaign_id: '00000000-0000-4000-8000-000000000000' });
      assert.match(unknown, /Not found/);
    });

    it('refuses a missing or bad key (401) and the admin key (403)', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
      const post = (key: string | null) =>
        fetch(`${app().url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body });
      assert.equal((await post(null)).status, 401);
      assert.equal((await post('prk_not-a-real-key')).status, 401);
      assert.equal((await post(ADMIN_KEY)).status, 403);
      assert.equal((await post(org.apiKey)).status, 200);
      await assert.rejects(connect(httpTransport(null)));
      await assert.rejects(connect(httpTransport('prk_wrong')));
      assert.equal((await fetch(`${app().url}/mcp`, { headers: { authorization: `Bearer ${org.apiKey}` } })).status, 405);
    });

    it('tells a client without a key to send a Bearer key (WWW-Authenticate), not to start OAuth', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
      const post = (key: string | null) =>
        fetch(`${app().url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body });
      const missing = await post(null);
      assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer realm="paperrun", error_description="[^"]*Authorization: Bearer/);
      assert.match((await post('prk_wrong')).headers.get('www-authenticate') ?? '', /^Bearer realm="paperrun", error="invalid_token"/);
    });

    it('validates Origin (MCP transport spec): 403 for a foreign origin, served without one or from its own', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
      const post = (origin: string | null) =>
        fetch(`${app().url}/mcp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${org.apiKey}`, ...(origin ? { origin } : {}) },
          body,
        });
      const foreign = await post('http://evil.example.net');
      assert.equal(foreign.status, 403);
      assert.match(((await foreign.json()) as { error: { message: string } }).error.message, /Origin "http:\/\/evil\.example\.net" is not allowed/);
      assert.equal((await post(null)).status, 200);
      assert.equal((await post(app().url)).status, 200);
    });
  });

  describe('over stdio', () => {
    let client: Client;
    let stderr = '';
    before(async () => {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
      env.DATABASE_URL = app().databaseUrl;
      env.REDIS_URL = app().redisUrl;
      env.NODE_ENV = 'test';
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['-r', './register.js', 'src/cli/mcp-stdio.ts', '--api-key', org.apiKey],
        cwd: path.resolve(__dirname, '../..'),
        env,
        stderr: 'pipe',
      });
      transport.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      client = await connect(transport);
    });
    after(async () => {
      await client?.close();
    });

    it('lists the same tools and serves the same payloads as HTTP', async () => {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), TOOLS, stderr);
      const graphql = await graphqlStats(experiment);
      const payload = await ok<CampaignPayload>(client, 'get_full_campaign_stats', { campaign_id: experiment });
      sameMetrics(payload, graphql.computedMetrics);
      assert.equal(payload.metrics.return_on_spend.basis, 'INCREMENTAL');
      assert.equal(payload.context.last_refreshed, graphql.lastRefreshed, 'the same Redis cache entry as GraphQL');
      const plainPayload = await ok<CampaignPayload>(client, 'get_full_campaign_stats', { campaign_id: plain });
      assert.equal(plainPayload.metrics.return_on_spend.basis, 'FIRST_PURCHASE');
      const campaigns = await ok<{ campaigns: Array<{ id: string }> }>(client, 'list_campaigns');
      assert.deepEqual(campaigns.campaigns.map((c) => c.id).sort(), [plain, experiment].sort());
    });

    it('gives tool errors for bad arguments and another organisation’s campaign', async () => {
      assert.match(await fail(client, 'get_full_campaign_stats', { campaign_id: foreign }), /Not found/);
      assert.match(await fail(client, 'get_org_campaign_metrics', { to_date: 'tomorrow' }), /to_date must be a calendar date/);
    });
  });
});
