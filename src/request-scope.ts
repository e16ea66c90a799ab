import { AsyncLocalStorage } from 'node:async_hooks';

/** What the code serving one HTTP request knows about it, wherever it runs. */
export interface RequestScope {
  requestId: string;
  /** The GraphQL operation's name, once Apollo has resolved it (for the access log). */
  operationName?: string;
}

/**
 * The request being served. Every log line written within it carries its id (the logger's
 * mixin reads it), so a 5xx logged deep in a resolver can be matched to the client's report.
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();
