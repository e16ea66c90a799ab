import { RateLimitedError } from '../errors';

/**
 * At most `maxPerOrg` expensive computations (stats from the raw path, `fresh: true`, a date
 * range, a rolling series: everything not served from the cache) run at once per organisation
 * in this process; more wait in line for up to `queueMs`, then fail with RATE_LIMITED. So one
 * tenant's flood holds a bounded share of the database pool and the others' queries go by.
 */
export class ExpensiveOperationGate {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly options: { maxPerOrg: number; queueMs: number }) {}

  /** No limit: for single-user processes (the stdio MCP server, CLIs). */
  static unlimited(): ExpensiveOperationGate {
    return new ExpensiveOperationGate({ maxPerOrg: Number.POSITIVE_INFINITY, queueMs: 0 });
  }

  async run<T>(orgId: string, operation: () => Promise<T>): Promise<T> {
    await this.acquire(orgId);
    try {
      return await operation();
    } finally {
      this.release(orgId);
    }
  }

  /** Computations of `orgId` running now (for tests and metrics). */
  active(orgId: string): number {
    return this.running.get(orgId) ?? 0;
  }

  private acquire(orgId: string): Promise<void> {
    const running = this.running.get(orgId) ?? 0;
    if (running < this.options.maxPerOrg) {
      this.running.set(orgId, running + 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(orgId) ?? [];
      this.waiting.set(orgId, queue);
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(turn), 1);
        if (queue.length === 0) this.waiting.delete(orgId);
        const retryAfter = Math.max(1, Math.ceil(this.options.queueMs / 1000));
        reject(new RateLimitedError(`Too many expensive stats computations of this organisation at once (at most ${this.options.maxPerOrg}): retry in ${retryAfter} s`, retryAfter));
      }, this.options.queueMs);
      queue.push(turn);
    });
  }

  /** Hands the slot to the next in line, or frees it. */
  private release(orgId: string): void {
    const queue = this.waiting.get(orgId);
    const next = queue?.shift();
    if (next) {
      if (queue!.length === 0) this.waiting.delete(orgId);
      next();
      return;
    }
    const running = (this.running.get(orgId) ?? 1) - 1;
    if (running === 0) this.running.delete(orgId);
    else this.running.set(orgId, running);
  }
}
