import cors from 'cors';
import type { RequestHandler } from 'express';
import type { Config } from '../config';

/** Any port of localhost, the development server of a frontend (Vite, webpack, …). */
const LOCALHOST_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Whether a browser page of `origin` may call this server: CORS_ORIGINS, plus localhost in development. */
export function makeOriginPolicy(config: Pick<Config, 'corsOrigins' | 'nodeEnv'>): (origin: string) => boolean {
  const allowed = new Set(config.corsOrigins);
  const development = config.nodeEnv === 'development';
  return (origin) => allowed.has(origin) || (development && LOCALHOST_ORIGIN.test(origin));
}

/**
 * CORS for every route a browser uses (/graphql, /mcp, the REST routes, the exports), with
 * preflight. Credentials are Bearer headers only, never cookies, so no Allow-Credentials. An
 * origin not allowed gets no CORS headers at all: its browser then refuses the response.
 */
export function corsMiddleware(isAllowedOrigin: (origin: string) => boolean): RequestHandler {
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && isAllowedOrigin(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Request-Id', 'Apollo-Require-Preflight', 'X-Apollo-Operation-Name', 'Mcp-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-Id'],
    exposedHeaders: ['X-Request-Id', 'Content-Disposition', 'WWW-Authenticate', 'Mcp-Session-Id'],
    credentials: false,
    maxAge: 600,
  });
}
