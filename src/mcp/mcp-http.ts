import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../app-context';
import { principalOf } from '../http/request-guard';
import { makeMcpServer } from './mcp-server';

/** JSON-RPC error bodies for requests refused before they reach the MCP server. */
function refuse(res: Response, status: number, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(status).json({ jsonrpc: '2.0', error: { code: -32001, message }, id: null });
}

/**
 * The MCP endpoint (Streamable HTTP, stateless): every POST is authenticated with the same
 * Bearer API keys as GraphQL and served by a new server bound to the caller's organisation.
 * GET (a standalone SSE stream) and DELETE (session end) have no meaning without sessions.
 */
export function mountMcpRoutes(app: Express, ctx: AppContext): void {
  // The key is checked before the body is read: a refused caller never gets it parsed.
  const organizationKeyFirst = async (req: Request, res: Response, next: NextFunction) => {
    const principal = await principalOf(req, res, ctx);
    if (principal.kind === 'anonymous' || principal.kind === 'invalid') return refuse(res, 401, 'Missing or invalid API key: send Authorization: Bearer <organisation API key>');
    if (principal.kind === 'admin') return refuse(res, 403, 'The MCP endpoint needs an organisation API key; the admin key has no organisation');
    res.locals.orgId = principal.orgId;
    next();
  };
  app.post('/mcp', organizationKeyFirst, express.json({ limit: '1mb' }), async (req: Request, res: Response) => {
    const server = makeMcpServer(ctx.services, res.locals.orgId as string, ctx.logger);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  app.all('/mcp', (_req: Request, res: Response) => {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP endpoint is stateless, send JSON-RPC requests with POST' }, id: null });
  });
}
