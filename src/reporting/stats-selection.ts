import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { EVERY_PART, type StatsPart } from './stats.service';

/**
 * Which parts of a StatsResponse each of its fields needs (null: none, computed with any part).
 * A field missing here (one added later) asks for the whole response, so it is never served
 * from a part that lacks what it reads.
 */
const PART_OF_FIELD: Record<string, StatsPart | null> = {
  stats: 'summary',
  statsText: 'text',
  experimentResults: 'summary',
  experimentResult: 'summary',
  conversionRateIntervals: 'summary',
  isExperiment: 'summary',
  effectiveRoas: 'summary',
  effectiveCac: 'summary',
  isLowPerforming: 'summary',
  isHighPerforming: 'summary',
  computedMetrics: 'summary',
  lastRollingMonthStats: 'latest',
  lastDelta7Stats: 'latest',
  firstSendDate: 'latest',
  rollingMonthlyStats: 'rolling',
  lastRefreshed: null,
  __typename: null,
};

/** The field names selected on the response, through fragments (directives ignored: a superset). */
function selectedFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, names: Set<string>, seen: Set<string>): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) selectedFields(selection.selectionSet, info, names, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      selectedFields(info.fragments[selection.name.value]?.selectionSet, info, names, seen);
    }
  }
}

/**
 * Per field node list: a list's items share their field's nodes (graphql-js collects a
 * selection once per list), so 1,000 campaigns' `stats` walk their selection once.
 */
const partsOfNodes = new WeakMap<readonly FieldNode[], ReadonlySet<StatsPart>>();

/** The parts of a StatsResponse the resolved field's selection needs. */
export function selectedParts(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): ReadonlySet<StatsPart> {
  const known = partsOfNodes.get(info.fieldNodes);
  if (known) return known;
  const parts = partsOfSelection(info);
  partsOfNodes.set(info.fieldNodes, parts);
  return parts;
}

function partsOfSelection(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): ReadonlySet<StatsPart> {
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const node of info.fieldNodes as readonly FieldNode[]) selectedFields(node.selectionSet, info as GraphQLResolveInfo, names, seen);
  const parts = new Set<StatsPart>();
  for (const name of names) {
    if (!Object.hasOwn(PART_OF_FIELD, name)) return EVERY_PART;
    const part = PART_OF_FIELD[name];
    if (part) parts.add(part);
  }
  return parts;
}
