import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Principal } from '../organizations/auth';
import { MAX_QUERY_NESTING, queryShapeProblem } from '../graphql/query-shape';
import { sendRefusal } from './request-guard';

/**
 * The largest legitimate request is a 10,000-item batch (spec §11) with every field at its
 * maximum: recordAttributions with 200-character ids of 3-byte UTF-8 characters is 14.3 MB of
 * compact JSON (6.3 MB with ASCII ids; importRecipients 6.8 MB). 16 MiB leaves room for
 * indentation. Measured by test/unit/body-limit.test.ts.
 */
export const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Without a key a request can only introspect or be told UNAUTHENTICATED (or why its query is
 * refused): 256 KiB holds the introspection query (about 1.5 KB) and any query up to the token
 * limit, while 60 such bodies at once stay at 15 MB.
 */
export const ANONYMOUS_BODY_LIMIT_BYTES = 256 * 1024;

const describeBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`);

/**
 * The JSON body parser of /graphql, after the request guard: its limit depends on whether the
 * caller sent a valid key, and a body over it is a 413 saying so (checked against
 * Content-Length before a byte is read; a chunked body is cut off at the limit).
 */
export function graphqlBodyParser(): RequestHandler {
  const authenticated = express.json({ limit: BODY_LIMIT_BYTES });
  const anonymous = express.json({ limit: ANONYMOUS_BODY_LIMIT_BYTES });
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal as Principal | undefined;
    const withKey = principal !== undefined && principal.kind !== 'anonymous';
    const limit = withKey ? BODY_LIMIT_BYTES : ANONYMOUS_BODY_LIMIT_BYTES;
    const tooLarge = () => {
      const message = withKey
        ? `Request body larger than ${describeBytes(limit)}: split the batch (at most 10,000 items)`
        : `Request body larger than ${describeBytes(limit)} without an API key: send Authorization: Bearer <key>`;
      sendRefusal(res, 'graphql', { status: 413, code: 'PAYLOAD_TOO_LARGE', message });
    };
    // body-parser reads a too large body to its end before it answers; this answers at once.
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
    (withKey ? authenticated : anonymous)(req, res, (error?: unknown) => {
      if (typeof error === 'object' && error !== null && 'type' in error && error.type === 'entity.too.large') return tooLarge();
      next(error);
    });
  };
}

/** Refuses, with 400, query text that would overflow the parser (see query-shape.ts). */
export function graphqlQueryShapeGuard(maxTokens: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    const fromBody = typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
    const query = typeof fromBody === 'string' ? fromBody : typeof req.query.query === 'string' ? req.query.query : null;
    const problem = query === null ? null : queryShapeProblem(query, { maxTokens, maxNesting: MAX_QUERY_NESTING });
    if (problem === null) return next();
    res.status(400).json({ errors: [{ message: `Query refused before parsing: ${problem}`, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
  };
}
