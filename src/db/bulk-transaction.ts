import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { dbOfRunner, withRunnerTransaction, type Db } from './db';

/** A transaction's Db that can also stream rows in with `COPY … FROM STDIN`. */
export interface BulkDb extends Db {
  /** Runs `copyStatement` (a `COPY … FROM STDIN`) fed by `rows`; returns how many rows it copied. */
  copyFrom(copyStatement: string, rows: Readable): Promise<number>;
}

/**
 * Like `withTransaction`, for bulk loads: COPY needs the driver's own client, which shares the
 * transaction of TypeORM's runner.
 */
export function withBulkTransaction<T>(dataSource: DataSource, work: (db: BulkDb) => Promise<T>): Promise<T> {
  return withRunnerTransaction(dataSource, (runner, client) =>
    work({
      ...dbOfRunner(runner),
      async copyFrom(copyStatement, rows) {
        const copy = client.query(copyFrom(copyStatement));
        await pipeline(rows, copy);
        return copy.rowCount;
      },
    }),
  );
}
