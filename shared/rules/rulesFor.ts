import type { ApproverRequirement, Freeze, Package, PackagePolicy, Region, ReleaseType, Window, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import type { AppliedRule } from './appliedRule';
import { mergeApprovers } from './appliedRule';
import { allowedByFreeze, describePeriodIn, periodAt } from './freeze';
import { formatDate, formatDayTime, formatTime, localDayOf, zoneLabel } from './localDay';
import { verdictOf } from './verdict';
import type { RuleVerdict } from './verdict';
import { allowedByWindow, describeWeeklyHours } from './window';

function nowText(now: number, window: Window): string {
  return window.days ? formatDayTime(now, window.zone) : formatTime(now, window.zone);
}

/** A blocked step always says when it opens, or that it will not open today. */
function notToday(verdict: RuleVerdict, zone: string): string {
  if (verdict.allowed || verdict.opensAt !== null) return '';
  return verdict.nextOpensAt === null
    ? '; it will not open today'
    : `; it will not open again today (next opening ${formatDayTime(verdict.nextOpensAt, zone)} ${zoneLabel(zone)})`;
}

function approversText(approvers: readonly ApproverRequirement[]): string {
  return approvers.map(({ role, count }) => (count > 1 ? `${count} × ${role}` : role)).join(' and ');
}

function windowOverride(window: Window, releaseType: ReleaseType | undefined): readonly ApproverRequirement[] | null {
  const own = window.override;
  if (own && (!own.releaseTypes || (releaseType && own.releaseTypes.includes(releaseType.id)))) return own.approvers;
  return releaseType?.override?.approvers ?? null;
}

/** Seed 000's regional timing: "EUW2 deploys open after 18:00 Europe/London (17:59 now)". */
export function regionWindowRule(region: Region, window: Window, releaseType: ReleaseType | undefined): AppliedRule {
  const allowedOn = allowedByWindow(window);
  return {
    id: `region:${region.id}:${window.id}`,
    verdict: (now) => verdictOf(window.zone, allowedOn, now),
    reason: (now, verdict) => `${region.id} deploys open ${describeWeeklyHours(window)} (${nowText(now, window)} now)${notToday(verdict, window.zone)}.`,
    override: () => windowOverride(window, releaseType),
  };
}

/** A named window a step or a package policy must run inside. */
export function windowRule(subject: string, window: Window, releaseType: ReleaseType | undefined): AppliedRule {
  const allowedOn = allowedByWindow(window);
  return {
    id: `window:${window.id}`,
    verdict: (now) => verdictOf(window.zone, allowedOn, now),
    reason: (now, verdict) => `${subject} opens ${describeWeeklyHours(window)} (${nowText(now, window)} now)${notToday(verdict, window.zone)}.`,
    override: () => windowOverride(window, releaseType),
  };
}

/** Seed 000's CAI table: the package's policy decides which windows apply. */
export function packagePolicyRules(pkg: Package, policy: PackagePolicy, workspace: Workspace, releaseType: ReleaseType | undefined): AppliedRule[] {
  const index = indexWorkspace(workspace);
  return policy.windows.flatMap((id) => {
    const window = index.windows.get(id);
    return window ? [windowRule(`Deploying ${pkg.name} (${policy.title})`, window, releaseType)] : [];
  });
}

/**
 * Seed 001: Standard Mon–Thu 14:00–18:00 UTC; Extended Mon–Fri 10:00–20:00 with manager approval;
 * Emergency any time with VP approval. Free windows allow; approval windows make a block overridable.
 */
export function releaseTypeWindowsRule(type: ReleaseType, workspace: Workspace): AppliedRule | null {
  if (!type.deploymentWindows) return null;
  const index = indexWorkspace(workspace);
  const refs = type.deploymentWindows.flatMap((ref) => {
    const window = index.windows.get(ref.window);
    return window ? [{ window, approvers: ref.approvers ?? null, allowedOn: allowedByWindow(window) }] : [];
  });
  const free = refs.filter((ref) => ref.approvers === null);
  const withApproval = refs.filter((ref) => ref.approvers !== null);
  const openWithApproval = (now: number) => withApproval.filter((ref) => verdictOf(ref.window.zone, ref.allowedOn, now).allowed);
  return {
    id: `release-type:${type.id}`,
    verdict(now) {
      const verdicts = free.map((ref) => verdictOf(ref.window.zone, ref.allowedOn, now));
      const open = verdicts.filter((v) => v.allowed);
      if (open.length) {
        const closes = open.map((v) => v.closesAt);
        return { allowed: true, closesAt: closes.includes(null) ? null : Math.max(...(closes as number[])), opensAt: null, nextOpensAt: null };
      }
      const earliest = (values: Array<number | null>) => {
        const known = values.filter((v): v is number => v !== null);
        return known.length ? Math.min(...known) : null;
      };
      return { allowed: false, closesAt: null, opensAt: earliest(verdicts.map((v) => v.opensAt)), nextOpensAt: earliest(verdicts.map((v) => v.nextOpensAt)) };
    },
    reason(now, verdict) {
      const approval = openWithApproval(now);
      const approvalText = approval.map((ref) => `the ${ref.window.title} is open now with approval from ${approversText(ref.approvers ?? [])}`).join('; ');
      if (!free.length) return `${type.title} deploys need approval: ${approvalText || 'no deployment window is open'}.`;
      const zone = free[0]?.window.zone ?? 'UTC';
      const windows = free.map((ref) => `${ref.window.title} ${describeWeeklyHours(ref.window)}`).join(' or ');
      return `${type.title} deploys open in the ${windows} (${formatDayTime(now, zone)} ${zoneLabel(zone)} now)${notToday(verdict, zone)}${approvalText ? `; ${approvalText}` : ''}.`;
    },
    override(now) {
      const approval = openWithApproval(now);
      if (approval.length) return mergeApprovers(approval.map((ref) => ref.approvers ?? []));
      return type.override?.approvers ?? null;
    },
  };
}

/** Seed 001/002/004 freezes; an exception without approvers lifts the freeze for that release type. */
export function freezeRule(freeze: Freeze, releaseType: ReleaseType | undefined): AppliedRule | null {
  const exception = releaseType ? freeze.exceptions.find((e) => e.releaseType === releaseType.id) : undefined;
  if (exception && !exception.approvers) return null;
  const allowedOn = allowedByFreeze(freeze);
  const exempt = freeze.exceptions.filter((e) => !e.approvers).map((e) => e.releaseType);
  return {
    id: `freeze:${freeze.id}`,
    verdict: (now) => verdictOf(freeze.zone, allowedOn, now),
    reason(now, verdict) {
      const period = periodAt(freeze, localDayOf(freeze.zone, now), now);
      const when = period ? describePeriodIn(period, freeze.zone) : zoneLabel(freeze.zone);
      const at = period?.kind === 'weekly' || period?.kind === 'interval' ? formatDayTime(now, freeze.zone) : formatDate(now, freeze.zone);
      const why = freeze.reason ? ` (${freeze.reason})` : '';
      const exemptText = exempt.length ? `; only ${exempt.join(', ')} releases are exempt` : '';
      const approvalText = exception?.approvers ? `; ${releaseType?.title ?? exception.releaseType} releases may go ahead with approval from ${approversText(exception.approvers)}` : '';
      return `${freeze.title}${why}: no deploys ${when} (${at} now)${exemptText}${approvalText}${notToday(verdict, freeze.zone)}.`;
    },
    override: () => exception?.approvers ?? null,
  };
}
