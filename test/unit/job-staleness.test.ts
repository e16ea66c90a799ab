import assert from 'node:assert/strict';
import { intervalMs, isStale } from '../../src/jobs/job-staleness';

describe('job staleness', () => {
  const cases: Array<[string, number | null]> = [
    ['1 minute', 60_000],
    ['450 seconds', 450_000],
    ['15 minutes', 900_000],
    ['2 hours', 7_200_000],
    ['1 day', 86_400_000],
    ['every minute', null],
    ['*/5 * * * *', null],
  ];
  for (const [text, expected] of cases) {
    it(`intervalMs(${JSON.stringify(text)}) = ${expected}`, () => assert.equal(intervalMs(text), expected));
  }

  const now = new Date('2026-01-01T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const table: Array<[string, { interval: string; lastFinishedAt: Date | null; scheduledAt: Date | null }, boolean]> = [
    ['finished one interval ago', { interval: '1 minute', lastFinishedAt: ago(60_000), scheduledAt: ago(3_600_000) }, false],
    ['finished exactly two intervals ago', { interval: '1 minute', lastFinishedAt: ago(120_000), scheduledAt: null }, false],
    ['finished just over two intervals ago', { interval: '1 minute', lastFinishedAt: ago(120_001), scheduledAt: null }, true],
    ['never finished, scheduled a minute ago', { interval: '1 minute', lastFinishedAt: null, scheduledAt: ago(60_000) }, false],
    ['never finished, scheduled three minutes ago', { interval: '1 minute', lastFinishedAt: null, scheduledAt: ago(180_000) }, true],
    ['a day-long interval, finished yesterday', { interval: '1 day', lastFinishedAt: ago(86_400_000), scheduledAt: null }, false],
    ['unknown schedule', { interval: '1 minute', lastFinishedAt: null, scheduledAt: null }, false],
  ];
  for (const [name, job, expected] of table) {
    it(`${name}: ${expected ? 'stale' : 'not stale'}`, () => assert.equal(isStale(job, now), expected));
  }
});
