import { z } from 'zod';
import { parseRedisUrl } from './cache/redis-url';

/**
 * The one place that reads the environment. Every variable is validated at boot; a bad value
 * stops the process with one line per problem (see `ConfigError`).
 */

const booleanFromEnv = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), {
    message: 'must be true or false',
  })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const integerFromEnv = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

const numberFromEnv = (minExclusive: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { message: 'must be a positive number' })
    .transform(Number)
    .pipe(z.number().gt(minExclusive, { message: `must be greater than ${minExclusive}` }));

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v) && URL.canParse(v), {
    message: 'must be a postgres:// or postgresql:// URL',
  });

const redisUrl = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const target = parseRedisUrl(v);
    if ('error' in target) ctx.addIssue({ code: 'custom', message: target.error });
  });

const httpUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/.+/.test(v) && URL.canParse(v), { message: 'must be an http:// or https:// URL' })
  .transform((v) => v.replace(/\/+$/, ''));

/** Agenda accepts human intervals ("15 minutes") and cron strings; we accept the human form only. */
const interval = z
  .string()
  .trim()
  .regex(/^\d+ (second|minute|hour|day)s?$/, { message: 'must look like "15 minutes" (seconds, minutes, hours or days)' })
  .refine((v) => Number(v.split(' ')[0]) > 0, { message: 'must be longer than 0 (a zero interval would run the job back to back)' });

/** A comma-separated list of browser origins (scheme://host[:port], no path). */
const corsOrigins = z
  .string()
  .transform((v) => v.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
  .refine((origins) => origins.every((origin) => URL.canParse(origin) && new URL(origin).origin === origin.replace(/\/+$/, '')), {
    message: 'must be comma-separated origins such as https://app.example.com (scheme, host, optional port; no path)',
  })
  .transform((origins) => origins.map((origin) => new URL(origin).origin));

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/**
 * Optional, but a blank value is an error rather than "unset": for PORT and BREVO_API_KEY a
 * blank is nearly always a deployment template that lost its value, and the default (port 4000,
 * no Brevo key) would fail quietly later (an unreachable server, undelivered contacts).
 */
const optionalNotBlank = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .refine((v) => v.trim() !== '', { message: 'is set but blank: unset it to use the default, or give a value' })
    .pipe(schema)
    .optional();

const envSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' })),
  DATABASE_URL: optional(postgresUrl),
  REDIS_URL: optional(redisUrl),
  PORT: optionalNotBlank(integerFromEnv(0, 65535)),
  ADMIN_API_KEY: optional(z.string().trim().min(16, { message: 'must be at least 16 characters' })),
  ORDER_AGGREGATION_SLIDING_WINDOW_DAYS: optional(integerFromEnv(1, 366)),
  SCHEDULER_ENABLED: optional(booleanFromEnv),
  BREVO_API_KEY: optionalNotBlank(z.string().trim().min(1)),
  BREVO_BASE_URL: optional(httpUrl),
  BREVO_LIST_LANGUAGE: optional(integerFromEnv(1, 2_147_483_647)),
  BREVO_LIST_NON_LANGUAGE: optional(integerFromEnv(1, 2_147_483_647)),
  BREVO_MAX_RETRIES: optional(integerFromEnv(0, 100)),
  BREVO_RATE_LIMIT_RPS: optional(numberFromEnv(0)),
  BREVO_TIMEOUT_MS: optional(integerFromEnv(1, 600_000)),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level' })),
  DATA_DIR: optional(z.string().trim().min(1)),
  EMBEDDED_PG_PORT: optional(integerFromEnv(1, 65535)),
  DB_POOL_SIZE: optional(integerFromEnv(2, 200)),
  DB_STATEMENT_TIMEOUT_MS: optional(integerFromEnv(0, 86_400_000)),
  DB_JOB_STATEMENT_TIMEOUT_MS: optional(integerFromEnv(0, 86_400_000)),
  DB_CONNECT_TIMEOUT_MS: optional(integerFromEnv(100, 600_000)),
  JOB_LOCK_LIFETIME_MS: optional(integerFromEnv(10_000, 86_400_000)),
  OUTBOX_LEASE_SECONDS: optional(integerFromEnv(5, 86_400)),
  DEMO_DATA: optional(booleanFromEnv),
  AGGREGATION_INTERVAL: optional(interval),
  REPORTING_SYNC_INTERVAL: optional(interval),
  OUTBOX_INTERVAL: optional(interval),
  API_KEY_PRUNE_INTERVAL: optional(interval),
  CORS_ORIGINS: optional(corsOrigins),
  GRAPHQL_INTROSPECTION: optional(booleanFromEnv),
  EXPORT_LINK_SECRET: optional(z.string().trim().min(32, { message: 'must be at least 32 characters' })),
  EXPORT_LINK_TTL_SECONDS: optional(integerFromEnv(10, 3600)),
  RATE_LIMIT_REQUESTS_PER_SECOND: optional(integerFromEnv(1, 1_000_000)),
  RATE_LIMIT_BURST: optional(integerFromEnv(0, 1_000_000)),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: optional(integerFromEnv(1, 1_000_000)),
  RATE_LIMIT_EXPENSIVE_QUEUE_MS: optional(integerFromEnv(0, 600_000)),
  MAX_EXPENSIVE_OPERATIONS_PER_ORG: optional(integerFromEnv(1, 1000)),
});

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  /** Null: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | null;
  /** Null: the cache lives in process. */
  redisUrl: string | null;
  port: number;
  adminApiKey: string | null;
  aggregationSlidingWindowDays: number;
  schedulerEnabled: boolean;
  brevo: {
    apiKey: string | null;
    baseUrl: string;
    listLanguage: number | null;
    listNonLanguage: number | null;
    maxRetries: number;
    rateLimitRps: number;
    timeoutMs: number;
  };
  logLevel: string;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolSize: number;
  /** Timeouts of the database connections; 0 = no statement timeout. */
  db: {
    /** Each statement of an API request. */
    statementTimeoutMs: number;
    /** Each statement of a background job or CLI (aggregation, imports). */
    jobStatementTimeoutMs: number;
    /** Opening a connection, and waiting for a free one in the pool. */
    connectTimeoutMs: number;
  };
  /** How long Agenda's lock on a running job lasts without a heartbeat (a dead worker's lock expires). */
  jobLockLifetimeMs: number;
  /** How long a claimed outbox job stays leased to its worker without being renewed. */
  outboxLeaseSeconds: number;
  demoData: boolean;
  /** Browser origins allowed by CORS (development also allows any http://localhost port). */
  corsOrigins: string[];
  /** Whether GraphQL introspection is served (default: everywhere but production). */
  introspection: boolean;
  exportLinks: {
    /** HMAC key of signed export links; null: derived from the admin key, or per process (see exportLinkSecret). */
    secret: string | null;
    ttlSeconds: number;
  };
  intervals: {
    aggregation: string;
    reportingSync: string;
    outbox: string;
    apiKeyPrune: string;
  };
  /** Limits for noisy tenants and hostile clients (docs/operations.md). */
  limits: {
    /** Steady requests per second per API key (or per address without a key). */
    requestsPerSecond: number;
    /** Requests a key may make above the steady rate, per minute. */
    burst: number;
    /** Failed authentications per client address and minute. */
    authFailuresPerMinute: number;
    /** Expensive stats computations running at once per organisation (and process). */
    maxExpensivePerOrg: number;
    /** How long an expensive computation waits for its turn before RATE_LIMITED. */
    expensiveQueueMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }

  /** One line per problem on stderr, the form every entry point reports a bad configuration in. */
  writeToStderr(): void {
    for (const problem of this.problems) process.stderr.write(`config: ${problem}\n`);
  }
}

