import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build:dashboard` (vite) writes the dashboard. */
export const DASHBOARD_DIST = path.resolve(__dirname, '../../web/dist');

/**
 * Everything the page may load comes from this server: no CDN, no outside fonts, and the only
 * request it makes is to /graphql and /exports (same origin). uPlot sets element styles from
 * script, which a style-src of 'self' allows.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dashboard at `/`: its index.html (never cached, so a new build shows at once) and its
 * hashed assets (cached for good). Mounted after the API routes, so it only answers what they
 * do not. The page needs no key; the data behind it does.
 */
export function mountDashboardRoutes(app: Express, dist: string = DASHBOARD_DIST): void {
  const index = path.join(dist, 'index.html');
  const sendIndex = (res: express.Response) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The dashboard is not built: run `npm run build:dashboard` (npm install and npm start do it by themselves).\n');
      return;
    }
    res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    res.sendFile(index);
  };
  app.get(['/', '/index.html'], (_req, res) => sendIndex(res));
  app.use(
    '/assets',
    express.static(path.join(dist, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.set('X-Content-Type-Options', 'nosniff'),
    }),
  );
}
