import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('HoldoutPlan', {
  description:
    'How large a holdout a mailing needs (spec §5): the smallest holdout share whose minimum detectable uplift (two-sided α = 0.05, the power asked for) is at most the uplift asked for.',
})
export class HoldoutPlanObject {
  @Field({ description: 'Whether some split of these recipients can detect the uplift asked for. When false, mail more recipients or aim for a larger uplift.' })
  feasible: boolean;

  @Field(() => Float, { nullable: true, description: 'The smallest holdout share that detects the uplift, in percent (0 < holdoutPercent ≤ 50): use it as the campaign\'s holdoutPercent. Null when infeasible.' })
  holdoutPercent: number | null;

  @Field(() => Int, { nullable: true, description: 'The recipients to hold out, ⌈recipients × holdoutPercent / 100⌉. Null when infeasible.' })
  holdoutRecipients: number | null;

  @Field(() => Float, { description: 'The smallest relative uplift any split of these recipients can detect (a 50/50 split): the best that is possible. Always given.' })
  minimumDetectableUpliftAtHalf: number;
}
