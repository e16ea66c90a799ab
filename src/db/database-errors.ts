import { AppError } from '../errors';

/**
 * What the server tells a client when PostgreSQL, not the client, made a call fail. Driver
 * errors carry a SQLSTATE `code`; TypeORM's QueryFailedError copies it and keeps the original
 * as `driverError`.
 */

/** Deadlock detected, serialization failure: the transaction can succeed when run again. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/**
 * Statement timeout / cancel, shutdown, cannot connect now, idle-in-transaction timeout, and
 * the connection-exception class (08…): the database is slow or away, not the request wrong.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '25P03']);

/** Errors node-postgres raises itself, without a SQLSTATE, when the connection fails. */
const UNAVAILABLE_MESSAGES = [/Query read timeout/, /timeout exceeded when trying to connect/i, /connection terminated/i, /connection timeout/i, /Connection ended unexpectedly/i, /Client has encountered a connection error/i];
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const driverError = (error as { driverError?: unknown }).driverError;
  return driverError === undefined ? null : codeOf(driverError);
}

export function isRetryableTransactionError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== null && RETRYABLE_SQLSTATES.has(code);
}

export function isDatabaseUnavailableError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== null && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_NODE_CODES.has(code))) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
}

export const conflictError = () =>
  new AppError('CONFLICT', 'Concurrent writes to the same rows kept colliding (deadlock or serialization failure); nothing was written: retry the call');

export const databaseUnavailableError = () =>
  new AppError('SERVICE_UNAVAILABLE', 'The database did not answer in time or is unavailable; nothing was written: retry later');

/** The client-facing AppError for a database failure that is not the client's mistake, or null. */
export function appErrorOfDatabaseError(error: unknown): AppError | null {
  if (isRetryableTransactionError(error)) return conflictError();
  if (isDatabaseUnavailableError(error)) return databaseUnavailableError();
  return null;
}

/**
 * Delay before retry `attempt` (1 = the first retry): "full jitter" exponential backoff, a random
 * wait up to base × 2^(attempt-1), capped, so colliding writers spread out instead of meeting again.
 */
export function retryDelayMs(attempt: number, random: number, baseMs = 20, capMs = 1000): number {
  return Math.floor(random * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
}
