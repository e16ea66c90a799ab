/** The length of an interval written like the configuration's ("450 seconds", "1 day"), or null. */
export function intervalMs(interval: string): number | null {
  const match = /^(\d+) (second|minute|hour|day)s?$/.exec(interval.trim());
  if (!match) return null;
  const unit = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 }[match[2] as 'second' | 'minute' | 'hour' | 'day'];
  return Number(match[1]) * unit;
}

/** A scheduled job counts as stale when it has not finished a run for longer than this many intervals. */
export const STALE_AFTER_INTERVALS = 2;

/**
 * Whether a scheduled job is stale at `now`: its last successful run (or, before the first one,
 * its scheduling) lies more than two intervals back — it is wedged, failing or not being run.
 */
export function isStale(job: { interval: string; lastFinishedAt: Date | null; scheduledAt: Date | null }, now: Date): boolean {
  const length = intervalMs(job.interval);
  const since = job.lastFinishedAt ?? job.scheduledAt;
  if (length === null || since === null) return false;
  return now.getTime() - since.getTime() > STALE_AFTER_INTERVALS * length;
}
