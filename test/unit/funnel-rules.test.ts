import assert from 'node:assert/strict';
import { emailProblem, futureInstantProblem, normalizeEmail, optionalTextProblem, TRIMMED_WHITESPACE } from '../../src/funnels/funnel.rules';

describe('funnel rules', () => {
  it('normalises e-mails by trimming and lower-casing', () => {
    assert.equal(normalizeEmail('  Anna.Adams@Example.COM \t'), 'anna.adams@example.com');
    assert.equal(normalizeEmail('\u00a0bob@example.org\ufeff'), 'bob@example.org');
  });

  it('validates normalised e-mails', () => {
    const table: Array<[string, string | null]> = [
      ['anna@example.com', null],
      ['anna.adams+funnel@mail.example.co.uk', null],
      ["o'brien@example.ie", null],
      ['x@y.io', null],
      ['', 'must not be empty'],
      ['anna', '"anna" is not a valid e-mail address'],
      ['anna@localhost', '"anna@localhost" is not a valid e-mail address'],
      ['anna@@example.com', '"anna@@example.com" is not a valid e-mail address'],
      ['an na@example.com', '"an na@example.com" is not a valid e-mail address'],
      ['anna@-example.com', '"anna@-example.com" is not a valid e-mail address'],
      ['anna@example..com', '"anna@example..com" is not a valid e-mail address'],
      [`${'a'.repeat(65)}@example.com`, `"${'a'.repeat(65)}@example.com" is not a valid e-mail address`],
      [`a@${'b'.repeat(250)}.com`, 'must be at most 254 characters'],
    ];
    for (const [email, problem] of table) assert.equal(emailProblem(email), problem, email);
  });

  it('validates optional texts (user id, source)', () => {
    assert.equal(optionalTextProblem(null), null);
    assert.equal(optionalTextProblem('email_language_v1'), null);
    assert.equal(optionalTextProblem(' '), 'must not be empty (leave it out for none)');
    assert.equal(optionalTextProblem('x'.repeat(201)), 'must be at most 200 characters');
  });

  it('rejects instants more than 24 hours ahead', () => {
    const now = Date.parse('2024-06-01T12:00:00Z');
    assert.equal(futureInstantProblem(new Date('2024-06-02T12:00:00Z'), now), null);
    assert.equal(futureInstantProblem(new Date('2024-06-02T12:00:00.001Z'), now), 'must not be more than 24 hours in the future');
    assert.equal(futureInstantProblem(new Date('2001-01-01T00:00:00Z'), now), null);
  });

  it('spells out exactly the whitespace String.prototype.trim removes', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const c = String.fromCharCode(code);
      const trimmed = `${c}a${c}`.trim() === 'a';
      assert.equal(TRIMMED_WHITESPACE.includes(c), trimmed, `U+${code.toString(16).padStart(4, '0')}`);
    }
  });
});
