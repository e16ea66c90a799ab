import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { makeDataSource } from '../../src/db/data-source';
import { MAX_TRANSACTION_ATTEMPTS, withTransaction } from '../../src/db/db';
import { AppError } from '../../src/errors';
import { createTestDatabase } from '../helpers/environment';

describe('withTransaction retries', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  before(async () => {
    database = await createTestDatabase();
    dataSource = await makeDataSource(database.url, 4).initialize();
    await dataSource.query('CREATE TABLE retry_probe (id int PRIMARY KEY, value int NOT NULL)');
    await dataSource.query('INSERT INTO retry_probe VALUES (1, 0), (2, 0)');
  });
  after(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('a real deadlock between two transactions: the victim is run again and both commit', async () => {
    // Each transaction locks one row, waits for the other to lock its own, then wants the other's.
    let arrived = 0;
    const bothLocked = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (arrived >= 2) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const attempts = [0, 0];
    const crossing = (first: number, second: number, slot: number) =>
      withTransaction(dataSource, async (db) => {
        attempts[slot] += 1;
        await db.exec('UPDATE retry_probe SET value = value + 1 WHERE id = $1', [first]);
        if (attempts[slot] === 1) {
          arrived += 1;
          await bothLocked;
        }
        await db.exec('UPDATE retry_probe SET value = value + 1 WHERE id = $1', [second]);
      });
    await Promise.all([crossing(1, 2, 0), crossing(2, 1, 1)]);
    assert.equal(attempts[0] + attempts[1], 3, 'exactly one of them was the deadlock victim and ran twice');
    const rows = await dataSource.query('SELECT id, value FROM retry_probe ORDER BY id');
    assert.deepEqual(rows, [{ id: 1, value: 2 }, { id: 2, value: 2 }], "the victim's first try was rolled back");
  });

  it('a conflict that never clears becomes a retryable CONFLICT after a bounded number of runs', async () => {
    let runs = 0;
    const attempt = withTransaction(dataSource, async () => {
      runs += 1;
      throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
    });
    await assert.rejects(attempt, (error: unknown) => error instanceof AppError && error.code === 'CONFLICT');
    assert.equal(runs, MAX_TRANSACTION_ATTEMPTS);
  });

  it('any other error is not retried', async () => {
    let runs = 0;
    await assert.rejects(
      withTransaction(dataSource, async () => {
        runs += 1;
        throw new Error('a bug');
      }),
      /a bug/,
    );
    assert.equal(runs, 1);
  });
});
