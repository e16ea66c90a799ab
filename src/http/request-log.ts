import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import { requestScope, type RequestScope } from '../request-scope';

/** A client's id is kept when it is short and plain (it ends up in log lines and a header). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the client's `x-request-id` when sane, otherwise a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** The route pattern that served a request (`/exports/campaigns/:id/orders.csv`), not its URL. */
export function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  const route = `${req.baseUrl}${typeof pattern === 'string' ? pattern : ''}`;
  return route === '' ? 'unmatched' : route;
}

function scopeOf(res: ServerResponse): RequestScope | undefined {
  return (res as Response).locals?.requestScope as RequestScope | undefined;
}

function operationNameOf(req: Request, res: ServerResponse): string | undefined {
  const resolved = scopeOf(res)?.operationName;
  if (resolved) return resolved;
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && 'operationName' in body && typeof body.operationName === 'string' ? body.operationName : undefined;
}

function accessLine(req: IncomingMessage, res: ServerResponse, responseTime: number) {
  const request = req as Request;
  const operationName = operationNameOf(request, res);
  return {
    requestId: String(request.id),
    method: request.method,
    route: routeOf(request),
    status: res.statusCode,
    durationMs: responseTime,
    ...(operationName ? { operationName } : {}),
  };
}

/**
 * Request ids and the access log: takes or makes `x-request-id`, echoes it, runs the rest of the
 * request in its `requestScope`, and writes one line per request when the response is done.
 */
export function requestLog(logger: Logger): RequestHandler[] {
  const http = pinoHttp({
    logger,
    // The access line is written by the bare logger with the fields below (requestId included).
    quietResLogger: true,
    customAttributeKeys: { responseTime: 'durationMs' },
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader('x-request-id', id);
      return id;
    },
    // The stack of a 5xx is logged where it happened; the access line only says it happened.
    customLogLevel: (_req, res) => (res.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res, value: { durationMs: number }) => accessLine(req, res, value.durationMs),
    customErrorObject: (req, res, _error, value: { durationMs: number }) => accessLine(req, res, value.durationMs),
  });
  return [http, enterRequestScope];
}

/**
 * Runs the rest of the chain inside the request's scope. Mounted again after a body parser:
 * stream callbacks run outside the scope that was entered before the body was read.
 */
export function enterRequestScope(req: Request, res: Response, next: NextFunction): void {
  const scope: RequestScope = (res.locals.requestScope as RequestScope | undefined) ?? { requestId: String(req.id) };
  res.locals.requestScope = scope;
  requestScope.run(scope, next);
}
