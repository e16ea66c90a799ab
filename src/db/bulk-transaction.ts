import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { dbOfRunner, type Db } from './db';

/** A transaction's Db that can also stream rows in with `COPY … FROM STDIN`. */
export interface BulkDb extends Db {
  /** Runs `copyStatement` (a `COPY … FROM STDIN`) fed by `rows`; returns how many rows it copied. */
  copyFrom(copyStatement: string, rows: Readable): Promise<number>;
}

/**
 * Like `withTransaction`, for bulk loads: COPY needs the driver's own client, which TypeORM's
 * query runner hands out once connected, so statements and COPY share one transaction.
 */
export async function withBulkTransaction<T>(dataSource: DataSource, work: (db: BulkDb) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client: PoolClient = await runner.connect();
  try {
    await runner.startTransaction();
    const db: BulkDb = {
      ...dbOfRunner(runner),
      async copyFrom(copyStatement, rows) {
        const copy = client.query(copyFrom(copyStatement));
        await pipeline(rows, copy);
        return copy.rowCount;
      },
    };
    const result = await work(db);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
