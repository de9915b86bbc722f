import type { Actor } from './state';
import type { ReleaseRecord, WorldState } from './state';
import { isPartlyDeployedIn } from './deployedWhere';
import type { Release, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { isFailed } from '../handover/status';
import { formatDayTime } from '../rules/localDay';
import { concernsPackage } from './stepPackages';
import { isQaChecklistStep } from './qa';
import { standingReopen } from './reopenedSignOff';
import { instanceOf } from './progress';
import { stopperWords } from '../words';

/**
 * Seed 000, "Failed on Production" → "Testing Failure": all packages in the handover are rolled back, QA must
 * inform the on-call engineer ASAP, and the issue details go in the ticket. Here a testing failure is a QA item
 * failed while the sign-off it belongs to stands reopened (qa.ts's `signOffsReopened`): the rollout was tested,
 * then it was not. What the console tells the on-call desk, what a rollback of it starts with as its reason, and
 * what the CR's ticket update carries are all said from this one record.
 */
export interface TestingFailure {
  itemId: string;
  item: string;
  /** The QA step whose sign-off the failure reopened, and the role that owns it. */
  signOff: string;
  owner: string;
  note: string | null;
  link: string | null;
  by: Actor;
  at: number;
  /**
   * The release's handovers with a package the failed item's step concerns (seed 000: "all packages in handover
   * rolled back", so whole handovers) that run somewhere; one rolled back since the failure is still named.
   */
  handovers: string[];
  /**
   * Each of those handovers' rollback started since the failure, as the record has it; `stoppedBy` names who stopped
   * a run stopped on their Stop (the record keeps its `stopping`), absent for one a command's own failure stopped.
   */
  rollbacks: { handoverId: string; status: 'running' | 'failed' | 'done' | 'aborted'; by: Actor; at: number; endedAt: number | null; handoverStatus: string; stoppedBy?: string }[];
}

/** Every testing failure of the release, in the checklist's order. */
export function testingFailures(workspace: Workspace, release: Release, record: ReleaseRecord, world: WorldState): TestingFailure[] {
  const index = indexWorkspace(workspace);
  const runbook = index.runbooks.get(release.runbook);
  const failures: TestingFailure[] = [];
  for (const step of (runbook?.gates ?? []).flatMap((g) => g.steps)) {
    if (step.kind !== 'manual' || !isQaChecklistStep(step)) continue;
    const reopens = Object.keys(record.reopened)
      .filter((key) => instanceOf(key).stepId === step.id)
      .flatMap((key) => standingReopen(record, key) ?? []);
    if (reopens.length === 0) continue;
    const reopenedAt = Math.min(...reopens.map((r) => r.at));
    step.checklist.forEach((title, i) => {
      const itemId = `${step.id}#${i + 1}`;
      const tick = record.qa[itemId];
      // A failure before the sign-off is the checklist doing its job (the step is not done); one at or after its reopening is the testing failure.
      if (!tick || tick.outcome !== 'fail' || tick.at < reopenedAt) return;
      const handovers = release.handovers
        .filter((ho) => ho.packages.some((p) => concernsPackage(step, index.packages.get(p.name))))
        // What QA tested is what runs: a handover with nothing deployed has nothing to roll back (HO-1240 before its CAI window).
        .filter((ho) => (record.rollbacks[ho.id]?.startedAt ?? -Infinity) >= tick.at || (!isFailed(ho.status) && Object.keys(world.deployed).some((r) => isPartlyDeployedIn(ho, world, r))))
        .map((ho) => ho.id);
      const rollbacks = handovers.flatMap((id) => {
        const run = record.rollbacks[id];
        if (!run || run.startedAt < tick.at) return [];
        const handoverStatus = record.handovers[id]?.status ?? release.handovers.find((h) => h.id === id)?.status ?? '';
        const stoppedBy = run.status === 'failed' && run.stopping ? { stoppedBy: stopperWords(run.stopping) } : {};
        return [{ handoverId: id, status: run.status, by: run.startedBy, at: run.startedAt, endedAt: run.endedAt, handoverStatus, ...stoppedBy }];
      });
      failures.push({ itemId, item: title, signOff: step.title, owner: step.owner, note: tick.note ?? null, link: tick.link ?? null, by: tick.by, at: tick.at, handovers, rollbacks });
    });
  }
  return failures;
}

const utc = (t: number) => `${formatDayTime(t, 'UTC')} UTC`;

/** The failure in one sentence: which item, who failed it and when, after whose sign-off, and QA's note. */
export function testingFailureWords(failure: TestingFailure): string {
  return `Testing failure: “${failure.item}” failed by ${failure.by.name} (${failure.by.role}) at ${utc(failure.at)}, after ${failure.owner}'s sign-off “${failure.signOff}”${failure.note ? `: ${failure.note}` : ''}`;
}

/**
 * What a rollback of `handoverId` starts with as its reason when a testing failure names it: the dialog fills it
 * in, and decideRollback records it when the reason is left empty and no breach led to the rollback.
 */
export function testingFailureReason(failures: readonly TestingFailure[], handoverId: string): string | null {
  const failure = failures.find((f) => f.handovers.includes(handoverId) && !f.rollbacks.some((r) => r.handoverId === handoverId && r.status !== 'aborted'));
  return failure ? testingFailureWords(failure) : null;
}

/** Whether every handover the failure names was rolled back: the failure is dealt with, and stays on record. */
export function isRolledBack(failure: TestingFailure): boolean {
  return failure.handovers.length > 0 && failure.handovers.every((id) => failure.rollbacks.some((r) => r.handoverId === id && r.status === 'done'));
}

/** How a stopped rollback stopped: "stopped by oscar (on-call PE)" for a person's Stop, "stopped on a failure" for a command that failed by itself. */
function stoppedWords(run: { stoppedBy?: string }): string {
  return run.stoppedBy ? `stopped by ${run.stoppedBy}` : 'stopped on a failure';
}

/** What the banner says is being or was done about it, or null while nothing is: each rollback, by whom, where it left the handover. */
export function testingFailureDone(failure: TestingFailure): string | null {
  if (failure.rollbacks.length === 0) return null;
  const lines = failure.rollbacks.map((r) => {
    const who = `${r.by.name} (${r.by.role})`;
    if (r.status === 'done') return `${r.handoverId} rolled back by ${who}, started ${utc(r.at)}${r.endedAt !== null ? `, finished ${utc(r.endedAt)}` : ''}; now “${r.handoverStatus}”`;
    if (r.status === 'running') return `${r.handoverId} being rolled back by ${who} since ${utc(r.at)}`;
    if (r.status === 'failed') return `${r.handoverId}'s rollback by ${who} ${r.stoppedBy ? 'was ' : ''}${stoppedWords(r)}; retry, skip or abort it`;
    return `${r.handoverId}'s rollback by ${who} was aborted`;
  });
  const reopened = isRolledBack(failure) ? `. ${failure.owner}'s sign-off “${failure.signOff}” stays reopened on record until it is done again` : '';
  return `${lines.join('; ')}${reopened}.`;
}

/**
 * The collapsed banner's one line, beside its title (which says it is a testing failure and names the item): each
 * handover it names and where its rollback stands, so a desk that put the banner away still sees what is left to do.
 */
export function testingFailureSummary(failure: TestingFailure): string {
  if (failure.handovers.length === 0) return 'no handover runs a package its step concerns: on-call to choose what to roll back';
  return failure.handovers
    .map((id) => {
      const run = failure.rollbacks.find((r) => r.handoverId === id);
      if (!run) return `${id}: rollback not started`;
      if (run.status === 'done') return `${id}: rolled back, now “${run.handoverStatus}”`;
      if (run.status === 'running') return `${id}: being rolled back by ${run.by.name} (${run.by.role})`;
      if (run.status === 'failed') return `${id}: rollback ${stoppedWords(run)}`;
      return `${id}: rollback aborted`;
    })
    .join('; ');
}

/**
 * The banner's detail, under a title that names the item: who failed it, when, after whose sign-off, QA's note, and
 * what seed 000 asks of each desk now. The handovers are named only when the item's step concerns some that run (a
 * workspace whose QA step names no packages leaves on-call to choose). No closing stop: a notice adds its own.
 */
export function testingFailureNextSteps(failure: TestingFailure): string {
  const found = `${failure.by.name} (${failure.by.role}) failed it at ${utc(failure.at)}, after ${failure.owner}'s sign-off “${failure.signOff}”${failure.note ? `: ${failure.note}` : ''}`;
  if (isRolledBack(failure)) return `${found}. Seed 000: QA to provide the issue details in the ticket`;
  const which = failure.handovers.length ? `roll back ${failure.handovers.join(', ')} (all packages of the handover)` : 'roll back the handovers it concerns';
  return `${found}. Seed 000: on-call to ${which} at once; QA to provide the issue details in the ticket`;
}

/**
 * Seed 000's "Provide issue details in ticket": the failure as the CR evidence carries it, ready to paste into the
 * handover's tickets (named with each handover): the item, QA's note and link, who and when, the sign-off it
 * reopened, and what was done about it. Times in ISO UTC, as the rest of the CR evidence gives them.
 */
export function testingFailureTicketLines(failure: TestingFailure, ticketsOf: (handoverId: string) => readonly string[]): string[] {
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  const handovers = failure.handovers.map((id) => {
    const tickets = ticketsOf(id);
    return tickets.length ? `${id} (tickets ${tickets.join(', ')})` : id;
  });
  const rollbacks = failure.rollbacks.map((r) => `${r.handoverId}: ${r.status} — started by ${r.by.name} (${r.by.role}) at ${iso(r.at)}${r.endedAt !== null ? `, ended ${iso(r.endedAt)}` : ''}; status “${r.handoverStatus}”`);
  return [
    `### Testing failure: “${failure.item}”`,
    '',
    `- Failed by: ${failure.by.name} (${failure.by.role}) at ${iso(failure.at)}`,
    `- After the sign-off: ${failure.owner}'s “${failure.signOff}”, reopened on record until it is done again`,
    `- QA's note: ${failure.note ?? '(none given)'}`,
    ...(failure.link ? [`- Link: ${failure.link}`] : []),
    `- Handovers: ${handovers.length ? handovers.join('; ') : 'none of the release’s handovers runs a package its step concerns'}`,
    `- Rollback: ${rollbacks.length ? rollbacks.join('; ') : 'not started'}`,
  ];
}

/**
 * Seed 000's "QA must inform on-call engineer ASAP", as a post to the workspace's channels: each failure with who,
 * when, QA's note, the handovers to roll back and where their rollback stands. A release with none says so.
 */
export function testingFailureAnnouncementLines(failures: readonly TestingFailure[]): string[] {
  const head = ['TESTING FAILURE ON PRODUCTION — on-call engineer, please act', '--------------------'];
  if (failures.length === 0) return [...head, 'No QA item has failed after its sign-off in this release.'];
  return [
    ...head,
    ...failures.flatMap((f) => [
      `Failed: “${f.item}” — ${f.by.name} (${f.by.role}) at ${utc(f.at)}, after ${f.owner}'s sign-off “${f.signOff}” (reopened)`,
      `Issue: ${f.note ?? '(no note given)'}${f.link ? ` ${f.link}` : ''}`,
      `Roll back: ${f.handovers.length ? `${f.handovers.join(', ')} (all packages of the handover)` : 'the handovers it concerns'}`,
      `Status: ${testingFailureDone(f) ?? 'rollback not started'}`,
    ]),
  ];
}
