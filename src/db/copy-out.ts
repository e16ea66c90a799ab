import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

/** Time a stalled server gets beyond the COPY's statement timeout before the client gives up. */
const CLIENT_TIMEOUT_MARGIN_MS = 2_000;
/** setTimeout's largest delay (≈ 24.8 days): "no client-side limit" for a COPY without a statement timeout. */
const NO_CLIENT_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Streams the output of a `COPY (…) TO STDOUT` into `sink` with constant memory, on a pool
 * connection of its own. A connection abandoned mid-COPY (client gone) is destroyed, not
 * returned to the pool.
 *
 * An export of a large campaign runs far longer than an API request's statement timeout, so the
 * COPY gets `statementTimeoutMs` (the jobs' limit; 0 = none) for itself: set on the session for
 * this one statement and reset before the connection goes back to the pool, with the client's
 * own read timeout (pg reads a query's `query_timeout` before its connection's) a little longer.
 */
export async function copyOut(dataSource: DataSource, copyStatement: string, sink: Writable, options: { statementTimeoutMs: number }): Promise<void> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    const timeoutMs = Math.max(0, Math.floor(options.statementTimeoutMs));
    await client.query(`SET statement_timeout = ${timeoutMs}`);
    const copy = Object.assign(copyTo(copyStatement), { query_timeout: timeoutMs > 0 ? timeoutMs + CLIENT_TIMEOUT_MARGIN_MS : NO_CLIENT_TIMEOUT_MS });
    await pipeline(client.query(copy), sink);
    await client.query('RESET statement_timeout');
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failed);
  }
}
