import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/** Where `npm run build:explorer` writes the GraphiQL bundle (git-ignored). */
export const EXPLORER_DIST = path.join(__dirname, '../../explorer/dist');

/**
 * GET /explorer/ (static's own redirect adds the slash to /explorer): the offline GraphiQL explorer, every asset (Monaco's workers included) from
 * this server. No key is needed to load the page; its requests carry the Bearer header the
 * user types into GraphiQL's Headers tab.
 */
export function mountExplorerRoutes(app: Express): void {
  app.use('/explorer', (_req, res, next) => {
    if (existsSync(path.join(EXPLORER_DIST, 'index.html'))) return next();
    res.status(503).type('text/plain').send('The explorer is not built: run npm run build:explorer (npm start builds it when missing).');
  });
  app.use('/explorer', express.static(EXPLORER_DIST, { index: 'index.html', maxAge: '1h', setHeaders: (res, file) => file.endsWith('index.html') && res.setHeader('Cache-Control', 'no-cache') }));
}
