import assert from 'node:assert/strict';
import { addDays, isKnownTimeZone, isLocalDate, localDateOf } from '../../src/dates';

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    for (const ok of ['2024-02-29', '2023-12-31', '1999-01-01']) assert.equal(isLocalDate(ok), true, ok);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00:00Z', '', '0000-01-01']) assert.equal(isLocalDate(bad), false, bad);
  });

  it('finds the local day of an instant, across DST changes', () => {
    assert.equal(localDateOf(new Date('2024-03-10T04:30:00Z'), 'America/New_York'), '2024-03-09');
    assert.equal(localDateOf(new Date('2024-03-10T07:30:00Z'), 'America/New_York'), '2024-03-10');
    assert.equal(localDateOf(new Date('2024-03-31T22:30:00Z'), 'Europe/Berlin'), '2024-04-01');
    assert.equal(localDateOf(new Date('2024-06-30T23:30:00Z'), 'UTC'), '2024-06-30');
  });

  it('steps one day at a time like the calendar, across months, leap days and years', () => {
    const reference = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    for (let day = '2023-12-01'; day < '2025-01-10'; day = addDays(day, 1)) {
      assert.equal(addDays(day, 1), reference(day, 1));
      assert.equal(addDays(day, -30), reference(day, -30));
    }
    assert.equal(addDays('2024-01-09', 1), '2024-01-10');
    assert.equal(addDays('2024-01-27', 1), '2024-01-28');
  });

  it('adds calendar days and knows IANA zones', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(isKnownTimeZone('Asia/Kolkata'), true);
    assert.equal(isKnownTimeZone('Mars/Olympus'), false);
  });
});
