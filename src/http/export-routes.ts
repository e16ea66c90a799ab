import type { Express, Request, Response } from 'express';
import type { AppContext } from '../app-context';
import { appErrorOfDatabaseError } from '../db/database-errors';
import { AppError, httpStatusOf } from '../errors';
import { authenticate, requireOrganization } from '../organizations/auth';

/** Errors of REST routes: the same codes as GraphQL, as HTTP statuses with a JSON body. */
export function sendRestError(res: Response, error: unknown, ctx: AppContext): void {
  const appError = error instanceof AppError ? error : appErrorOfDatabaseError(error);
  if (appError && !res.headersSent) {
    res.status(httpStatusOf(appError.code)).json({ error: appError.message, code: appError.code });
    return;
  }
  ctx.logger.error({ err: error }, 'REST route failed');
  if (res.headersSent) res.destroy();
  else res.status(500).json({ error: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' });
}

async function organizationOf(req: Request, ctx: AppContext): Promise<string> {
  return requireOrganization(await authenticate(ctx.db, req.headers.authorization, ctx.config.adminApiKey));
}

/** GET /exports/campaigns/:id/orders.csv and …/recipients.csv[?holdout=true|false] */
export function mountExportRoutes(app: Express, ctx: AppContext): void {
  const csvHeaders = (res: Response, name: string) => {
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="${name}"`);
  };

  app.get('/exports/campaigns/:id/orders.csv', async (req: Request<{ id: string }>, res: Response) => {
    try {
      const orgId = await organizationOf(req, ctx);
      csvHeaders(res, `campaign-${req.params.id}-orders.csv`);
      await ctx.services.exports.streamOrders(orgId, req.params.id, res);
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });

  app.get('/exports/campaigns/:id/recipients.csv', async (req: Request<{ id: string }>, res: Response) => {
    try {
      const orgId = await organizationOf(req, ctx);
      const holdout = req.query.holdout;
      if (holdout !== undefined && holdout !== 'true' && holdout !== 'false') {
        throw new AppError('BAD_USER_INPUT', 'holdout: must be true or false', [{ field: 'holdout', message: 'must be true or false' }]);
      }
      csvHeaders(res, `campaign-${req.params.id}-recipients.csv`);
      await ctx.services.exports.streamRecipients(orgId, req.params.id, holdout === undefined ? null : holdout === 'true', res);
    } catch (error) {
      sendRestError(res, error, ctx);
    }
  });
}
