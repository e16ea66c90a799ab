import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Query limits (spec §11: depth ≤ 8 with ≤ 30 aliases is always accepted, and only beyond
 * that rejected). graphql-armor counts depth as levels of nested fields, leaf included.
 */
export const QUERY_LIMITS = { maxDepth: 8, maxAliases: 30, maxCost: 50_000, maxTokens: 10_000, maxDirectives: 50 } as const;

/**
 * Depth allowed under `__schema`. The standard introspection query (graphql's
 * `getIntrospectionQuery()`, which GraphiQL, Apollo Sandbox and graphql-codegen send in some
 * variant) is 15 levels deep; a little headroom covers tools that unroll `ofType` further,
 * while a crafted query nested 50 levels deep is still refused.
 */
export const INTROSPECTION_MAX_DEPTH = 20;

/** Depth of a selection set in fields, fragments flattened, each fragment followed once per path. */
function selectionDepth(context: ValidationContext, selectionSet: SelectionSetNode, fragmentsOnPath: ReadonlySet<string>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + (selection.selectionSet ? selectionDepth(context, selection.selectionSet, fragmentsOnPath) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(context, selection.selectionSet, fragmentsOnPath));
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A fragment cycle is reported by graphql's own NoFragmentCyclesRule; do not loop on it.
      if (fragment && !fragmentsOnPath.has(name)) {
        deepest = Math.max(deepest, selectionDepth(context, fragment.selectionSet, new Set([...fragmentsOnPath, name])));
      }
    }
  }
  return deepest;
}

/**
 * graphql-armor's depth limit is told to skip `__schema` (so the standard introspection
 * query is not refused at depth 8); this rule limits that subtree on its own instead.
 */
export function introspectionDepthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      if (node.name.value !== '__schema' || !node.selectionSet) return;
      const depth = 1 + selectionDepth(context, node.selectionSet, new Set());
      if (depth > maxDepth) {
        context.reportError(new GraphQLError(`Introspection depth limit of ${maxDepth} exceeded, found ${depth}.`, { nodes: [node] }));
      }
    },
  });
}

/**
 * The protections of the GraphQL endpoint. The token limit is graphql's own parser option
 * (`parseOptions.maxTokens`), not graphql-armor's: armor checks tokens in a plugin hook, so a
 * syntax error or a too-long document reached clients as HTTP 500; the parser's limit is an
 * ordinary syntax error (HTTP 400).
 */
export function makeQueryProtection(options: { blockFieldSuggestions: boolean }) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    maxTokens: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions },
  });
  const protection = armor.protect();
  return {
    plugins: protection.plugins,
    validationRules: [...protection.validationRules, introspectionDepthRule(INTROSPECTION_MAX_DEPTH)],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
  };
}
