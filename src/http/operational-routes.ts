import type { Express } from 'express';
import type { AppContext } from '../app-context';

/** /healthz (alive), /readyz (dependencies), /metrics (Prometheus). No key; no tenant data. */
export function mountOperationalRoutes(app: Express, ctx: AppContext): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const database = await ctx.db
      .row('SELECT 1 AS ok')
      .then(() => 'ok' as const)
      .catch(() => 'down' as const);
    const cache = await ctx.cache.health();
    const jobs = ctx.services.jobs.health();
    // A degraded cache still serves (from the database); only a down database is not ready.
    const ready = database === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? (cache === 'degraded' ? 'degraded' : 'ok') : 'unavailable', checks: { database, cache, jobs } });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', ctx.metrics.registry.contentType);
    res.send(await ctx.metrics.registry.metrics());
  });
}
