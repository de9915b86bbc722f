import type { ReleaseOutcomeLabel } from '../api/history';
import type { ReleaseDefinition } from '../engine/events';
import type { ReleaseRecord } from '../engine/state';
import type { Workspace } from '../workspace/workspace';
import type { DeploymentStatus, ReleaseDeployment } from '../release/deployment';
import { stepsDone } from '../words';

const BY_STATUS: Record<DeploymentStatus, ReleaseOutcomeLabel> = {
  success: 'completed',
  'in-progress': 'in progress',
  failed: 'failed',
  'rolling-back': 'rolling back',
  'rolled-back': 'rolled back',
  'partially-rolled-back': 'partly rolled back',
};

/**
 * Where a handover runs and where it was rolled back, named by the handover: "running its new versions in S01, LON;
 * HO-1234 rolled back in S01, LON" said the release ran there and was rolled back there, when HO-1240 runs there and
 * HO-1234 was rolled back.
 */
function handoverWords(h: ReleaseDeployment['handovers'][number]): string[] {
  const running = h.deployedIn.length ? `running its new versions in ${h.deployedIn.join(', ')}` : null;
  const rolledBack = h.rolledBackIn.length ? `rolled back in ${h.rolledBackIn.join(', ')}` : null;
  if (running && rolledBack) return [`${h.id} ${running} and ${rolledBack}`];
  return running || rolledBack ? [`${h.id} ${running ?? rolledBack}`] : [];
}

/**
 * A handover's "Deployed in" cell on a release read from History: where it runs its new versions, then where it ran
 * them before they were rolled back. A region is in `rolledBackIn` only where this release's versions reached it
 * (shared/release/deployment.ts), so "S01, LON, then rolled back" is the folded record's, not a guess. The cell read
 * "—" for a handover rolled back everywhere, beside "Rolled back in S01, LON", as if it had never run.
 */
export function handoverDeployedIn(h: { deployedIn: readonly string[]; rolledBackIn: readonly string[] }): string {
  const gone = h.rolledBackIn.filter((region) => !h.deployedIn.includes(region));
  const running = h.deployedIn.join(', ');
  if (!gone.length) return running || '—';
  const rolledBack = `${gone.join(', ')}, then rolled back`;
  return running ? `${running}; ${rolledBack}` : rolledBack;
}

/**
 * Deployment.ts says `failed` for a failed step nothing rolled back, and for a rollback stopped on a failure. Neither
 * is over: a failed step's run leaves the step open, Retry on the board beside it ("failed" beside "1 failed, can be
 * retried" read as if it were), and a stopped rollback waits on its dialog's Retry, Skip or Abort, its banner saying
 * "STOPPED" while History said "failed". A release the workspace no longer defines stays `failed`: no intent acts on it.
 */
function retryableFailureOf(deployment: ReleaseDeployment, fromDefinition: boolean): ReleaseOutcomeLabel | null {
  if (deployment.status !== 'failed' || fromDefinition) return null;
  if (deployment.handovers.some((h) => h.outcome === 'rollback stopped')) return 'rollback stopped, can be retried';
  return deployment.steps.failed > 0 ? 'step failed, can be retried' : null;
}

/**
 * A release's outcome as the History screen lists it. The verdict is shared/release/deployment.ts's (the
 * one the deployment log and announcements give); this only words it, and adds what that status leaves
 * out: a release nothing happened in has not started, and a region backed out (issue 17) is said so.
 */
export function releaseOutcomeOf(deployment: ReleaseDeployment, record: ReleaseRecord, fromDefinition = false): { outcome: ReleaseOutcomeLabel; detail: string } {
  const backedOut = Object.values(record.backOuts).filter((b) => b.status === 'done').map((b) => b.regionId);
  // A back-out that stopped waits for a person to back the region out again: "in progress" alone said nothing of it.
  const stoppedBackOuts = fromDefinition ? [] : Object.values(record.backOuts).filter((b) => b.status === 'failed').map((b) => b.regionId);
  const parts = [
    ...deployment.handovers.flatMap(handoverWords),
    ...(backedOut.length ? [`backed out of ${backedOut.join(', ')}`] : []),
    ...(stoppedBackOuts.length ? [`backing ${stoppedBackOuts.join(', ')} out stopped: back it out again`] : []),
    // A failed step stays open (the board offers Retry): "1 failed" alone read as final. Not in a release read from
    // its logged definition: the workspace no longer defines it, so main refuses every intent for it, a Retry too.
    // Read from a logged definition, the steps are today's runbook's: "0 of 90 done" would say it skipped them.
    ...(fromDefinition && deployment.steps.done + deployment.steps.failed === 0
      ? []
      : [`${stepsDone(deployment.steps.done, deployment.steps.total)}${deployment.steps.failed ? `, ${deployment.steps.failed} failed${fromDefinition ? '' : ', can be retried'}` : ''}`]),
  ];
  const detail = parts.length ? parts.join('; ') : 'Nothing on record: no version deployed and no step done.';
  // A back-out rolls a region's handovers back without a handover rollback: said as what a person did.
  if (backedOut.length && Object.keys(record.rollbacks).length === 0 && deployment.status !== 'failed' && deployment.status !== 'rolling-back') return { outcome: 'backed out', detail };
  if (deployment.status === 'in-progress' && deployment.startedAt === null) return { outcome: 'not started', detail };
  return { outcome: retryableFailureOf(deployment, fromDefinition) ?? BY_STATUS[deployment.status], detail };
}

/**
 * Issue 19: a release the workspace no longer defines is read from its logged definition (its handovers,
 * packages and targets) and its record. Its steps and QA checklist come from its runbook as the workspace
 * has it now; what that cannot give is said, so an empty section is never taken for "nothing was done".
 */
export function unbuiltFromDefinition(workspace: Workspace, definition: ReleaseDefinition): string[] {
  const runbook = workspace.runbooks.find((r) => r.id === definition.runbook);
  if (!runbook) return [`Its steps and QA checklist: its runbook ${definition.runbook} is no longer in the workspace, so only what its log recorded (commands, versions, rollbacks) is shown.`];
  return [`Its runbook's steps and QA checklist as the workspace gives runbook ${definition.runbook} today, not necessarily as it was: the log keeps the release's definition, not its runbook's.`];
}