/** Validates `env` (normally `process.env`) and returns the typed configuration. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const raw = env[name];
      return `${name}=${JSON.stringify(raw ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const nodeEnv: NodeEnv = e.NODE_ENV ?? 'development';
  // Several API processes must verify each other's export links: no per-process key in production.
  if (nodeEnv === 'production' && e.EXPORT_LINK_SECRET === undefined && e.ADMIN_API_KEY === undefined) {
    throw new ConfigError(['EXPORT_LINK_SECRET="": required in production when ADMIN_API_KEY is unset (signs export links)']);
  }
  return {
    nodeEnv,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    port: e.PORT ?? 4000,
    adminApiKey: e.ADMIN_API_KEY ?? null,
    aggregationSlidingWindowDays: e.ORDER_AGGREGATION_SLIDING_WINDOW_DAYS ?? 2,
    schedulerEnabled: e.SCHEDULER_ENABLED ?? true,
    brevo: {
      apiKey: e.BREVO_API_KEY ?? null,
      baseUrl: e.BREVO_BASE_URL ?? 'https://api.brevo.com/v3',
      listLanguage: e.BREVO_LIST_LANGUAGE ?? null,
      listNonLanguage: e.BREVO_LIST_NON_LANGUAGE ?? null,
      maxRetries: e.BREVO_MAX_RETRIES ?? 5,
      rateLimitRps: e.BREVO_RATE_LIMIT_RPS ?? 10,
      timeoutMs: e.BREVO_TIMEOUT_MS ?? 10_000,
    },
    logLevel: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    dataDir: e.DATA_DIR ?? '.data',
    embeddedPgPort: e.EMBEDDED_PG_PORT ?? 54329,
    dbPoolSize: e.DB_POOL_SIZE ?? 10,
    db: {
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS ?? 15_000,
      jobStatementTimeoutMs: e.DB_JOB_STATEMENT_TIMEOUT_MS ?? 1_800_000,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS ?? 5_000,
    },
    jobLockLifetimeMs: e.JOB_LOCK_LIFETIME_MS ?? 60_000,
    outboxLeaseSeconds: e.OUTBOX_LEASE_SECONDS ?? 60,
    // Unset: the demo only in development's embedded database. DEMO_DATA=true loads it into any
    // database whose organisations table is empty (a database with organisations is never written).
    demoData: e.DEMO_DATA ?? (nodeEnv === 'development' && e.DATABASE_URL === undefined),
    corsOrigins: e.CORS_ORIGINS ?? [],
    introspection: e.GRAPHQL_INTROSPECTION ?? nodeEnv !== 'production',
    exportLinks: { secret: e.EXPORT_LINK_SECRET ?? null, ttlSeconds: e.EXPORT_LINK_TTL_SECONDS ?? 300 },
    intervals: {
      aggregation: e.AGGREGATION_INTERVAL ?? '15 minutes',
      reportingSync: e.REPORTING_SYNC_INTERVAL ?? '450 seconds',
      outbox: e.OUTBOX_INTERVAL ?? '1 minute',
      apiKeyPrune: e.API_KEY_PRUNE_INTERVAL ?? '1 day',
    },
    limits: {
      requestsPerSecond: e.RATE_LIMIT_REQUESTS_PER_SECOND ?? 20,
      burst: e.RATE_LIMIT_BURST ?? 200,
      authFailuresPerMinute: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE ?? 10,
      maxExpensivePerOrg: e.MAX_EXPENSIVE_OPERATIONS_PER_ORG ?? 2,
      expensiveQueueMs: e.RATE_LIMIT_EXPENSIVE_QUEUE_MS ?? 10_000,
    },
  };
}
