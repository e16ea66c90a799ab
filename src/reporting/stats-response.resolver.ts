import { Arg, Float, FieldResolver, Resolver, Root } from 'type-graphql';
import { conversionRateIntervals, findExperimentResult, type ConversionRateInterval } from './experiments/experiment.results';
import { ConversionRateIntervalObject, ExperimentGroupEnum, ExperimentMetricEnum, ExperimentStatEnum, StatsResponseObject } from './stats.types';

@Resolver(() => StatsResponseObject)
export class StatsResponseResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'One experiment row; without a group, the row whose group is null.' })
  experimentResult(
    @Root() response: StatsResponseObject,
    @Arg('metric', () => ExperimentMetricEnum, { description: 'FIRST_ORDER or ALL_ORDERS.' }) metric: ExperimentMetricEnum,
    @Arg('stat', () => ExperimentStatEnum, { description: 'The figure to look up.' }) stat: ExperimentStatEnum,
    @Arg('group', () => ExperimentGroupEnum, { nullable: true, description: 'TEST or CONTROL for a group figure; omit for a comparison.' }) group: ExperimentGroupEnum | null,
  ): number | null {
    return findExperimentResult(response.experimentResults, metric, stat, group ?? null);
  }

  @FieldResolver(() => [ConversionRateIntervalObject], {
    description:
      "Each group's conversion rate with its 95 % Wilson interval, per metric (FIRST_ORDER then ALL_ORDERS, TEST then CONTROL); derived from experimentResults, empty when that is.",
  })
  conversionRateIntervals(@Root() response: StatsResponseObject): ConversionRateInterval[] {
    return conversionRateIntervals(response.experimentResults);
  }
}
