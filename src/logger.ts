import pino from 'pino';
import { requestScope } from './request-scope';

export type Logger = pino.Logger;

export interface SerializedError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  cause?: SerializedError;
}

/**
 * Errors as message, code and stack only. pino's standard serializer copies every enumerable
 * property, which for a driver error can be a whole `pg` client (connection parameters, socket,
 * pending queries) — noise in the log and a leak of settings.
 */
export function serializeError(value: unknown, depth = 0): SerializedError {
  if (!(value instanceof Error)) return { type: typeof value, message: String(value) };
  const code = 'code' in value && (typeof value.code === 'string' || typeof value.code === 'number') ? value.code : undefined;
  const cause = depth < 3 && value.cause !== undefined ? serializeError(value.cause, depth + 1) : undefined;
  return { type: value.name, message: value.message, ...(code !== undefined ? { code } : {}), stack: value.stack, ...(cause ? { cause } : {}) };
}

/** JSON lines in production and pipes; human-readable when a person is watching a terminal. */
export function makeLogger(level: string, pretty = process.stdout.isTTY === true, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: { paths: ['req.headers.authorization', 'apiKey', '*.apiKey'], censor: '[redacted]' },
    serializers: { err: (err: unknown) => serializeError(err) },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
    transport: pretty ? { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
  };
  return destination ? pino(options, destination) : pino(options);
}
