import { z } from 'zod';

/**
 * Issue 19, seed 001's delivery metrics table: each metric with its Target (where the team wants to be)
 * and its Threshold (the line it must not cross). The units are fixed per metric so a number in the YAML
 * means one thing: deployments per week, hours, and percent.
 */
export const DELIVERY_METRICS = ['deploymentFrequency', 'leadTime', 'deploymentFailureRate', 'timeToRestore', 'changeFailureRate'] as const;
export const DeliveryMetricId = z.enum(DELIVERY_METRICS);
export type DeliveryMetricId = z.infer<typeof DeliveryMetricId>;

/** Deployment frequency is better higher; every other metric is better lower. */
export const HIGHER_IS_BETTER: Readonly<Record<DeliveryMetricId, boolean>> = {
  deploymentFrequency: true,
  leadTime: false,
  deploymentFailureRate: false,
  timeToRestore: false,
  changeFailureRate: false,
};

export const DELIVERY_UNITS: Readonly<Record<DeliveryMetricId, string>> = {
  deploymentFrequency: 'per week',
  leadTime: 'hours',
  deploymentFailureRate: '%',
  timeToRestore: 'hours',
  changeFailureRate: '%',
};

const Goal = z.strictObject({ target: z.number().nonnegative(), threshold: z.number().nonnegative() });
export type DeliveryGoal = z.infer<typeof Goal>;

export const DeliveryGoals = z
  .strictObject({
    deploymentFrequency: Goal.optional(),
    leadTime: Goal.optional(),
    deploymentFailureRate: Goal.optional(),
    timeToRestore: Goal.optional(),
    changeFailureRate: Goal.optional(),
  })
  .superRefine((goals, ctx) => {
    for (const id of DELIVERY_METRICS) {
      const goal = goals[id];
      if (!goal) continue;
      // A target on the wrong side of its threshold would paint a failing value green.
      const wrongSide = HIGHER_IS_BETTER[id] ? goal.target < goal.threshold : goal.target > goal.threshold;
      if (wrongSide) {
        ctx.addIssue({ code: 'custom', path: [id], message: `${id}'s target must be ${HIGHER_IS_BETTER[id] ? 'at least' : 'at most'} its threshold (${DELIVERY_UNITS[id]}): higher is ${HIGHER_IS_BETTER[id] ? 'better' : 'worse'}.` });
      }
    }
  });
export type DeliveryGoals = z.infer<typeof DeliveryGoals>;
