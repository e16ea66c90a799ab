import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { CampaignRow } from '../campaigns/campaign.repository';
import { isLocalDate } from '../dates';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { conversionRateIntervals, findExperimentResult, type ExperimentGroup, type ExperimentMetric, type ExperimentRow, type ExperimentStat } from '../reporting/experiments/experiment.results';
import { DEFAULT_POWER, planHoldout, SNAKE_CASE_ARGUMENT_NAMES } from '../reporting/experiments/holdout-plan';
import type { Basis, ComputedMetric, Grade } from '../reporting/experiments/performance';
import type { StatsOptions, StatsResponseData } from '../reporting/stats.service';
import type { DomainServices } from '../services';

/**
 * The MCP server (issue 9; seed 000 "MCP consumption"): tools an AI agent calls to read an
 * organisation's reporting. Payloads are ComputedMetrics-first — per concept one value with its
 * basis and grade, plus the few context numbers needed to read it. Gross blocks, rolling series
 * and experiment rows are left out, so an agent can never quote gross ROAS for an experiment.
 * Whole-campaign stats come from the same cache (same keys) as GraphQL, computed on a miss.
 * One server per organisation: every tool is scoped to `orgId`.
 */

export const MCP_SERVER_NAME = 'paperrun-reporting';
export const MCP_SERVER_VERSION = '0.1.0';

type McpServices = Pick<DomainServices, 'campaigns' | 'stats' | 'statsCache' | 'funnels'>;

export type Concept = ComputedMetric['concept'];

export interface MetricValue {
  value: number | null;
  basis: Basis;
  grade: Grade;
}

export interface CampaignMetricsPayload {
  campaign_id: string;
  campaign_name: string;
  is_experiment: boolean;
  /** One graded, basis-tagged number per concept, always over the whole campaign. */
  metrics: Record<Concept, MetricValue>;
  /** The numbers needed to read the metrics (over `date_range`). */
  context: {
    mailers: number;
    cost: number;
    orders: number;
    date_range: { from: string | null; to: string | null };
    first_send_date: string | null;
    last_refreshed: string;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const campaignIdArg = z
  .string()
  .regex(UUID, 'campaign_id must be a campaign id (a UUID such as 0b6c…-…); call list_campaigns to get the ids')
  .describe('The campaign id (UUID) as returned by list_campaigns.');
const dateArg = (name: string, meaning: string) =>
  z
    .string()
    .regex(DATE, `${name} must be a calendar date written YYYY-MM-DD, e.g. 2024-03-01`)
    .optional()
    .describe(`${meaning} Local calendar date YYYY-MM-DD in the organisation's timezone. Omit for no bound.`);

const EXPERIMENT_METRICS = ['FIRST_ORDER', 'ALL_ORDERS'] as const satisfies readonly ExperimentMetric[];
const EXPERIMENT_GROUPS = ['TEST', 'CONTROL'] as const satisfies readonly ExperimentGroup[];
const GROUP_STATS = ['RECIPIENTS', 'ORDERS', 'CONVERTERS', 'REVENUE', 'CONVERSION_RATE', 'REVENUE_PER_RECIPIENT'] as const satisfies readonly ExperimentStat[];
const COMPARISON_STATS = [
  'WIN_PROBABILITY',
  'P_VALUE',
  'SIGNIFICANT',
  'INCREMENTAL_REVENUE',
  'INCREMENTAL_ROAS',
  'INCREMENTAL_CUSTOMER_ACQUISITION_COST',
  'METRIC_UPLIFT',
  'UPLIFT_CI_LOW',
  'UPLIFT_CI_HIGH',
  'MINIMUM_DETECTABLE_UPLIFT',
  'SRM_P_VALUE',
  'SAMPLE_RATIO_MISMATCH',
] as const satisfies readonly ExperimentStat[];
const EXPERIMENT_STATS = [...GROUP_STATS, 'COST', ...COMPARISON_STATS] as const satisfies readonly ExperimentStat[];

/** A tool error that tells the agent what to change. */
class ToolError extends Error {}

const WHOLE: StatsOptions = { range: { from: null, to: null }, source: 'AGGREGATES' };

/** A tool's answer: typed for clients that read structuredContent (checked against the tool's outputSchema), as JSON text for the others. */
/** The 95% interval an agent should quote with a value: a group's conversion rate (Wilson) or the uplift (score interval). */
function intervalOf(rows: ExperimentRow[], metric: ExperimentMetric, stat: ExperimentStat, group: ExperimentGroup | null): { low: number | null; high: number | null } {
  if (stat === 'METRIC_UPLIFT') return { low: findExperimentResult(rows, metric, 'UPLIFT_CI_LOW', null), high: findExperimentResult(rows, metric, 'UPLIFT_CI_HIGH', null) };
  if (stat === 'CONVERSION_RATE' && group !== null) {
    const interval = conversionRateIntervals(rows).find((i) => i.metric === metric && i.group === group);
    return { low: interval?.low ?? null, high: interval?.high ?? null };
  }
  return { low: null, high: null };
}

function json(payload: object): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(payload, null, 2) }], structuredContent: { ...payload } };
}

