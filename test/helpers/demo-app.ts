import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDemoData } from '../../src/demo/demo-data';
import type { DemoOrganization } from '../../src/demo/demo.types';
import { makeLogger } from '../../src/logger';
import { ADMIN_KEY, startTestApp, useStartedApp, type TestApp } from './app';

export interface DemoApp extends TestApp {
  demo: DemoOrganization;
}

/**
 * The app with the demo organisation loaded (as on a first `npm start`) and aggregated, so every
 * answer comes from the daily buckets as a newcomer would see it.
 */
export async function startDemoApp(): Promise<DemoApp> {
  const app = await startTestApp();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'paperrun-demo-app-'));
  try {
    const demo = await ensureDemoData({ databaseUrl: app.databaseUrl, dataDir, logger: makeLogger('silent', false) });
    if (!demo) throw new Error('the demo organisation was not loaded');
    const run = await app.gql<{ runJob: boolean }, { name: string }>('mutation Run($name: String!) { runJob(name: $name) }', { name: 'process-order-aggregations' }, ADMIN_KEY);
    if (run.data?.runJob !== true) throw new Error(`aggregation failed: ${JSON.stringify(run.errors)}`);
    return { ...app, demo };
  } catch (error) {
    await app.stop();
    throw error;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Registers before/after hooks that start one demo app for the enclosing describe block. */
export function useDemoApp(): () => DemoApp {
  return useStartedApp((context) => {
    context.timeout(120_000);
    return startDemoApp();
  });
}
