import type { StatsResponseData } from './stats.service';

/**
 * The seed's REST shape of a StatsResponse (api.md "HTTP routes"): snake_case keys at every
 * level, enum values (experiment metric, stat, group; basis; grade) in lower snake case,
 * instants as ISO-8601. Pure.
 */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const ENUM_KEYS = new Set(['metric', 'stat', 'group', 'basis', 'grade']);

function toRest(value: unknown, key = ''): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toRest(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), toRest(v, k)]));
  }
  if (typeof value === 'string' && ENUM_KEYS.has(key)) return value.toLowerCase();
  return value;
}

export function statsResponseToRest(response: StatsResponseData): Record<string, unknown> {
  return toRest(response) as Record<string, unknown>;
}
