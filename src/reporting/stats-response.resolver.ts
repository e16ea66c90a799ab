import { Arg, Float, FieldResolver, Resolver, Root } from 'type-graphql';
import { findExperimentResult } from './experiments/experiment.results';
import { ExperimentGroupEnum, ExperimentMetricEnum, ExperimentStatEnum, StatsResponseObject } from './stats.types';

@Resolver(() => StatsResponseObject)
export class StatsResponseResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'One experiment row; without a group, the row whose group is null.' })
  experimentResult(
    @Root() response: StatsResponseObject,
    @Arg('metric', () => ExperimentMetricEnum) metric: ExperimentMetricEnum,
    @Arg('stat', () => ExperimentStatEnum) stat: ExperimentStatEnum,
    @Arg('group', () => ExperimentGroupEnum, { nullable: true }) group: ExperimentGroupEnum | null,
  ): number | null {
    return findExperimentResult(response.experimentResults, metric, stat, group ?? null);
  }
}
