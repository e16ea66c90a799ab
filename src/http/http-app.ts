import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { AppContext } from '../app-context';
import { appErrorOfDatabaseError } from '../db/database-errors';
import { httpStatusOf } from '../errors';
import { makeFormatError } from '../graphql/error-mapping';
import { withExplorerLink } from '../graphql/landing-page';
import { makeLoaders } from '../graphql/loaders';
import { operationNamePlugin } from '../graphql/operation-name-plugin';
import { makeQueryProtection } from '../graphql/query-limits';
import type { GraphQLContext } from '../graphql/context';
import { buildAppSchema } from '../graphql/schema';
import { mountAdminJobs } from './admin-jobs';
import { mountDashboardRoutes } from './dashboard-routes';
import { mountExportRoutes } from './export-routes';
import { mountReportingRoutes } from './reporting-routes';
import { mountOperationalRoutes } from './operational-routes';
import { mountMcpRoutes } from '../mcp/mcp-http';
import { mountExplorerRoutes } from './explorer-routes';
import { corsMiddleware, makeOriginPolicy } from './cors';
import { enterRequestScope, requestLog } from './request-log';
import { expensiveFieldsPlugin } from '../graphql/expensive-fields';
import { rejectNulCharactersPlugin } from '../graphql/nul-characters';
import { QUERY_LIMITS } from '../graphql/query-limits';
import { graphqlBodyParser, graphqlQueryShapeGuard } from './graphql-request';
import { RateLimits } from './rate-limits';
import { principalOf, requestGuard } from './request-guard';

function metricsPlugin(ctx: AppContext): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const stop = ctx.metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse(request) {
          const operation = request.operation?.operation ?? 'unknown';
          stop({ operation, outcome: request.errors && request.errors.length > 0 ? 'error' : 'success' });
        },
      };
    },
  };
}

export async function makeHttpApp(ctx: AppContext, httpServer: Server): Promise<{ app: express.Express; apollo: ApolloServer<GraphQLContext> }> {
  const { config, logger, metrics } = ctx;
  const development = config.nodeEnv === 'development';
  const protection = makeQueryProtection({ blockFieldSuggestions: !development });
  const limits = RateLimits.create(config, logger);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: buildAppSchema(),
    introspection: config.introspection,
    parseOptions: protection.parseOptions,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: development,
    formatError: makeFormatError(logger, development),
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      // No HTTP cache hints are set anywhere (responses are per key, private): without the
      // default cache-control plugin no resolver is wrapped for it (a 1,000-campaign list
      // resolves tens of thousands of fields).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metricsPlugin(ctx),
      operationNamePlugin(),
      rejectNulCharactersPlugin(),
      expensiveFieldsPlugin(),
      { serverWillStart: async () => ({ serverWillStop: () => limits.close() }) },
      withExplorerLink(
        development
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
          : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      ),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestLog(logger));
  app.use(corsMiddleware(makeOriginPolicy(config)));
  // gzip or br, as the client asks, for responses over 1 KB (dashboard payloads shrink by 74–91 %).
  app.use(compression({ threshold: 1024 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => stop({ route: (req.route?.path as string | undefined) ?? req.baseUrl ?? 'unmatched', status: String(res.statusCode) }));
    next();
  });

  mountOperationalRoutes(app, ctx);
  mountAdminJobs(app, ctx, limits);
  // Authentication and rate limits before any body is read (docs/operations.md).
  app.use('/graphql', requestGuard(ctx, limits, 'graphql'));
  app.use('/mcp', requestGuard(ctx, limits, 'mcp'));
  app.use(['/exports', '/api/v1'], requestGuard(ctx, limits, 'rest'));
  mountExportRoutes(app, ctx);
  mountReportingRoutes(app, ctx);
  mountMcpRoutes(app, ctx);
  mountExplorerRoutes(app);

  app.use(
    '/graphql',
    graphqlBodyParser(),
    graphqlQueryShapeGuard(QUERY_LIMITS.maxTokens),
    enterRequestScope,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const principal = await principalOf(req, res, ctx);
        return { principal, services: ctx.services, logger, loaders: makeLoaders(ctx.services, principal) };
      },
    }),
  );

  mountDashboardRoutes(app);

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    // The key check before the body (request guard) reads the database: a stalled or lost one is
    // SERVICE_UNAVAILABLE here too, in the GraphQL error shape and the REST one at once.
    const databaseError = appErrorOfDatabaseError(err);
    if (databaseError && !res.headersSent) {
      logger.warn({ err, requestId: String(req.id), code: databaseError.code }, 'database failure before the request was handled');
      const { code, message } = databaseError;
      res.status(httpStatusOf(code)).json({ errors: [{ message, extensions: { code } }], error: message, code });
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) logger.error({ err, requestId: String(req.id), method: req.method, url: req.originalUrl }, 'unhandled HTTP error');
    if (res.headersSent) return next(err);
    res.status(status).json({ error: status >= 500 ? 'Internal server error' : err instanceof Error ? err.message : 'Bad request' });
  });
  return { app, apollo };
}
