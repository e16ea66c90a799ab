import { badUserInput } from '../../errors';
import { holdoutPlan, holdoutPlanProblems, type HoldoutPlan, type HoldoutPlanInput } from './experiment.statistics';

/** Power when the caller gives none (spec §5). */
export const DEFAULT_POWER = 0.8;

/** How each surface spells the arguments in its error messages. */
export type HoldoutPlanArgumentNames = Record<keyof HoldoutPlanInput, string>;

export const GRAPHQL_ARGUMENT_NAMES: HoldoutPlanArgumentNames = {
  recipients: 'recipients',
  baselineConversionRate: 'baselineConversionRate',
  minimumDetectableUplift: 'minimumDetectableUplift',
  power: 'power',
};

export const SNAKE_CASE_ARGUMENT_NAMES: HoldoutPlanArgumentNames = {
  recipients: 'recipients',
  baselineConversionRate: 'baseline_conversion_rate',
  minimumDetectableUplift: 'minimum_detectable_uplift',
  power: 'power',
};

/**
 * `holdoutPlan` for GraphQL, REST and MCP alike: the spec's plan, or BAD_USER_INPUT naming every
 * bad argument the way the caller spelled it.
 */
export function planHoldout(input: HoldoutPlanInput, names: HoldoutPlanArgumentNames): HoldoutPlan {
  const problems = holdoutPlanProblems(input);
  if (problems.length > 0) throw badUserInput(problems.map(([argument, message]) => ({ field: names[argument], message })));
  return holdoutPlan(input);
}
