import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { requireOrganization } from '../../organizations/auth';
import { DEFAULT_POWER, GRAPHQL_ARGUMENT_NAMES, planHoldout } from './holdout-plan';
import { HoldoutPlanObject } from './holdout-plan.types';

@Resolver()
export class HoldoutPlanResolver {
  @Query(() => HoldoutPlanObject, {
    description: 'Plans a holdout before a mailing: how many of the recipients to hold out so that an uplift of the size asked for is detected (spec §5). Bad arguments are BAD_USER_INPUT naming the argument.',
  })
  holdoutPlan(
    @Arg('recipients', () => Int, { description: 'All recipients of the planned mailing, mailed and held out together (at least 2).' }) recipients: number,
    @Arg('baselineConversionRate', () => Float, { description: 'The conversion rate expected without the mailing, a fraction strictly between 0 and 1 (0.02 = 2%).' }) baselineConversionRate: number,
    @Arg('minimumDetectableUplift', () => Float, { description: 'The smallest relative uplift worth detecting, a fraction greater than 0 (0.2 = a 20% higher conversion rate).' }) minimumDetectableUplift: number,
    @Arg('power', () => Float, { nullable: true, defaultValue: DEFAULT_POWER, description: 'The chance of detecting that uplift when it is real, at least 0.5 and below 1 (default 0.8).' }) power: number | null,
    @Ctx() ctx: GraphQLContext,
  ): HoldoutPlanObject {
    requireOrganization(ctx.principal);
    return planHoldout({ recipients, baselineConversionRate, minimumDetectableUplift, power: power ?? DEFAULT_POWER }, GRAPHQL_ARGUMENT_NAMES);
  }
}
