import type { Express, Request, Response } from 'express';
import type { AppContext } from '../app-context';
import { AppError, ProblemList, notFound } from '../errors';
import { requireOrganization } from '../organizations/auth';
import { DEFAULT_POWER, planHoldout, SNAKE_CASE_ARGUMENT_NAMES } from '../reporting/experiments/holdout-plan';
import type { HoldoutPlanInput } from '../reporting/experiments/experiment.statistics';
import { statsResponseToRest } from '../reporting/rest-shape';
import type { StatsOptions, StatsSource } from '../reporting/stats.service';
import { sendRestError } from './export-routes';
import { principalOf } from './request-guard';

/** The seed's query parameters: source (any case), fresh, from_date, to_date. */
function statsQuery(req: Request): { options: StatsOptions; fresh: boolean } {
  const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : null);
  const source = (text('source') ?? 'aggregates').toUpperCase();
  if (source !== 'AGGREGATES' && source !== 'RAW') throw new AppError('BAD_USER_INPUT', 'source: must be aggregates or raw', [{ field: 'source', message: 'must be aggregates or raw' }]);
  const fresh = text('fresh');
  if (fresh !== null && !['true', 'false'].includes(fresh.toLowerCase())) throw new AppError('BAD_USER_INPUT', 'fresh: must be true or false', [{ field: 'fresh', message: 'must be true or false' }]);
  return { options: { range: { from: text('from_date'), to: text('to_date') }, source: source as StatsSource }, fresh: fresh?.toLowerCase() === 'true' };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The holdout plan's snake_case query parameters as numbers (missing or not a number: 400 naming
 * it); the ranges are checked by planHoldout, like GraphQL's.
 */
function holdoutPlanQuery(req: Request): HoldoutPlanInput {
  const problems = new ProblemList();
  const number = (name: string, fallback: number | null): number => {
    const raw = req.query[name];
    if (raw === undefined && fallback !== null) return fallback;
    if (raw === undefined) problems.add(name, 'is required');
    else if (typeof raw !== 'string' || !DECIMAL.test(raw.trim())) problems.add(name, 'must be a number');
    else return Number(raw);
    return Number.NaN;
  };
  const input = {
    recipients: number(SNAKE_CASE_ARGUMENT_NAMES.recipients, null),
    baselineConversionRate: number(SNAKE_CASE_ARGUMENT_NAMES.baselineConversionRate, null),
    minimumDetectableUplift: number(SNAKE_CASE_ARGUMENT_NAMES.minimumDetectableUplift, null),
    power: number(SNAKE_CASE_ARGUMENT_NAMES.power, DEFAULT_POWER),
  };
  problems.throwIfAny();
  return input;
}

/** The caller's organisation, which must be the one in the path (another's is NOT_FOUND). */
async function organizationInPath(req: Request<{ org: string }>, res: Response, ctx: AppContext): Promise<string> {
  const orgId = requireOrganization(await principalOf(req, res, ctx));
  if (req.params.org.toLowerCase() !== orgId) throw notFound('Organization', req.params.org, 'org');
  return orgId;
}

/** GET /api/v1/reporting/summary/:org[/campaigns/:campaign], GET /api/v1/reporting/holdout-plan, POST /api/v1/reporting/cache/reset */
export function mountReportingRoutes(app: Express, ctx: AppContext): void {
  app.get('/api/v1/reporting/summary/:org', async (req: Request<{ org: string }>, res: Response) => {
    try {
      const orgId = await organizationInPath(req, res, ctx);
      const { options, fresh } = statsQuery(req);
      res.json(statsResponseToRest(await ctx.services.statsCache.orgStats(orgId, options, fresh)));
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });

  app.get('/api/v1/reporting/summary/:org/campaigns/:campaign', async (req: Request<{ org: string; campaign: string }>, res: Response) => {
    try {
      const orgId = await organizationInPath(req, res, ctx);
      const { options, fresh } = statsQuery(req);
      res.json(statsResponseToRest(await ctx.services.statsCache.campaignStats(orgId, req.params.campaign, options, fresh)));
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });

  app.get('/api/v1/reporting/holdout-plan', async (req: Request, res: Response) => {
    try {
      requireOrganization(await principalOf(req, res, ctx));
      const plan = planHoldout(holdoutPlanQuery(req), SNAKE_CASE_ARGUMENT_NAMES);
      res.json({
        feasible: plan.feasible,
        holdout_percent: plan.holdoutPercent,
        holdout_recipients: plan.holdoutRecipients,
        minimum_detectable_uplift_at_half: plan.minimumDetectableUpliftAtHalf,
      });
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });

  app.post('/api/v1/reporting/cache/reset', async (req: Request, res: Response) => {
    try {
      const orgId = requireOrganization(await principalOf(req, res, ctx));
      res.json({ reset: true, deleted_keys: await ctx.services.statsCache.reset(orgId) });
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });
}
