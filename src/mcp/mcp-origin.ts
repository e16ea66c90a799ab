import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Origin validation of the MCP Streamable HTTP transport (against DNS rebinding): a request
 * with an Origin header is served only when that origin is allowed (the CORS allow-list, any
 * localhost port in development) or is this server's own; without one (a non-browser client:
 * the SDK, Inspector's proxy, curl) it is served. A refused origin gets 403 before
 * authentication. The SDK's transport options for this are deprecated in favour of middleware.
 */
export function mcpOriginCheck(isAllowedOrigin: (origin: string) => boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin === undefined || isAllowedOrigin(origin) || origin === `${req.protocol}://${req.headers.host ?? ''}`) return next();
    res.status(403).json({ jsonrpc: '2.0', error: { code: -32001, message: `Origin ${JSON.stringify(origin)} is not allowed to call this MCP endpoint (CORS_ORIGINS)` }, id: null });
  };
}
