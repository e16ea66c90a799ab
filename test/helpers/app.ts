import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { makeLogger } from '../../src/logger';
import { createTestDatabase, redisUrlForTests } from './environment';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/** The suite sends requests far faster than any client should, from one address: limits tested apart. */
const GENEROUS_LIMITS = { RATE_LIMIT_REQUESTS_PER_SECOND: '100000', RATE_LIMIT_BURST: '0', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000' };

export interface GraphQLResponse<T> {
  status: number;
  data: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; problems?: Array<{ field: string; message: string }> } }>;
}

export interface TestApp {
  running: RunningApp;
  url: string;
  databaseUrl: string;
  /** Sends a GraphQL operation with the given Bearer key (none when null). */
  gql<TData, TVars>(document: TypedDocumentNode<TData, TVars> | DocumentNode | string, variables?: TVars, key?: string | null): Promise<GraphQLResponse<TData>>;
  stop(): Promise<void>;
}

/** Starts the whole app (role all) on a fresh database and a free port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'false', DATABASE_URL: database.url, ...GENEROUS_LIMITS, ...env });
  const logger = makeLogger(process.env.TEST_LOG_LEVEL ?? 'silent', false);
  const running = await startApp({ config, logger, databaseUrl: database.url, role: 'all', port: 0, host: '127.0.0.1' });
  const url = running.url!;
  return {
    running,
    url,
    databaseUrl: database.url,
    async gql(document, variables, key = null) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLResponse<never>['errors'] };
      return { status: response.status, data: (body.data ?? null) as never, errors: body.errors };
    },
    async stop() {
      await running.stop();
      await database.drop();
    },
  };
}

/** Registers before/after hooks that start one app (by `start`) for the enclosing describe block. */
export function useStartedApp<T extends TestApp>(start: (context: Mocha.Context) => Promise<T>): () => T {
  let app: T | null = null;
  before(async function () {
    app = await start(this);
  });
  after(async () => {
    await app?.stop();
    app = null;
  });
  return () => {
    if (!app) throw new Error('test app not started');
    return app;
  };
}

/** Registers before/after hooks that start one app for the enclosing describe block. */
export function useTestApp(env: Record<string, string> = {}): () => TestApp {
  return useStartedApp(() => startTestApp(env));
}

/**
 * Like useTestApp, with REDIS_URL pointing at the suite's Redis. Without one the block is
 * skipped (and fails when REQUIRE_REDIS=1, as in CI).
 */
export function useTestAppWithRedis(env: Record<string, string> = {}): () => TestApp & { redisUrl: string } {
  return useStartedApp(async (context) => {
    const redisUrl = redisUrlForTests();
    if (redisUrl === null) {
      context.skip(); // throws: mocha reports the block as pending
      throw new Error('unreachable');
    }
    return { ...(await startTestApp({ ...env, REDIS_URL: redisUrl })), redisUrl };
  });
}

/** The data of a response that must have succeeded. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || response.data === null) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

/** The first error's code (and field) of a response that must have failed. */
export function expectError(response: GraphQLResponse<unknown>): { code: string | undefined; field: string | undefined; message: string } {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got data ${JSON.stringify(response.data)}`);
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
}
