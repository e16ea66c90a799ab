/**
 * The application's one error type. Services throw it; GraphQL (`src/graphql/error-mapping.ts`)
 * and REST (`src/http/error-mapping.ts`) each translate it in exactly one exhaustive function.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  /** Concurrent writers kept colliding (deadlock or serialization failure after retries): retry the call. */
  | 'CONFLICT'
  /** The database did not answer in time (statement or connection timeout) or is down: retry later. */
  | 'SERVICE_UNAVAILABLE'
  /** Too many requests for this key (or failed authentications for this address): retry after `retryAfter` seconds. */
  | 'RATE_LIMITED';

export interface FieldProblem {
  /** Path of the offending value, e.g. `recipients[3].sendDate`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Too much at once: retry after `retryAfterSeconds` (GraphQL `extensions.retryAfter`, REST Retry-After). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

export const unauthenticated = (message = 'Missing or invalid API key: send Authorization: Bearer <key>') =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const notFound = (what: string, id: string, field?: string) =>
  new AppError('NOT_FOUND', `${field ? `${field}: ` : ''}${what} ${JSON.stringify(id)} not found`, field ? [{ field, message: `${what} not found` }] : []);

/** Rejects input. The message names the first problem; all of them (up to 50) ride along. */
export function badUserInput(problems: FieldProblem[]): AppError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new AppError('BAD_USER_INPUT', `${first.field}: ${first.message}${more}`, problems.slice(0, 50));
}

/** Collects field problems while validating a whole batch, then throws them at once. */
export class ProblemList {
  private readonly items: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.items.push({ field, message });
  }
  /** Records what a rule function found (its message), if it found anything. */
  check(field: string, problem: string | null): void {
    if (problem !== null) this.add(field, problem);
  }
  get isEmpty(): boolean {
    return this.items.length === 0;
  }
  throwIfAny(): void {
    if (this.items.length > 0) throw badUserInput(this.items);
  }
}

/** The HTTP status of each code, for REST routes and GraphQL responses alike. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'BAD_USER_INPUT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'RATE_LIMITED':
      return 429;
  }
}