// Output schemas (the shapes the tools answer with, advertised in tools/list as outputSchema).
const BASES = ['INCREMENTAL', 'FIRST_PURCHASE', 'GROSS'] as const satisfies readonly Basis[];
const GRADES = ['HIGH', 'LOW', 'NEUTRAL', 'INSUFFICIENT_DATA'] as const satisfies readonly Grade[];
const CONCEPTS = ['return_on_spend', 'acquisition_cost', 'conversion_rate', 'revenue'] as const satisfies readonly Concept[];
const dateRangeOutput = z
  .object({ from: z.string().nullable().describe('First day (inclusive), or null for no bound.'), to: z.string().nullable().describe('Day after the last (exclusive), or null for no bound.') })
  .describe("Local dates YYYY-MM-DD in the organisation's timezone.");
const metricValueOutput = z.object({
  value: z.number().nullable().describe('The number; null when it cannot be computed (e.g. no cost, no orders).'),
  basis: z.enum(BASES).describe('INCREMENTAL (lift over the holdout), FIRST_PURCHASE or GROSS.'),
  grade: z.enum(GRADES).describe('HIGH, LOW, NEUTRAL or INSUFFICIENT_DATA (draw no conclusion).'),
});
const campaignMetricsShape = {
  campaign_id: z.string(),
  campaign_name: z.string(),
  is_experiment: z.boolean().describe('True for a holdout experiment: its metrics are INCREMENTAL.'),
  metrics: z.record(z.enum(CONCEPTS), metricValueOutput).describe('One graded, basis-tagged number per concept, over the whole campaign.'),
  context: z.object({
    mailers: z.number().int(),
    cost: z.number().describe('Mailing cost in the account currency.'),
    orders: z.number().int(),
    date_range: dateRangeOutput,
    first_send_date: z.string().nullable(),
    last_refreshed: z.string().describe('ISO-8601 instant the numbers were computed.'),
  }),
};
const OUTPUT_SCHEMAS = {
  list_campaigns: {
    campaigns: z.array(
      z.object({ id: z.string(), external_id: z.string(), name: z.string(), holdout_enabled: z.boolean(), holdout_percent: z.number().nullable().describe('Percent (0–100) held out; null when not set.') }),
    ),
  },
  get_full_campaign_stats: campaignMetricsShape,
  get_org_campaign_metrics: { date_range: dateRangeOutput, campaigns: z.array(z.object(campaignMetricsShape)) },
  get_experiment_result: {
    campaign_id: z.string(),
    metric: z.enum(EXPERIMENT_METRICS),
    stat: z.enum(EXPERIMENT_STATS),
    group: z.enum(EXPERIMENT_GROUPS).nullable(),
    value: z.number().nullable().describe('The statistic; null when it cannot be computed.'),
    interval_low: z
      .number()
      .nullable()
      .describe("95% interval of the value, lower bound: for a group's CONVERSION_RATE its Wilson interval, for METRIC_UPLIFT the uplift's score interval (UPLIFT_CI_LOW); null for other stats or when it cannot be computed."),
    interval_high: z
      .number()
      .nullable()
      .describe('95% interval of the value, upper bound (UPLIFT_CI_HIGH for METRIC_UPLIFT, null there when the control has no converters: no upper bound); null for other stats.'),
    last_refreshed: z.string(),
  },
  plan_holdout: {
    feasible: z.boolean(),
    holdout_percent: z.number().nullable().describe('Smallest share to hold out, in percent; null when not feasible.'),
    holdout_recipients: z.number().int().nullable(),
    minimum_detectable_uplift_at_half: z.number().nullable().describe('Smallest detectable relative uplift at a 50/50 split (a fraction).'),
  },
  get_funnel_conversion_report: {
    date_range: dateRangeOutput,
    by_source: z.boolean(),
    rows: z.array(
      z.object({
        funnel_type: z.enum(['LANGUAGE', 'NON_LANGUAGE']),
        source: z.string().nullable(),
        entries: z.number().int(),
        purchased: z.number().int(),
        conversion: z.number().nullable().describe('purchased / entries, a fraction; null without entries.'),
      }),
    ),
  },
};

