import type { Express } from 'express';
import type { AppContext } from '../app-context';

/** How long /readyz waits for each dependency before it reports it unavailable. */
export const READINESS_TIMEOUT_MS = 2_000;

/** `check`'s value, or `fallback` when it fails or takes longer than READINESS_TIMEOUT_MS. */
async function withinReadinessTimeout<T, F>(check: Promise<T>, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz (alive), /readyz (dependencies), /metrics (Prometheus). No key; no tenant data. */
export function mountOperationalRoutes(app: Express, ctx: AppContext): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    // Each check answers within READINESS_TIMEOUT_MS: a stalled database is "down", not a hung probe.
    const database = await withinReadinessTimeout(ctx.db.row('SELECT 1 AS ok').then(() => 'ok' as const), 'down');
    const cache = await withinReadinessTimeout(ctx.cache.health(), 'degraded');
    const staleJobs = database === 'ok' ? await withinReadinessTimeout(ctx.services.jobs.staleJobs(), null) : null;
    const jobs = staleJobs && staleJobs.length > 0 ? 'stale' : ctx.services.jobs.health();
    // A degraded cache still serves (from the database), and stale jobs do not stop the API from
    // answering: only a down database is not ready. Both are reported for the operator.
    const ready = database === 'ok';
    const degraded = cache === 'degraded' || jobs === 'stale';
    res.status(ready ? 200 : 503).json({
      status: ready ? (degraded ? 'degraded' : 'ok') : 'unavailable',
      checks: { database, cache, jobs },
      ...(staleJobs && staleJobs.length > 0 ? { staleJobs } : {}),
    });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', ctx.metrics.registry.contentType);
    res.send(await ctx.metrics.registry.metrics());
  });
}
