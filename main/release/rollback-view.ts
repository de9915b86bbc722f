import type { RollbackRunView } from '../../shared/api/rollback';
import type { Handover } from '../../shared/workspace/workspace';
import { outcomeLine, rollbackOutcomes, whyNot } from '../../shared/rollback/outcomes';
import type { RollbackRecord } from '../../shared/rollback/record';
import { readingsLine, type FixForwardRecord } from '../../shared/rollback/fixForward';
import { DEFAULT_RECOVERY_MINUTES } from '../../shared/rollback/restored';
import { rollbackPostHead } from '../../shared/release/exports';
import { countOf } from '../../shared/words';

export { outcomeLine, rollbackOutcomes };

function iso(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function versionsOf(ho: Handover, side: 'from' | 'to'): string {
  return ho.packages.map((p) => `${p.name} ${side === 'from' ? (p.newVersion ?? '?') : (p.currentVersion ?? '(removed)')}`).join(', ');
}

/**
 * Seed 002's "Rolled Back:" line: when, or how far it got. A rollback stopped on a failure said "in progress", in the
 * record copied from the dialog that said "Rollback STOPPED on a failure" above it.
 */
function rolledBackWhen(run: RollbackRecord): string {
  if (run.status === 'done') return iso(run.endedAt);
  if (run.status === 'aborted') return `aborted at ${iso(run.endedAt)}`;
  if (run.status === 'running') return 'in progress';
  // A run interrupted when the console stopped has no end time on its step.
  const stoppedAt = run.steps.find((s) => s.state === 'failed')?.endedAt ?? null;
  return `only partly: stopped${stoppedAt === null ? '' : ` at ${iso(stoppedAt)}`}, to retry, skip or abort`;
}

/** Seed 002's incident timeline (deployed, spike detected, rollback initiated, service restored), real times. */
export function incidentMarkdown(run: RollbackRecord, ho: Handover, releaseId: string, recoveryMinutes: number = DEFAULT_RECOVERY_MINUTES, fixForward: FixForwardRecord | null = null): string {
  const regions = [...new Set(run.steps.map((s) => s.regionId))];
  const lastStep = Math.max(...run.steps.map((s) => s.endedAt ?? 0), run.startedAt);
  const lines = [
    '# Incident Timeline: Deployment Rollback',
    '',
    `**Handover:** ${ho.id} — ${ho.title} (release ${releaseId})`,
    `**Version:** ${versionsOf(ho, 'from')}`,
    `**Deployed:** ${iso(run.deployedAt)}`,
    `**Rolled Back:** ${rolledBackWhen(run)}`,
    '',
    '## Timeline',
  ];
  if (run.deployedAt !== null) lines.push(`- ${iso(run.deployedAt)} - Deployment completed (${regions.join(', ') || 'no region'})`);
  if (run.trigger) {
    const what = run.trigger.headline ?? 'Rollback criteria breached';
    lines.push(`- ${iso(run.trigger.at)} - ${what}: ${run.trigger.title} (${run.trigger.detail})`);
  }
  // Issue 19: a rollback after a fix forward that missed its deadline says so, in order.
  if (fixForward) lines.push(...fixForwardTimeline(fixForward));
  lines.push(`- ${iso(run.startedAt)} - Rollback initiated by ${run.startedBy.name} (${run.startedBy.role}): ${run.reason}`);
  // Issue 17: every stop, retry and skip stays, in order; a retry that succeeded does not erase the failure before it.
  for (const entry of run.history) lines.push(`- ${iso(entry.at)} - ${entry.line}`);
  const { rolledBack, notRolledBack } = rollbackOutcomes(run);
  if (run.status === 'done') {
    lines.push(`- ${iso(run.endedAt ?? lastStep)} - Rollback completed: ${countOf(rolledBack.length, 'package rollback')} in ${regions.join(', ') || 'no region'}${notRolledBack.length ? `, ${notRolledBack.length} skipped` : ''}`);
    // Seed 002's "Service restored" only once the metrics have stayed back under the criteria (shared/rollback/restored.ts).
    if (run.restoredAt !== null) lines.push(`- ${iso(run.restoredAt)} - Service restored: metrics back under the rollback criteria for ${recoveryMinutes} minutes`);
    else lines.push(`- Service not yet restored: the metrics must stay under the rollback criteria for ${recoveryMinutes} minutes`);
  } else if (run.status === 'failed' && run.history.length === 0) {
    // A record from before the history was kept: its one stop, from its steps.
    const failed = run.steps.find((s) => s.state === 'failed');
    lines.push(`- ${iso(failed?.endedAt ?? lastStep)} - Rollback stopped: ${failed ? `${failed.argv.join(' ')} ${whyNot(failed, run)}` : 'interrupted'}`);
  } else if (run.status === 'aborted') {
    lines.push(`- ${iso(run.endedAt)} - Rollback aborted`);
  }
  lines.push('', '## Packages', '', '| Region | Package | From | To | Outcome |', '| --- | --- | --- | --- | --- |');
  for (const o of rolledBack) lines.push(`| ${o.regionId} | ${o.package} | ${o.from} | ${o.to ?? '(removed)'} | rolled back |`);
  for (const o of notRolledBack) lines.push(`| ${o.regionId} | ${o.package} | ${o.from} | ${o.to ?? '(removed)'} | NOT rolled back: ${(o.why ?? '').replace(/\|/g, '\\|')} |`);
  if (run.notes.length) lines.push('', '## Notes', '', ...run.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

/** Issue 19: the fix forward's decision (who, why, severity, the readings it was taken on, the deadline) and how it ended. */
function fixForwardTimeline(ff: FixForwardRecord): string[] {
  const readings = readingsLine(ff.values);
  const lines = [`- ${iso(ff.decidedAt)} - Fix forward decided by ${ff.decidedBy.name} (${ff.decidedBy.role}), ${ff.severity}: ${ff.reason}; deadline ${iso(ff.deadline)}${readings ? `; readings: ${readings}` : ''}`];
  if (ff.status === 'landed') lines.push(`- ${iso(ff.endedAt)} - Fix landed: ${ff.fixHandover ?? 'the linked handover'} deployed in ${ff.regions.join(', ')} and the metrics back under the rollback criteria`);
  if (ff.status === 'expired') lines.push(`- ${iso(ff.endedAt)} - Fix forward expired: no fix landed by ${iso(ff.deadline)}; rollback offered again`);
  return lines;
}

/** Issue 19: the incident record of a breach fixed forward (no rollback ran): seed 002's timeline with the decision. */
export function fixForwardIncidentMarkdown(ff: FixForwardRecord, ho: Handover, releaseId: string): string {
  const outcome = ff.status === 'landed' ? `fixed forward by ${ff.fixHandover ?? 'a linked handover'} at ${iso(ff.endedAt)}` : ff.status === 'expired' ? `fix forward expired at ${iso(ff.endedAt)}` : `fixing forward until ${iso(ff.deadline)}`;
  return [
    '# Incident Timeline: Deployment Fixed Forward',
    '',
    `**Handover:** ${ho.id} — ${ho.title} (release ${releaseId})`,
    `**Version:** ${versionsOf(ho, 'from')}`,
    `**Severity:** ${ff.severity}`,
    `**Outcome:** ${outcome}`,
    '',
    '## Timeline',
    ...fixForwardTimeline(ff),
  ].join('\n') + '\n';
}

/** Seed 001's channel post, for this handover alone. */
export function rollbackAnnouncement(run: RollbackRecord, ho: Handover): string {
  const head = rollbackPostHead(run.status);
  return [
    head.heading,
    '--------------------',
    `Service: ${ho.id} (${ho.title})`,
    `From: ${versionsOf(ho, 'from')}`,
    `To: ${versionsOf(ho, 'to')}`,
    `Reason: ${run.reason}`,
    `Owner: @${run.startedBy.name}`,
    `Status: ${head.status}`,
  ].join('\n') + '\n';
}

export function incidentFilename(run: RollbackRecord): string {
  return `incident-${run.handoverId}-${fileStamp(run.startedAt)}.md`;
}

export function rollbackRunView(run: RollbackRecord, ho: Handover, releaseId: string, handoverStatus: string, recoveryMinutes: number = DEFAULT_RECOVERY_MINUTES, fixForward: FixForwardRecord | null = null): RollbackRunView {
  const regions: RollbackRunView['regions'] = [];
  for (const { environment, ...step } of run.steps) {
    let region = regions.find((r) => r.regionId === step.regionId);
    if (!region) regions.push((region = { regionId: step.regionId, environment, steps: [] }));
    region.steps.push(step);
  }
  return {
    releaseId,
    handoverId: run.handoverId,
    status: run.status,
    handoverStatus,
    startedAt: run.startedAt,
    startedBy: run.startedBy,
    endedAt: run.endedAt,
    reason: run.reason,
    abortRequested: run.abortRequested,
    stopping: run.stopping,
    waitingFor: run.waitingFor,
    waitingInstants: run.waitingInstants,
    regions,
    notes: run.notes,
    ...rollbackOutcomes(run),
    incident: incidentMarkdown(run, ho, releaseId, recoveryMinutes, fixForward),
    announcement: rollbackAnnouncement(run, ho),
  };
}
