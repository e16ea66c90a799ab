import type { Pool, PoolClient } from 'pg';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { conflictError, isDatabaseUnavailableError, isRetryableTransactionError, retryDelayMs } from './database-errors';

/**
 * The narrow SQL interface repositories are written against: rows out, affected count out,
 * nothing else. Implemented over TypeORM's QueryRunner so repositories run unchanged inside or
 * outside a transaction.
 */
export interface Db {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The first row, or null. */
  row<T>(sql: string, params?: unknown[]): Promise<T | null>;
  /** Runs a statement and returns the number of rows it affected. */
  exec(sql: string, params?: unknown[]): Promise<number>;
}

function dbOver(run: (sql: string, params: unknown[]) => Promise<{ records: unknown[]; affected?: number }>): Db {
  return {
    async rows<T>(sql: string, params: unknown[] = []) {
      return (await run(sql, params)).records as T[];
    },
    async row<T>(sql: string, params: unknown[] = []) {
      return ((await run(sql, params)).records[0] as T | undefined) ?? null;
    },
    async exec(sql: string, params: unknown[] = []) {
      return (await run(sql, params)).affected ?? 0;
    },
  };
}

export function dbOfRunner(runner: QueryRunner): Db {
  return dbOver((sql, params) => runner.query(sql, params, true));
}

/**
 * Autocommit access over a plain pg pool, outside the app's DataSource (its statements are not
 * counted in paperrun_db_queries_total): for /metrics' own reads.
 */
export function dbOfPool(pool: Pool): Db {
  return dbOver(async (sql, params) => {
    const result = await pool.query(sql, params);
    return { records: result.rows, affected: result.rowCount ?? undefined };
  });
}

/**
 * After a client-side timeout the connection still waits for the stalled statement's answer:
 * ending it makes the pool drop it instead of handing it out again. (PostgreSQL rolls back an
 * open transaction of a closed connection.)
 */
function discardIfUnavailable(client: PoolClient, error: unknown): boolean {
  if (!isDatabaseUnavailableError(error)) return false;
  client.end().catch(() => undefined);
  return true;
}

/** Autocommit access: each statement on a pooled connection of its own. */
export function dbOf(dataSource: DataSource): Db {
  return dbOver(async (sql, params) => {
    const runner = dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      try {
        return await runner.query(sql, params, true);
      } catch (error) {
        discardIfUnavailable(client, error);
        throw error;
      }
    } finally {
      await runner.release();
    }
  });
}

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Runs `work` in one transaction on one connection (TypeORM's runner and the driver's own
 * client, for COPY): committed when it resolves, rolled back when it throws.
 */
export async function withRunnerTransaction<T>(
  dataSource: DataSource,
  work: (runner: QueryRunner, client: PoolClient) => Promise<T>,
  options: { isolation?: IsolationLevel; readOnly?: boolean } = {},
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    await runner.startTransaction(options.isolation);
    if (options.readOnly) await runner.query('SET TRANSACTION READ ONLY');
    const result = await work(runner, client);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    // A dropped connection (a database restart) releases the runner: the rollback then fails
    // with "Query runner already released", which must not hide the cause.
    if (!discardIfUnavailable(client, error) && runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** Runs of one transaction before a deadlock or serialization failure becomes a CONFLICT. */
export const MAX_TRANSACTION_ATTEMPTS = 6;

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. A
 * deadlock or serialization failure rolls back and runs `work` again (bounded, with jitter),
 * so `work` must do nothing but database work; still failing, it is a retryable CONFLICT.
 */
export async function withTransaction<T>(
  dataSource: DataSource,
  work: (db: Db) => Promise<T>,
  options: { isolation?: IsolationLevel; readOnly?: boolean } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withRunnerTransaction(dataSource, (runner) => work(dbOfRunner(runner)), options);
    } catch (error) {
      if (!isRetryableTransactionError(error)) throw error;
      if (attempt >= MAX_TRANSACTION_ATTEMPTS) throw conflictError();
      await delay(retryDelayMs(attempt, Math.random()));
    }
  }
}

/**
 * Runs `work` while holding a session-level advisory lock named `key`, on a connection of its
 * own. Taken before a transaction starts, so a repeatable-read snapshot begins only after the
 * previous holder committed. A crashed holder's connection closes and the lock goes with it.
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: string, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    try {
      return await work();
    } finally {
      // A dropped connection took the lock with it (and released the runner): nothing to unlock.
      if (!runner.isReleased) await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    }
  } finally {
    await runner.release();
  }
}
