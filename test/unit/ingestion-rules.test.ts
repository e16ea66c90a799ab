import assert from 'node:assert/strict';
import { assignsToHoldout, decimalPlaces, identifierProblem, moneyProblem, moneyText } from '../../src/campaigns/ingestion.rules';

describe('ingestion rules', () => {
  it('counts decimal places of doubles as written', () => {
    const table: Array<[number, number]> = [[0, 0], [1, 0], [19.99, 2], [0.1, 1], [0.12345, 5], [1e-7, 7], [1.5e-5, 6], [123456789.12, 2], [1e21, 0]];
    for (const [value, places] of table) assert.equal(decimalPlaces(value), places, String(value));
  });

  it('validates money', () => {
    const table: Array<[number, number, string | null]> = [
      [0, 2, null],
      [19.99, 2, null],
      [0.1 + 0.2, 2, 'must have at most 2 decimal places'],
      [1.001, 2, 'must have at most 2 decimal places'],
      [0.1234, 4, null],
      [-0.01, 2, 'must not be negative'],
      [Number.NaN, 2, 'must be a finite number'],
      [Number.POSITIVE_INFINITY, 2, 'must be a finite number'],
      [1e12, 2, 'must be less than 1,000,000,000,000'],
      [999_999_999_999.99, 2, null],
      // numeric(14, 4) holds ten digits before the point.
      [1e10, 4, 'must be less than 10,000,000,000'],
      [9_999_999_999.9999, 4, null],
    ];
    for (const [value, places, problem] of table) assert.equal(moneyProblem(value, places), problem, String(value));
  });

  it('writes money as exact decimal text', () => {
    assert.equal(moneyText(19.99), '19.99');
    assert.equal(moneyText(1e-4), '0.0001');
    assert.equal(moneyText(250), '250');
  });

  it('validates identifiers', () => {
    assert.equal(identifierProblem('abc'), null);
    assert.equal(identifierProblem('  '), 'must not be empty');
    assert.equal(identifierProblem('x'.repeat(201)), 'must be at most 200 characters');
  });

  it('assigns holdouts deterministically, near the planned share, independently per campaign', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `cust-${i}`);
    const a = ids.filter((id) => assignsToHoldout('campaign-a', id, 20));
    const b = ids.filter((id) => assignsToHoldout('campaign-b', id, 20));
    assert.deepEqual(ids.filter((id) => assignsToHoldout('campaign-a', id, 20)), a, 'deterministic');
    for (const held of [a, b]) assert.ok(Math.abs(held.length / ids.length - 0.2) < 0.015, `share ${held.length / ids.length}`);
    const overlap = a.filter((id) => b.includes(id)).length;
    assert.ok(Math.abs(overlap / ids.length - 0.04) < 0.01, `independent splits overlap about 4%, got ${overlap / ids.length}`);
    assert.equal(ids.filter((id) => assignsToHoldout('campaign-a', id, 0.0001)).length <= 3, true);
  });
});
