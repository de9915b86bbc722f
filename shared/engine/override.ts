import type { ApproverRequirement } from '../workspace/workspace';
import type { Evaluation } from '../rules/appliedRule';
import type { NamedApprover, OverrideRecord } from './progress';
import { isSameIdentity } from '../team/identity';

export type OverrideCheck = { ok: true; record: OverrideRecord } | { ok: false; error: string };

/** Whether the people cover every role the rules ask for, each identity counted once ("2 × engineer" is two ARNs when AWS named them). */
export function missingApprovers(required: readonly ApproverRequirement[], approvers: readonly NamedApprover[]): string[] {
  const distinct: NamedApprover[] = [];
  for (const approver of approvers) if (approver.name.trim() && !distinct.some((d) => isSameIdentity(d, approver))) distinct.push(approver);
  const missing: string[] = [];
  for (const { role, count } of required) {
    const have = distinct.filter((a) => a.role.toLowerCase() === role.toLowerCase()).length;
    if (have < count) missing.push(`${count - have} more ${role}`);
  }
  return missing;
}

/**
 * Issue 15: an override's approver approves on their own desk. Only where the step can be overridden, only
 * in a role the override asks for, and once per identity.
 */
export function checkOverrideApprover(evaluation: Evaluation, approver: NamedApprover, already: readonly NamedApprover[], name: string): { ok: true } | { ok: false; error: string } {
  if (evaluation.allowed) return { ok: false, error: `${name} is not blocked; there is no override to approve.` };
  if (!evaluation.override) return { ok: false, error: `${name} cannot be overridden: ${evaluation.blocks.filter((b) => b.override === null).map((b) => b.reason).join(' ')}` };
  const roles = evaluation.override.map((r) => r.role);
  if (!roles.some((role) => role.toLowerCase() === approver.role.toLowerCase())) return { ok: false, error: `An override of ${name} is approved by ${roles.join(' or ')}, not ${approver.role}.` };
  if (already.some((a) => isSameIdentity(a, approver))) return { ok: false, error: `${approver.name} has already approved overriding ${name}.` };
  return { ok: true };
}

export interface OverrideRequest {
  stepId: string;
  region: string | null;
  reason: string;
  approvers: NamedApprover[];
  by: string;
}

/** An override is possible only where every block allows one; maintenance mode and prerequisites never do. */
export function checkOverride(evaluation: Evaluation, request: OverrideRequest, now: number): OverrideCheck {
  const where = request.region ? ` in ${request.region}` : '';
  if (evaluation.allowed) return { ok: false, error: `${request.stepId}${where} is not blocked; there is nothing to override.` };
  if (!evaluation.override) {
    const fixed = evaluation.blocks.filter((b) => b.override === null).map((b) => b.reason);
    return { ok: false, error: `${request.stepId}${where} cannot be overridden: ${fixed.join(' ')}` };
  }
  if (!request.reason.trim()) return { ok: false, error: `An override of ${request.stepId}${where} needs a reason.` };
  if (!request.by.trim()) return { ok: false, error: `An override of ${request.stepId}${where} needs the name of who asks for it.` };
  const missing = missingApprovers(evaluation.override, request.approvers);
  if (missing.length) return { ok: false, error: `An override of ${request.stepId}${where} needs approval from ${missing.join(' and ')}.` };
  return {
    ok: true,
    record: { stepId: request.stepId, region: request.region, reason: request.reason.trim(), approvers: request.approvers, by: request.by, at: now, required: evaluation.override },
  };
}