function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** The range arguments, checked (real dates, from before to); snake_case names in messages. */
function rangeOf(from: string | undefined, to: string | undefined): { from: string | null; to: string | null } {
  const range = { from: from ?? null, to: to ?? null };
  if (range.from !== null && !isLocalDate(range.from)) throw new ToolError(`from_date: ${JSON.stringify(range.from)} is not a real calendar date (YYYY-MM-DD)`);
  if (range.to !== null && !isLocalDate(range.to)) throw new ToolError(`to_date: ${JSON.stringify(range.to)} is not a real calendar date (YYYY-MM-DD)`);
  if (range.from !== null && range.to !== null && range.from >= range.to) {
    throw new ToolError(`to_date must be after from_date (${range.from}); to_date is exclusive — e.g. from_date 2024-03-01 and to_date 2024-04-01 cover March`);
  }
  return range;
}

/** The lean, ComputedMetrics-first payload of one campaign's StatsResponse. */
export function campaignMetricsPayload(campaign: CampaignRow, response: StatsResponseData, range: { from: string | null; to: string | null }): CampaignMetricsPayload {
  const metrics = {} as Record<Concept, MetricValue>;
  for (const metric of response.computedMetrics) metrics[metric.concept] = { value: metric.value, basis: metric.basis, grade: metric.grade };
  return {
    campaign_id: campaign.id,
    campaign_name: campaign.name,
    is_experiment: response.isExperiment,
    metrics,
    context: {
      mailers: response.stats.mailersSent,
      cost: response.stats.totalCost,
      orders: response.stats.campaignOrders,
      date_range: range,
      first_send_date: response.firstSendDate,
      last_refreshed: new Date(response.lastRefreshed).toISOString(),
    },
  };
}

const METRICS_GUIDE =
  'metrics holds one number per concept (return_on_spend, acquisition_cost, conversion_rate, revenue), each with its basis ' +
  '(INCREMENTAL for a holdout experiment: the lift over the held-out control group; FIRST_PURCHASE: first-purchase revenue / cost; GROSS: all attributed orders) ' +
  'and grade (HIGH, LOW, NEUTRAL, or INSUFFICIENT_DATA: under 100 mailers, or for an experiment a group under 100 recipients or a non-significant test — do not draw conclusions from it). ' +
  'Quote a metric together with its basis; never present a GROSS or FIRST_PURCHASE figure as incremental. Metrics always cover the whole campaign; ' +
  'context gives mailers, cost (in the account currency) and orders, the date range they cover, and when the numbers were last refreshed.';

