import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../app-context';
import { authenticate, type Principal } from '../organizations/auth';
import type { RateLimits } from './rate-limits';

/** How a surface writes a refusal: GraphQL errors, JSON-RPC errors, or the REST error body. */
export type Surface = 'graphql' | 'mcp' | 'rest';

export interface Refusal {
  status: number;
  code: 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'PAYLOAD_TOO_LARGE';
  message: string;
  retryAfterSeconds?: number;
}

/**
 * Answers a request refused before its body was read. `Connection: close` so the unread body
 * is dropped with the socket instead of being read and thrown away.
 */
export function sendRefusal(res: Response, surface: Surface, refusal: Refusal): void {
  const { status, code, message, retryAfterSeconds } = refusal;
  if (retryAfterSeconds !== undefined) res.set('Retry-After', String(retryAfterSeconds));
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.set('Connection', 'close');
  res.status(status);
  switch (surface) {
    case 'graphql':
      res.json({ errors: [{ message, extensions: { code, ...(retryAfterSeconds === undefined ? {} : { retryAfter: retryAfterSeconds }) } }] });
      return;
    case 'mcp':
      res.json({ jsonrpc: '2.0', error: { code: -32001, message }, id: null });
      return;
    case 'rest':
      res.json({ error: message, code, ...(retryAfterSeconds === undefined ? {} : { retry_after: retryAfterSeconds }) });
      return;
  }
}

/**
 * Whose bucket a request draws on: its API key, or (no key) its address. The admin key is the
 * operator's and draws on none.
 */
function identityOf(principal: Principal, address: string): string | null {
  switch (principal.kind) {
    case 'organization':
      return `key:${principal.keyId}`;
    case 'admin':
      return null;
    case 'anonymous':
    case 'invalid':
      return `addr:${address}`;
  }
}

/** The caller the guard authenticated, or (a route mounted without it) authenticated now. */
export async function principalOf(req: Request, res: Response, ctx: AppContext): Promise<Principal> {
  const known = res.locals.principal as Principal | undefined;
  return known ?? authenticate(ctx.db, req.headers.authorization, ctx.config.adminApiKey);
}

/**
 * Runs before any body parser: authenticates the key (one indexed lookup), refuses a key that
 * matches nothing with 401 — or 429 once its address has failed too often this minute — and
 * takes one request from the caller's bucket (429 + Retry-After when empty). The principal is
 * kept for the route, which decides what an anonymous caller may do.
 */
export function requestGuard(ctx: AppContext, limits: RateLimits, surface: Surface): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const address = req.socket.remoteAddress ?? 'unknown';
      const principal = await authenticate(ctx.db, req.headers.authorization, ctx.config.adminApiKey);
      if (principal.kind === 'invalid') {
        const failures = await limits.recordAuthFailure(address);
        if (!failures.allowed) {
          sendRefusal(res, surface, { status: 429, code: 'RATE_LIMITED', message: 'Too many failed authentications from this address: retry later', retryAfterSeconds: failures.retryAfterSeconds });
          return;
        }
        sendRefusal(res, surface, { status: 401, code: 'UNAUTHENTICATED', message: 'Invalid API key: send Authorization: Bearer <key>' });
        return;
      }
      const identity = identityOf(principal, address);
      const decision = identity === null ? { allowed: true, retryAfterSeconds: 0 } : await limits.takeRequest(identity);
      if (!decision.allowed) {
        sendRefusal(res, surface, { status: 429, code: 'RATE_LIMITED', message: `Rate limit exceeded: retry in ${decision.retryAfterSeconds} s`, retryAfterSeconds: decision.retryAfterSeconds });
        return;
      }
      res.locals.principal = principal;
      next();
    })().catch(next);
  };
}
