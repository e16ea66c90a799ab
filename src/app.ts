import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAppContext, createAppContext, type AppContext } from './app-context';
import type { Config } from './config';
import { makeHttpApp } from './http/http-app';
import type { Logger } from './logger';

export type Role = 'api' | 'worker' | 'all';

export interface RunningApp {
  context: AppContext;
  /** The HTTP server (api and all roles). */
  server: Server | null;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:4000 */
  url: string | null;
  stop(): Promise<void>;
}

/**
 * Starts one process of the given role over an already migrated database: the API serves
 * HTTP, the worker processes jobs, `all` does both. Used by `main.ts` and by the tests.
 */
export async function startApp(options: { config: Config; logger: Logger; databaseUrl: string; role: Role; port?: number; host?: string }): Promise<RunningApp> {
  const { config, logger, role } = options;
  const context = await createAppContext(config, logger, options.databaseUrl, { processMetrics: role !== 'worker', role });
  try {
    await context.services.jobs.start({ worker: role !== 'api' });
    let server: Server | null = null;
    let url: string | null = null;
    let stopHttp = async () => undefined as void;
    if (role !== 'worker') {
      server = createServer();
      const { app, apollo } = await makeHttpApp(context, server);
      // Apollo's drain plugin closes the HTTP server, letting in-flight requests finish.
      stopHttp = () => apollo.stop();
      server.on('request', app);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(options.port ?? config.port, options.host ?? '0.0.0.0', () => resolve());
      });
      const address = server.address() as AddressInfo;
      url = `http://127.0.0.1:${address.port}`;
    }
    let stopped = false;
    return {
      context,
      server,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopHttp();
        await closeAppContext(context);
      },
    };
  } catch (error) {
    await closeAppContext(context);
    throw error;
  }
}