export function makeMcpServer(services: McpServices, orgId: string, logger?: Logger): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    { instructions: `PaperRun direct-mail reporting for one organisation. Start with list_campaigns or get_org_campaign_metrics. ${METRICS_GUIDE}` },
  );

  /** Runs a tool body; argument and not-found problems become tool errors, anything else a bare "internal error". */
  const run = async (tool: string, body: () => Promise<object>): Promise<CallToolResult> => {
    try {
      return json(await body());
    } catch (error) {
      if (error instanceof ToolError) return toolError(error.message);
      if (error instanceof AppError && (error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND')) return toolError(error.message);
      logger?.error({ err: error, tool, orgId }, 'MCP tool failed');
      return toolError(`${tool} failed with an internal error; try again later.`);
    }
  };

  const campaignOf = async (campaignId: string): Promise<CampaignRow> => {
    const campaign = await services.campaigns.find(orgId, campaignId);
    if (!campaign) throw new ToolError(`Not found: no campaign ${JSON.stringify(campaignId)} in this organisation. Call list_campaigns for the valid campaign ids.`);
    return campaign;
  };

  const wholeCampaign = (campaign: CampaignRow) => services.statsCache.campaignStats(orgId, campaign.id, WHOLE, false);

  server.registerTool(
    'list_campaigns',
    {
      title: 'List campaigns',
      description:
        "Lists the organisation's campaigns: id (pass it as campaign_id to the other tools), external_id, name, holdout_enabled " +
        '(true: the campaign holds out a control group, so its metrics are INCREMENTAL once it has holdout recipients) and holdout_percent.',
      inputSchema: {},
      outputSchema: OUTPUT_SCHEMAS.list_campaigns,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      run('list_campaigns', async () => ({
        campaigns: (await services.campaigns.list(orgId)).map((c) => ({
          id: c.id,
          external_id: c.external_id,
          name: c.name,
          holdout_enabled: c.holdout_enabled,
          holdout_percent: c.holdout_percent,
        })),
      })),
  );

  server.registerTool(
    'get_full_campaign_stats',
    {
      title: "A campaign's graded metrics",
      description: `The whole-campaign performance of one campaign, ComputedMetrics-first. ${METRICS_GUIDE} ` +
        'For an experiment (is_experiment true) use get_experiment_result for any further holdout statistic.',
      inputSchema: { campaign_id: campaignIdArg },
      outputSchema: OUTPUT_SCHEMAS.get_full_campaign_stats,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ campaign_id }) =>
      run('get_full_campaign_stats', async () => {
        const campaign = await campaignOf(campaign_id);
        return campaignMetricsPayload(campaign, await wholeCampaign(campaign), WHOLE.range);
      }),
  );

  server.registerTool(
    'get_org_campaign_metrics',
    {
      title: "Every campaign's graded metrics",
      description:
        `Every campaign of the organisation in one call (use it to compare or rank campaigns), each with the payload of get_full_campaign_stats. ${METRICS_GUIDE} ` +
        'from_date/to_date limit only the context numbers (mailers, cost, orders) to that range; the graded metrics stay whole-campaign.',
      inputSchema: {
        from_date: dateArg('from_date', 'First day counted (inclusive).'),
        to_date: dateArg('to_date', 'Day after the last day counted (exclusive).'),
      },
      outputSchema: OUTPUT_SCHEMAS.get_org_campaign_metrics,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ from_date, to_date }) =>
      run('get_org_campaign_metrics', async () => {
        const range = rangeOf(from_date, to_date);
        const campaigns = await services.campaigns.list(orgId);
        let responses: Map<string, StatsResponseData>;
        if (range.from === null && range.to === null) {
          // The cached whole-campaign responses (GraphQL's keys); misses computed in one batch and cached.
          responses = await services.statsCache.campaignStatsMany(orgId, campaigns.map((c) => c.id));
        } else {
          // A ranged read is never cached: one batched computation for every campaign.
          responses = await services.stats.forCampaigns(orgId, campaigns.map((c) => c.id), { range, source: 'AGGREGATES' });
        }
        return { date_range: range, campaigns: campaigns.map((c) => campaignMetricsPayload(c, responses.get(c.id)!, range)) };
      }),
  );

  server.registerTool(
    'get_experiment_result',
    {
      title: 'One holdout-experiment statistic',
      description:
        'Looks up one statistic of a holdout experiment campaign (is_experiment true). metric: FIRST_ORDER (first purchases) or ALL_ORDERS. ' +
        `Group-level stats (${GROUP_STATS.join(', ')}) need group TEST (mailed) or CONTROL (held out); COST needs group TEST; ` +
        `comparison stats (${COMPARISON_STATS.join(', ')}) take no group. INCREMENTAL_CUSTOMER_ACQUISITION_COST exists for FIRST_ORDER only. ` +
        'SIGNIFICANT and SAMPLE_RATIO_MISMATCH are 1 (yes) or 0 (no); rates and uplifts are fractions (0.1 = 10%). value is null when it cannot be computed (e.g. no cost, empty group).',
      inputSchema: {
        campaign_id: campaignIdArg,
        metric: z.enum(EXPERIMENT_METRICS).describe('FIRST_ORDER or ALL_ORDERS.'),
        stat: z.enum(EXPERIMENT_STATS).describe('The statistic to look up.'),
        group: z.enum(EXPERIMENT_GROUPS).optional().describe('TEST or CONTROL for group-level stats; omit for comparison stats.'),
      },
      outputSchema: OUTPUT_SCHEMAS.get_experiment_result,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ campaign_id, metric, stat, group }) =>
      run('get_experiment_result', async () => {
        const campaign = await campaignOf(campaign_id);
        const response = await wholeCampaign(campaign);
        if (!response.isExperiment) {
          throw new ToolError(
            `Campaign ${campaign_id} is not a holdout experiment (holdout disabled or no holdout recipients), so it has no experiment results; use get_full_campaign_stats instead.`,
          );
        }
        const row = response.experimentResults.find((r) => r.metric === metric && r.stat === stat && r.group === (group ?? null));
        if (!row) {
          const groups = [...new Set(response.experimentResults.filter((r) => r.metric === metric && r.stat === stat).map((r) => r.group ?? 'no group'))];
          throw new ToolError(
            groups.length === 0
              ? `stat ${stat} does not exist for metric ${metric}; INCREMENTAL_CUSTOMER_ACQUISITION_COST is FIRST_ORDER only.`
              : `stat ${stat} of ${metric} takes ${groups.map((g) => (g === 'no group' ? 'no group (omit group)' : `group ${g}`)).join(' or ')}, not ${group ? `group ${group}` : 'no group'}.`,
          );
        }
        const interval = intervalOf(response.experimentResults, metric, stat, row.group);
        return { campaign_id, metric, stat, group: row.group, value: row.value, interval_low: interval.low, interval_high: interval.high, last_refreshed: new Date(response.lastRefreshed).toISOString() };
      }),
  );

  server.registerTool(
    'plan_holdout',
    {
      title: 'Plan a holdout',
      description:
        'Before a mailing: how many of its recipients to hold out (not mail) so that the holdout test can detect an uplift of the size asked for, ' +
        'at two-sided α = 0.05 with the power asked for. Answers feasible, holdout_percent (the smallest share that works; use it as the campaign\'s holdout percent), ' +
        'holdout_recipients (how many to hold out) and minimum_detectable_uplift_at_half (the smallest uplift any split can detect, at 50/50). ' +
        'When feasible is false no split is enough: the share fields are null; mail more recipients or aim for a larger uplift. Rates and uplifts are fractions (0.02 = 2%).',
      inputSchema: {
        recipients: z.number().int().describe('All recipients of the planned mailing, mailed and held out together (at least 2).'),
        baseline_conversion_rate: z.number().describe('The conversion rate expected without the mailing, a fraction strictly between 0 and 1 (0.02 = 2%).'),
        minimum_detectable_uplift: z.number().describe('The smallest relative uplift worth detecting, greater than 0 (0.2 = a 20% higher conversion rate).'),
        power: z.number().optional().describe('The chance of detecting that uplift when it is real, at least 0.5 and below 1 (default 0.8).'),
      },
      outputSchema: OUTPUT_SCHEMAS.plan_holdout,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ recipients, baseline_conversion_rate, minimum_detectable_uplift, power }) =>
      run('plan_holdout', async () => {
        const plan = planHoldout(
          { recipients, baselineConversionRate: baseline_conversion_rate, minimumDetectableUplift: minimum_detectable_uplift, power: power ?? DEFAULT_POWER },
          SNAKE_CASE_ARGUMENT_NAMES,
        );
        return {
          feasible: plan.feasible,
          holdout_percent: plan.holdoutPercent,
          holdout_recipients: plan.holdoutRecipients,
          minimum_detectable_uplift_at_half: plan.minimumDetectableUpliftAtHalf,
        };
      }),
  );

  server.registerTool(
    'get_funnel_conversion_report',
    {
      title: 'Funnel conversion report',
      description:
        'Funnel entries and certificate purchases per funnel type (LANGUAGE, NON_LANGUAGE; and per source when by_source is true): entries, purchased, and conversion = purchased / entries ' +
        '(a fraction; null when there are no entries). from_date/to_date filter by entry date in the organisation\'s timezone; the same numbers as the GraphQL funnelConversionReport.',
      inputSchema: {
        from_date: dateArg('from_date', 'First entry day counted (inclusive).'),
        to_date: dateArg('to_date', 'Day after the last entry day counted (exclusive).'),
        by_source: z.boolean().optional().describe('Split each funnel type by entry source (default false).'),
      },
      outputSchema: OUTPUT_SCHEMAS.get_funnel_conversion_report,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ from_date, to_date, by_source }) =>
      run('get_funnel_conversion_report', async () => {
        const range = rangeOf(from_date, to_date);
        const report = await services.funnels.conversionReport(orgId, { range, bySource: by_source ?? false });
        return {
          date_range: { from: report.fromDate, to: report.toDate },
          by_source: by_source ?? false,
          rows: report.rows.map((r) => ({ funnel_type: r.funnelType.toUpperCase(), source: r.source, entries: r.entries, purchased: r.purchased, conversion: r.conversion })),
        };
      }),
  );

  return server;
}
