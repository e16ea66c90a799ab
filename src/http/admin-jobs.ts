import { timingSafeEqual } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../app-context';
import { bearerToken, hashApiKey } from '../organizations/auth';
import type { RateLimits } from './rate-limits';

/** The admin key from `Authorization: Bearer <key>` or, for browsers, Basic auth with it as password. */
function presentedKey(header: string | undefined): string | null {
  const bearer = bearerToken(header);
  if (bearer) return bearer;
  const basic = header && /^Basic\s+(\S+)$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

/** 401 (or 403 for an organisation's key) for a wrong key, or 429 once its address failed too often this minute. */
async function refuseWrongKey(req: Request, res: Response, key: string, limits: RateLimits): Promise<void> {
  const failures = await limits.recordAuthFailure(req.socket.remoteAddress ?? 'unknown');
  if (!failures.allowed) {
    res.set('Retry-After', String(failures.retryAfterSeconds)).status(429).json({ error: `Too many failed authentications from this address: retry in ${failures.retryAfterSeconds} s` });
    return;
  }
  res.status(key.startsWith('prk_') ? 403 : 401).json({ error: 'admin API key required' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request could be a cross-site forgery, or null. A browser attaches cached Basic
 * credentials to any site's form POST, so a state-changing request authenticated by Basic must
 * be JSON (a form cannot send that without a CORS preflight, which is never granted) and carry
 * an Origin naming this host. A Bearer key is never attached by a browser on its own.
 */
export function forgeryProblem(request: { method: string; headers: Record<string, string | string[] | undefined> }, viaBasic: boolean): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase()) || !viaBasic) return null;
  const contentType = String(request.headers['content-type'] ?? '');
  if (!/^application\/json\s*(;|$)/i.test(contentType)) return 'state-changing requests must be application/json';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !URL.canParse(origin) || new URL(origin).host !== request.headers.host) return 'state-changing requests must come from this origin (Origin header)';
  if (request.headers['sec-fetch-site'] === 'cross-site') return 'cross-site requests are refused';
  return null;
}

/**
 * Agendash, the Agenda dashboard, at /admin/jobs behind the admin key. A wrong key counts against
 * its address's failed-authentication limit, the same bucket as the API's, so the admin key cannot
 * be guessed here faster than anywhere else.
 */
export function mountAdminJobs(app: Express, ctx: AppContext, limits: RateLimits): void {
  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const key = presentedKey(req.headers.authorization);
    const admin = ctx.config.adminApiKey;
    if (key === null || admin === null) {
      res.set('WWW-Authenticate', 'Basic realm="paperrun admin", charset="UTF-8"').status(401).json({ error: 'admin API key required' });
      return;
    }
    if (!timingSafeEqual(hashApiKey(key), hashApiKey(admin))) {
      void refuseWrongKey(req, res, key, limits).catch(next);
      return;
    }
    const forgery = forgeryProblem(req, bearerToken(req.headers.authorization) === null);
    if (forgery !== null) {
      res.status(403).json({ error: `Refused as a possible cross-site request: ${forgery}` });
      return;
    }
    next();
  });
  let dashboard: express.Router | null = null;
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const agenda = ctx.services.jobs.instance;
    if (!agenda) {
      res.status(503).json({ error: 'job runtime not started' });
      return;
    }
    if (!dashboard) {
      const { createExpressMiddleware } = await import('agendash');
      dashboard = createExpressMiddleware(agenda) as unknown as express.Router;
    }
    dashboard(req, res, next);
  });
  app.use('/admin/jobs', router);
}
