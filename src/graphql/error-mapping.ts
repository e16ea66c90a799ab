import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { appErrorOfDatabaseError } from '../db/database-errors';
import { AppError, RateLimitedError } from '../errors';
import type { Logger } from '../logger';

/**
 * Apollo's formatError, the one translation of errors for GraphQL clients: an AppError keeps
 * its code and message (plus the offending fields); a database that timed out or is away is
 * SERVICE_UNAVAILABLE, writers that kept colliding after their retries CONFLICT; GraphQL's own
 * errors (parse, validation, limits) pass through; anything else is logged here and reaches the client as a bare
 * INTERNAL_SERVER_ERROR. Stack traces only in development.
 */
export function makeFormatError(logger: Logger, exposeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const databaseError = original instanceof AppError ? null : appErrorOfDatabaseError(original);
    if (databaseError) logger.warn({ err: original, path: formatted.path, code: databaseError.code }, 'database failure in a GraphQL operation');
    const appError = original instanceof AppError ? original : databaseError;
    if (appError) {
      const fields = appError.problems.length > 0 ? { field: appError.problems[0].field, problems: appError.problems } : {};
      const retry = appError instanceof RateLimitedError ? { retryAfter: appError.retryAfterSeconds } : {};
      return { message: appError.message, locations: formatted.locations, path: formatted.path, extensions: { code: appError.code, ...fields, ...retry } };
    }
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    if (extensions.code !== undefined && extensions.code !== 'INTERNAL_SERVER_ERROR') {
      return { ...formatted, extensions: exposeStack ? { ...extensions, stacktrace } : extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: exposeStack ? { code: 'INTERNAL_SERVER_ERROR', stacktrace } : { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
