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

  it('adds calendar days and knows IANA zones', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(isKnownTimeZone('Asia/Kolkata'), true);
    assert.equal(isKnownTimeZone('Mars/Olympus'), false);
  });
});
