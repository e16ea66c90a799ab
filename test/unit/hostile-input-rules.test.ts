import assert from 'node:assert/strict';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { expensiveFieldCount, isExpensiveField } from '../../src/graphql/expensive-fields';
import { nulCharacterProblems, nulPathsInJson } from '../../src/graphql/nul-characters';
import { queryShapeProblem } from '../../src/graphql/query-shape';

const operationOf = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { document, operation };
};

describe('hostile input rules', () => {
  describe('queryShapeProblem', () => {
    const limits = { maxTokens: 100, maxNesting: 4 };
    const cases: Array<[string, string, string | null]> = [
      ['an ordinary query', '{ a { b { c } } }', null],
      ['nesting at the limit', '{ a { b { c(x: 1) } } }', null],
      ['selection sets past the limit', '{ a { b { c { d { e } } } } }', 'the query nests brackets more than 4 levels deep'],
      ['lists past the limit', '{ a(x: [[[[1]]]]) }', 'the query nests brackets more than 4 levels deep'],
      ['brackets inside strings do not count', '{ a(x: "{{{{{{[[[[") }', null],
      ['brackets inside block strings and comments do not count', '{ a(x: """{{{{{{""") # {{{{{{\n }', null],
      ['too many tokens', `{ ${'a '.repeat(100)}}`, 'the query has more than 100 tokens'],
      ['a syntax error is left to the parser', '{ a(x: "unterminated', null],
    ];
    for (const [name, query, expected] of cases) it(name, () => assert.equal(queryShapeProblem(query, limits), expected));

    it('reads 4,900 levels without overflowing the stack', () => {
      const query = `{${'a{'.repeat(4900)}b${'}'.repeat(4900)}}`;
      assert.throws(() => parse(query), RangeError);
      assert.match(queryShapeProblem(query, { maxTokens: 100_000, maxNesting: 64 }) ?? '', /64 levels deep/);
    });
  });

  describe('NUL characters', () => {
    it('finds the paths of strings holding NUL in variables, nested and iteratively', () => {
      assert.deepEqual(nulPathsInJson({ a: 'ok', b: ['x', 'y\u0000'], c: { d: '\u0000' } }, 'v'), ['v.b[1]', 'v.c.d']);
      let deep: unknown = 'bad\u0000';
      for (let i = 0; i < 100_000; i += 1) deep = [deep];
      assert.equal(nulPathsInJson(deep, 'v').length, 1);
    });

    it('names literal arguments and variables alike', () => {
      const { operation } = operationOf('mutation ($r: [RecipientInput!]!) { importRecipients(campaignId: "c\\u0000", recipients: $r) { created } }');
      const problems = nulCharacterProblems(operation, { r: [{ externalId: 'ok' }, { externalId: 'x\u0000' }] });
      assert.deepEqual(problems.map((p) => p.field), ['campaignId', 'r[1].externalId']);
      assert.deepEqual(nulCharacterProblems(operation, { r: [{ externalId: 'ok' }] }).map((p) => p.field), ['campaignId']);
    });
  });

  describe('expensive fields', () => {
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['orgStats', {}, false],
      ['orgStats', { source: 'AGGREGATES', fresh: false }, false],
      ['orgStats', { source: 'RAW' }, true],
      ['campaignStats', { fresh: true }, true],
      ['campaignStats', { fromDate: '2024-01-01' }, true],
      ['orgStats', { toDate: null }, false],
      ['rollingStats', {}, true],
      ['campaigns', { source: 'RAW' }, false],
    ];
    for (const [field, args, expected] of cases) it(`${field}(${JSON.stringify(args)}) is ${expected ? '' : 'not '}expensive`, () => assert.equal(isExpensiveField(field, args), expected));

    it('counts root fields through aliases, fragments and variables', () => {
      const { document, operation } = operationOf(`
        query ($s: StatsSource, $f: Boolean) {
          a: orgStats(source: $s) { lastRefreshed }
          b: orgStats { lastRefreshed }
          ... on Query { c: campaignStats(campaignId: "x", fresh: $f) { lastRefreshed } }
          ...More
        }
        fragment More on Query { d: rollingStats { date } e: campaigns { id } }`);
      assert.equal(expensiveFieldCount(document, operation, { s: 'RAW', f: true }), 3);
      assert.equal(expensiveFieldCount(document, operation, { s: 'AGGREGATES', f: false }), 1);
    });
  });
});
