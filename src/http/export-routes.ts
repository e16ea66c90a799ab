import type { Express, Request, Response } from 'express';
import type { AppContext } from '../app-context';
import { appErrorOfDatabaseError } from '../db/database-errors';
import { AppError, httpStatusOf, RateLimitedError } from '../errors';
import { requireOrganization } from '../organizations/auth';
import type { CsvExport } from '../reporting/export.service';
import { principalOf } from './request-guard';
import type { ExportKindValue } from '../reporting/export-link';

/** Errors of REST routes: the same codes as GraphQL, as HTTP statuses with a JSON body. */
export function sendRestError(res: Response, error: unknown, ctx: AppContext): void {
  const appError = error instanceof AppError ? error : appErrorOfDatabaseError(error);
  if (appError && !res.headersSent) {
    if (appError instanceof RateLimitedError) res.set('Retry-After', String(appError.retryAfterSeconds));
    res.status(httpStatusOf(appError.code)).json({ error: appError.message, code: appError.code });
    return;
  }
  ctx.logger.error({ err: error }, 'REST route failed');
  if (res.headersSent) res.destroy();
  else res.status(500).json({ error: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' });
}

/**
 * The organisation a request may export for: a signed link (`signature` in the query, from
 * createExportLink) grants exactly its campaign and kind; otherwise the Bearer key decides.
 */
async function organizationOf(req: Request<{ id: string }>, res: Response, ctx: AppContext, kind: ExportKindValue): Promise<string> {
  if (req.query.signature !== undefined) {
    const { org, expires, holdout, signature } = req.query;
    return ctx.services.exportLinks.verify({ campaignId: req.params.id, kind, org, expires, holdout, signature });
  }
  return requireOrganization(await principalOf(req, res, ctx));
}

/** `?name=true|false`, absent = null; anything else is BAD_USER_INPUT naming the parameter. */
function booleanQuery(req: Request, name: string): boolean | null {
  const value = req.query[name];
  if (value === undefined) return null;
  if (value !== 'true' && value !== 'false') throw new AppError('BAD_USER_INPUT', `${name}: must be true or false`, [{ field: name, message: 'must be true or false' }]);
  return value === 'true';
}

/**
 * GET /exports/campaigns/:id/orders.csv and …/recipients.csv[?holdout=true|false][&raw=true].
 * The campaign is checked before any header is set, so an error is plain JSON and the file name
 * carries only the validated id.
 */
export function mountExportRoutes(app: Express, ctx: AppContext): void {
  const send = async (res: Response, csv: CsvExport) => {
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="${csv.filename}"`);
    await csv.writeTo(res);
  };

  app.get('/exports/campaigns/:id/orders.csv', async (req: Request<{ id: string }>, res: Response) => {
    try {
      const orgId = await organizationOf(req, res, ctx, 'ORDERS');
      const raw = booleanQuery(req, 'raw') ?? false;
      await send(res, await ctx.services.exports.orders(orgId, req.params.id, { raw }));
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });

  app.get('/exports/campaigns/:id/recipients.csv', async (req: Request<{ id: string }>, res: Response) => {
    try {
      const orgId = await organizationOf(req, res, ctx, 'RECIPIENTS');
      const holdout = booleanQuery(req, 'holdout');
      const raw = booleanQuery(req, 'raw') ?? false;
      await send(res, await ctx.services.exports.recipients(orgId, req.params.id, holdout, { raw }));
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });
}
