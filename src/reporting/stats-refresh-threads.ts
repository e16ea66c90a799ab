import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import type { SerializedResponse } from './stats-cache.service';

/** What a thread is started with: where and how to connect (plain data, cloned to the thread). */
export interface ThreadData {
  url: string;
  poolSize: number;
  extra: Record<string, unknown>;
}

export interface ThreadRequest {
  id: number;
  orgId: string;
  campaignIds: string[];
}

export type ThreadReply = { id: number; responses: SerializedResponse[] } | { id: number; error: string };

/** Each thread's own pool: two organisations at a time (one computes while the other reads), each with two reads side by side. */
const THREAD_POOL_SIZE = 3;

/**
 * The thread's entry: the compiled module when running compiled, else the TypeScript source
 * behind the same loader as the main thread (a thread does not inherit mocha's `-r` hooks).
 */
function threadScript(): { script: string; eval: boolean } {
  const entry = path.join(__dirname, `stats-refresh.thread${path.extname(__filename)}`);
  if (path.extname(__filename) !== '.ts') return { script: entry, eval: false };
  const loader = path.join(__dirname, '..', '..', 'register.js');
  return { script: `require(${JSON.stringify(loader)}); require(${JSON.stringify(entry)});`, eval: true };
}

/**
 * Worker threads that compute and serialize the cache sync's responses (docs/aggregation.md,
 * "Cache sync"). Building an organisation's eleven responses — a year-long rolling series
 * each, about 1.7 MB of JSON — is JavaScript work on one core; the threads spread it over the
 * machine's cores, while the main thread only writes what they return. Each thread has its own
 * small pool on the sync's database, with the sync pool's timeouts.
 */
export class StatsRefreshThreads {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (responses: SerializedResponse[]) => void; reject: (error: Error) => void }>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      // The threads never hold the process open (a shutdown mid-sync): the run's own awaits do.
      worker.unref();
      worker.on('message', (reply: ThreadReply) => this.settle(reply));
      // A thread that dies (or is closed while a failed run's other lanes still wait) fails what
      // waits on it: the sync run then fails, and the next retries.
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => this.failAll(new Error(`stats refresh thread exited with code ${code}`)));
    }
  }

  /** `count` threads on `dataSource`'s database, each ready (connected) when this resolves. */
  static async start(dataSource: DataSource, count: number): Promise<StatsRefreshThreads> {
    const options = dataSource.options as { url?: string; extra?: Record<string, unknown> };
    if (!options.url) throw new Error('stats refresh threads need a data source with a url');
    const data: ThreadData = { url: options.url, poolSize: THREAD_POOL_SIZE, extra: { ...options.extra } };
    const { script, eval: isCode } = threadScript();
    const workers = Array.from({ length: count }, () => new Worker(script, { eval: isCode, workerData: data }));
    try {
      await Promise.all(workers.map((worker) => ready(worker)));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new StatsRefreshThreads(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** The organisation's responses, computed by thread `thread` (one request at a time per thread). */
  compute(thread: number, orgId: string, campaignIds: string[]): Promise<SerializedResponse[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[thread].postMessage({ id, orgId, campaignIds } satisfies ThreadRequest);
    });
  }

  /** Closes every thread's pool, then the threads. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5_000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.postMessage('close');
          }),
      ),
    );
  }

  private settle(reply: ThreadReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.responses);
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** Resolves on the thread's 'ready', rejects if it fails to start (connect) or exits first. */
function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (message === 'ready') resolve();
      else if (typeof message === 'object' && message !== null && 'startFailed' in message) reject(new Error(`stats refresh thread failed to start: ${String(message.startFailed)}`));
      else return;
      worker.off('message', onMessage);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`stats refresh thread exited with code ${code} before it was ready`)));
  });
}
