import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/**
 * graphql-js parses recursively: a query nested a few thousand levels deep overflows the stack
 * (RangeError) before any limit sees it. This check reads the tokens with the lexer, which is
 * iterative, before the query is parsed. Legitimate operations nest far less (depth ≤ 8 fields
 * plus a few levels of input objects and lists; the introspection query reaches about 14).
 */
export const MAX_QUERY_NESTING = 64;

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/**
 * Why the query text may not be parsed (too many tokens, nested too deeply), or null. A syntax
 * error is left to the parser, which reports it properly.
 */
export function queryShapeProblem(query: string, limits: { maxTokens: number; maxNesting: number }): string | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > limits.maxTokens) return `the query has more than ${limits.maxTokens} tokens`;
      if (OPENING.has(token.kind)) nesting += 1;
      if (CLOSING.has(token.kind)) nesting -= 1;
      if (nesting > limits.maxNesting) return `the query nests brackets more than ${limits.maxNesting} levels deep`;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return null;
}
