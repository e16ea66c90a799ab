import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import path from 'node:path';
import { entities } from './entities';

/**
 * The one DataSource factory: the app, the CLIs, the tests and `ormconfig.ts` (the TypeORM
 * migration CLI) all build their connection here. `synchronize` is never on: the schema is
 * the migrations'.
 */
/** Counts every statement (for the paperrun_db_queries_total metric); logs nothing. */
class CountingLogger implements TypeOrmLogger {
  constructor(private readonly onQuery: () => void) {}
  logQuery(): void {
    this.onQuery();
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** The time limits of one DataSource's connections (see docs/operations.md). */
export interface DbTimeouts {
  /** Server-side `statement_timeout`; 0 = none. */
  statementTimeoutMs: number;
  /** Opening a connection and waiting for a free pooled one. */
  connectTimeoutMs: number;
  /** Server-side `idle_in_transaction_session_timeout`; 0 = none. */
  idleInTransactionTimeoutMs?: number;
}

/** Time a stalled server gets beyond its own statement timeout before the client gives up. */
const CLIENT_TIMEOUT_MARGIN_MS = 2_000;

/**
 * pg options for `timeouts`. statement_timeout makes PostgreSQL cancel a slow statement (the
 * connection stays usable); a stalled server or network never answers at all, so the client
 * also stops waiting (query_timeout) a little later.
 */
export function poolTimeoutOptions(timeouts: DbTimeouts): Record<string, number> {
  return {
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    ...(timeouts.statementTimeoutMs > 0
      ? { statement_timeout: timeouts.statementTimeoutMs, query_timeout: timeouts.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS }
      : {}),
    ...(timeouts.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs } : {}),
  };
}

/**
 * `extra`: pool options copied from another data source (a worker thread's pool keeps the
 * timeouts of the one it works for); `poolSize` still sets its size.
 */
export function makeDataSource(url: string, poolSize = 10, options: { onQuery?: () => void; timeouts?: DbTimeouts; extra?: Record<string, unknown> } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: [path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? new CountingLogger(options.onQuery) : undefined,
    extra: { application_name: 'paperrun-reporting', keepAlive: true, ...options.extra, max: poolSize, ...(options.timeouts ? poolTimeoutOptions(options.timeouts) : {}) },
  });
}
