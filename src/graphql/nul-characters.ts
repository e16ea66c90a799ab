import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode, type ValueNode, visit } from 'graphql';
import type { FieldProblem } from '../errors';

const NUL = '\u0000';
const MESSAGE = 'must not contain NUL characters (U+0000)';

/** Where a value sits: `recipients[3].externalId`. */
const childPath = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`);

/**
 * The paths of strings holding a NUL in a JSON value (the request's variables). Iterative, so
 * a hostile nesting depth cannot overflow the stack.
 */
export function nulPathsInJson(root: unknown, rootPath: string): string[] {
  const found: string[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: rootPath }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) found.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: childPath(path, i) }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: childPath(path, key) });
    }
  }
  return found.sort();
}

/** The same for string literals written in the operation's arguments. */
function nulPathsInLiteral(node: ValueNode, path: string, found: string[]): void {
  if (node.kind === Kind.STRING && node.value.includes(NUL)) found.push(path);
  if (node.kind === Kind.LIST) node.values.forEach((item, i) => nulPathsInLiteral(item, childPath(path, i), found));
  if (node.kind === Kind.OBJECT) for (const field of node.fields) nulPathsInLiteral(field.value, childPath(path, field.name.value), found);
}

/** Every argument string of the operation (literal or variable) that holds a NUL. */
export function nulCharacterProblems(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): FieldProblem[] {
  const paths: string[] = [];
  visit(operation, {
    Argument(node) {
      nulPathsInLiteral(node.value, node.name.value, paths);
    },
  });
  paths.push(...nulPathsInJson(variables ?? {}, '').map((path) => path.slice(1)));
  return paths.map((field) => ({ field, message: MESSAGE }));
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL in any string argument would surface as an
 * internal error deep in a statement. One check for every operation, before any resolver runs.
 */
export function rejectNulCharactersPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) return;
          const problems = nulCharacterProblems(operation, request.variables);
          if (problems.length === 0) return;
          const [first] = problems;
          throw new GraphQLError(`${first.field}: ${first.message}`, {
            extensions: { code: 'BAD_USER_INPUT', field: first.field, problems: problems.slice(0, 50), http: { status: 400 } },
          });
        },
      };
    },
  };
}
