import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { isLocalDate } from '../dates';

/**
 * `Date`: a calendar date, YYYY-MM-DD, kept as a string end to end (a JS Date would attach a
 * timezone to it). graphql-scalars' Date resolver parses into a JS Date, hence our own.
 */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or zone, written YYYY-MM-DD (e.g. 2024-03-31).',
  specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339#section-5.6',
  serialize(value) {
    if (typeof value === 'string' && isLocalDate(value)) return value;
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string' && isLocalDate(value)) return value;
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isLocalDate(ast.value)) return ast.value;
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD', { nodes: ast });
  },
});

export const DateTimeScalar = DateTimeResolver;
export const JSONObjectScalar = JSONObjectResolver;
