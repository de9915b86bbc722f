import { describe, expect, it } from 'vitest';
import { DeliveryGoals } from '../../../shared/workspace/schema/delivery';
import { loadTemplate } from '../loadTemplate';

describe('delivery goals in workspace.yaml (issue 19)', () => {
  it("holds seed 001's table in its workspace: daily deploys, lead time under a day, recovery under an hour", async () => {
    const workspace = await loadTemplate('canary-progressive');
    expect(workspace.delivery).toEqual({
      deploymentFrequency: { target: 5, threshold: 1 },
      leadTime: { target: 24, threshold: 168 },
      deploymentFailureRate: { target: 5, threshold: 15 },
      timeToRestore: { target: 1, threshold: 4 },
      changeFailureRate: { target: 10, threshold: 25 },
    });
    expect((await loadTemplate('demo')).delivery?.deploymentFrequency).toEqual({ target: 2, threshold: 0.5 });
  });

  it.each([
    [{ deploymentFrequency: { target: 1, threshold: 5 } }, /deploymentFrequency's target must be at least its threshold/],
    [{ leadTime: { target: 200, threshold: 168 } }, /leadTime's target must be at most its threshold/],
    [{ leadTme: { target: 1, threshold: 2 } }, /leadTme/],
  ])('refuses %j, saying which metric', (goals, message) => {
    const parsed = DeliveryGoals.safeParse(goals);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });
});
