import type { Step } from '../workspace/workspace';
import { instanceKey } from './progress';
import type { ApprovalRecord, ReleaseProgress } from './progress';
import { missingApprovers } from './override';
import { isSameIdentity } from '../team/identity';

type ApprovalStep = Extract<Step, { kind: 'approval' }>;

export type ApprovalCheck = { ok: true } | { ok: false; error: string };

/**
 * "2nd PE reviews instructions": whoever did the excluded step cannot approve it. `titleOf` names the
 * excluded step by its title in the refusal (a person reads it), falling back to its id.
 */
export function checkApprover(step: ApprovalStep, approver: ApprovalRecord, region: string | null, progress: ReleaseProgress, titleOf: (stepId: string) => string | undefined = () => undefined): ApprovalCheck {
  if (!step.approvers.some((a) => a.role.toLowerCase() === approver.role.toLowerCase())) {
    return { ok: false, error: `"${step.title}" needs approval from ${step.approvers.map((a) => a.role).join(' or ')}, not ${approver.role}.` };
  }
  if (step.notBy) {
    const done = progress.steps[instanceKey(step.notBy, region)] ?? progress.steps[instanceKey(step.notBy, null)];
    // Identities, not typed names (issue 15): the writer's ARN against the approver's, when AWS named both.
    if (done?.by && isSameIdentity({ name: done.by, arn: done.byArn }, approver)) {
      return { ok: false, error: `${approver.name} did "${titleOf(step.notBy) ?? step.notBy}" and cannot also approve "${step.title}"; a second person must review it.` };
    }
  }
  const already = progress.approvals[instanceKey(step.id, region)] ?? [];
  if (already.some((a) => isSameIdentity(a, approver))) {
    return { ok: false, error: `${approver.name} has already approved "${step.title}".` };
  }
  return { ok: true };
}

/** Whether the approvals recorded so far satisfy the step. */
export function isApproved(step: ApprovalStep, region: string | null, progress: ReleaseProgress): boolean {
  return missingApprovers(step.approvers, progress.approvals[instanceKey(step.id, region)] ?? []).length === 0;
}
