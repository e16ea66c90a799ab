import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

/**
 * Streams the output of a `COPY (…) TO STDOUT` into `sink` with constant memory, on a pool
 * connection of its own. A connection abandoned mid-COPY (client gone) is destroyed, not
 * returned to the pool.
 */
export async function copyOut(dataSource: DataSource, copyStatement: string, sink: Writable): Promise<void> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await pipeline(client.query(copyTo(copyStatement)), sink);
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failed);
  }
}
