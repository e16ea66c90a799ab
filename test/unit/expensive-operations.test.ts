import assert from 'node:assert/strict';
import { RateLimitedError } from '../../src/errors';
import { ExpensiveOperationGate } from '../../src/reporting/expensive-operations';

/** A computation that finishes when told to. */
function pending(): { promise: Promise<string>; finish: (value: string) => void } {
  let finish!: (value: string) => void;
  const promise = new Promise<string>((resolve) => (finish = resolve));
  return { promise, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ExpensiveOperationGate', () => {
  it('runs at most maxPerOrg at once per organisation, the rest in arrival order', async () => {
    const gate = new ExpensiveOperationGate({ maxPerOrg: 2, queueMs: 10_000 });
    const work = [pending(), pending(), pending()];
    const started: number[] = [];
    const runs = work.map((w, i) => gate.run('org-a', () => (started.push(i), w.promise)));
    await tick();
    assert.deepEqual(started, [0, 1]);
    assert.equal(gate.active('org-a'), 2);
    const other = await gate.run('org-b', async () => 'b');
    assert.equal(other, 'b', 'another organisation does not wait');
    work[1].finish('one');
    await tick();
    assert.deepEqual(started, [0, 1, 2]);
    work[0].finish('zero');
    work[2].finish('two');
    assert.deepEqual(await Promise.all(runs), ['zero', 'one', 'two']);
    assert.equal(gate.active('org-a'), 0);
  });

  it('answers RATE_LIMITED with a retry time after waiting queueMs, and recovers', async () => {
    const gate = new ExpensiveOperationGate({ maxPerOrg: 1, queueMs: 20 });
    const first = pending();
    const running = gate.run('org', () => first.promise);
    await assert.rejects(
      gate.run('org', async () => 'never'),
      (error: unknown) => error instanceof RateLimitedError && error.code === 'RATE_LIMITED' && error.retryAfterSeconds === 1,
    );
    first.finish('done');
    assert.equal(await running, 'done');
    assert.equal(await gate.run('org', async () => 'again'), 'again');
  });

  it('frees the slot when a computation fails', async () => {
    const gate = new ExpensiveOperationGate({ maxPerOrg: 1, queueMs: 1000 });
    await assert.rejects(gate.run('org', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(gate.active('org'), 0);
    assert.equal(await gate.run('org', async () => 'ok'), 'ok');
  });
});
