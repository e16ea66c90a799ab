import assert from 'node:assert/strict';
import { appErrorOfDatabaseError, retryDelayMs } from '../../src/db/database-errors';
import { inLockOrder } from '../../src/campaigns/ingestion.rules';

const withCode = (code: string, message = 'from the driver') => Object.assign(new Error(message), { code });

describe('database errors', () => {
  const cases: Array<[string, unknown, string | null]> = [
    ['deadlock detected (40P01)', withCode('40P01'), 'CONFLICT'],
    ['serialization failure (40001)', withCode('40001'), 'CONFLICT'],
    ['TypeORM QueryFailedError around a deadlock', Object.assign(new Error('wrapped'), { driverError: withCode('40P01') }), 'CONFLICT'],
    ['statement timeout (57014)', withCode('57014', 'canceling statement due to statement timeout'), 'SERVICE_UNAVAILABLE'],
    ['admin shutdown (57P01)', withCode('57P01'), 'SERVICE_UNAVAILABLE'],
    ['cannot connect now (57P03)', withCode('57P03'), 'SERVICE_UNAVAILABLE'],
    ['connection failure (08006)', withCode('08006'), 'SERVICE_UNAVAILABLE'],
    ['idle in transaction timeout (25P03)', withCode('25P03'), 'SERVICE_UNAVAILABLE'],
    ['refused connection', withCode('ECONNREFUSED'), 'SERVICE_UNAVAILABLE'],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), 'SERVICE_UNAVAILABLE'],
    ['client-side read timeout of a stalled server', new Error('Query read timeout'), 'SERVICE_UNAVAILABLE'],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly'), 'SERVICE_UNAVAILABLE'],
    ['unique violation (23505) is a bug, not a fault', withCode('23505'), null],
    ['syntax error (42601)', withCode('42601'), null],
    ['a plain error', new Error('boom'), null],
    ['not an error', 'text', null],
  ];
  for (const [name, error, code] of cases) {
    it(`${name} → ${code ?? 'internal'}`, () => assert.equal(appErrorOfDatabaseError(error)?.code ?? null, code));
  }

  it('retryDelayMs: full jitter below an exponential, capped ceiling', () => {
    const table: Array<[number, number, number]> = [
      [1, 0, 0],
      [1, 0.999, 19],
      [2, 0.5, 20],
      [3, 1, 80],
      [6, 0.5, 320],
      [10, 0.999, 999],
    ];
    for (const [attempt, random, expected] of table) assert.equal(retryDelayMs(attempt, random), expected, `attempt ${attempt}, random ${random}`);
  });

  it('inLockOrder sorts by the key columns without touching its input', () => {
    const rows = [{ c: 'b', o: '1' }, { c: 'a', o: '2' }, { c: 'a', o: '10' }, { c: 'b', o: '0' }];
    assert.deepEqual(inLockOrder(rows, (r) => [r.c, r.o]), [{ c: 'a', o: '10' }, { c: 'a', o: '2' }, { c: 'b', o: '0' }, { c: 'b', o: '1' }]);
    assert.deepEqual(rows[0], { c: 'b', o: '1' });
  });
});
