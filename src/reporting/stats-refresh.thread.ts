import { parentPort, workerData } from 'node:worker_threads';
import { makeDataSource } from '../db/data-source';
import { StatsService } from './stats.service';
import { computeSyncResponses } from './stats-cache.service';
import type { ThreadRequest, ThreadReply, ThreadData } from './stats-refresh-threads';

/**
 * One worker thread of the cache sync (stats-refresh-threads.ts): its own small pool on the
 * sync's database, computing and serializing one organisation's responses per request.
 */
async function serve(port: NonNullable<typeof parentPort>, data: ThreadData): Promise<void> {
  const dataSource = makeDataSource(data.url, data.poolSize, { extra: data.extra });
  await dataSource.initialize();
  const stats = new StatsService(dataSource);
  port.on('message', (message: ThreadRequest | 'close') => {
    if (message === 'close') {
      dataSource.destroy().finally(() => port.close());
      return;
    }
    computeSyncResponses(stats, message.orgId, message.campaignIds).then(
      (responses) => port.postMessage({ id: message.id, responses } satisfies ThreadReply),
      (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ThreadReply),
    );
  });
  port.postMessage('ready');
}

if (parentPort) {
  const port = parentPort;
  serve(port, workerData as ThreadData).catch((error: unknown) => {
    port.postMessage({ startFailed: error instanceof Error ? error.message : String(error) });
  });
}
