import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, RateLimitedError } from '../errors';
import type { Logger } from '../logger';

/**
 * Apollo's formatError, the one translation of errors for GraphQL clients: an AppError keeps
 * its code and message (plus the offending fields); GraphQL's own errors (parse, validation,
 * limits) pass through; anything else is logged here and reaches the client as a bare
 * INTERNAL_SERVER_ERROR. Stack traces only in development.
 */
export function makeFormatError(logger: Logger, exposeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      const fields = original.problems.length > 0 ? { field: original.problems[0].field, problems: original.problems } : {};
      const retry = original instanceof RateLimitedError ? { retryAfter: original.retryAfterSeconds } : {};
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code, ...fields, ...retry } };
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
