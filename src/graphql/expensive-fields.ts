import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, valueFromASTUntyped, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The cost limit counts fields, and all fields cost alike; these root fields bypass the cache
 * and compute from the database (raw attributions, a date range, a whole rolling series), each
 * costing as much as thousands of ordinary fields. An operation may hold at most this many; the
 * cheap fields keep the spec's guarantee (depth ≤ 8 with ≤ 30 aliases always accepted).
 */
export const MAX_EXPENSIVE_FIELDS_PER_OPERATION = 10;

/** Whether one root field computes from the database (see MAX_EXPENSIVE_FIELDS_PER_OPERATION). */
export function isExpensiveField(fieldName: string, args: Record<string, unknown>): boolean {
  if (fieldName === 'rollingStats') return true;
  if (fieldName !== 'orgStats' && fieldName !== 'campaignStats') return false;
  const present = (name: string) => args[name] !== undefined && args[name] !== null;
  return args.source === 'RAW' || args.fresh === true || present('fromDate') || present('toDate');
}

/** The root fields of the operation (through fragments), with their argument values. */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document, seen);
    const name = selection.name.value;
    if (seen.has(name)) return [];
    seen.add(name);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
    return fragment && fragment.kind === Kind.FRAGMENT_DEFINITION ? rootFields(fragment.selectionSet, document, seen) : [];
  });
}

/** How many expensive fields the operation asks for, variables applied. */
export function expensiveFieldCount(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  if (operation.operation !== 'query') return 0;
  return rootFields(operation.selectionSet, document).filter((field) => {
    const args = Object.fromEntries((field.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, variables)]));
    return isExpensiveField(field.name.value, args);
  }).length;
}

/** Refuses, before any resolver runs, an operation over MAX_EXPENSIVE_FIELDS_PER_OPERATION. */
export function expensiveFieldsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const count = expensiveFieldCount(document, operation, request.variables ?? {});
          if (count <= MAX_EXPENSIVE_FIELDS_PER_OPERATION) return;
          throw new GraphQLError(
            `Query is too expensive: ${count} fields computed from the database (source: RAW, fresh: true, a date range, rollingStats); at most ${MAX_EXPENSIVE_FIELDS_PER_OPERATION} per operation`,
            { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
