import type { ReleaseView, StepView } from '../../shared/api';
import { readingsLine } from '../../shared/rollback/fixForward';
import type { Release, Workspace } from '../../shared/workspace/workspace';
import type { WorldState } from '../../shared/engine/state';
import type { ReleaseDefinition } from '../../shared/engine/events';
import { releaseDeployment, type ReleaseDeployment } from '../../shared/release/deployment';
import type { VerificationMoment } from '../../shared/release/verificationMoment';
import { strategyOf } from '../../shared/workspace/schema/runbooks';
import { completeAnnouncement, deploymentLog, rollbackAnnouncementLines, startAnnouncement} from '../../shared/release/exports';
import { neutraliseEscapes } from '../../shared/terminal/neutralise';
import { referenceLines } from '../../shared/announce/links';
import { describeArgv } from '../../shared/terminal/argv';
import type { TranscriptEvidence } from '../terminal/transcript-index';
import type { ReleaseRecord } from './state';
import { liveRelease } from '../../shared/engine/live';
import { testingFailureAnnouncementLines, testingFailures, testingFailureTicketLines, type TestingFailure } from '../../shared/engine/testingFailure';
import type { AnnouncementKind } from '../../shared/api/announcements';

export interface EvidenceInput {
  view: ReleaseView;
  record: ReleaseRecord;
  environment: string;
  /** Seed 001's verification table text for a region, at its gate's completion when one completed; null when it has no metrics. */
  verificationTable: (regionId: string) => string | null;
  /** Issue 17: when the region's last metric gate completed, whose values the table shows; null: none has, the values are the export's. */
  verificationMoment: (regionId: string) => VerificationMoment | null;
  /** The release log's head when exported: kept outside this machine, it anchors the log (issue 14). */
  logHead: { seq: number; hash: string };
  /** What the start-up checks found in the log and nobody has acknowledged yet: the export was folded from a log found changed. */
  logFindings: readonly LogFindingEvidence[];
  /** Every step run's and console shell's transcript, by name, size and SHA-256 (issue 16); their text only when asked. */
  transcripts: TranscriptEvidence[];
  /** Issue 17: what the release did, region by region, from its log; the deployment log and announcements read only this. */
  outcome: ReleaseOutcome;
}

/** One finding of the log's start-up checks (main/storage/log-findings.ts), as an export names it. */
export interface LogFindingEvidence {
  kind: string;
  message: string;
  line: number | null;
  missing: number | null;
}

/** The release as the workspace gives it, what its log says it did, and its strategy's name. */
export interface ReleaseOutcome {
  release: Release;
  deployment: ReleaseDeployment;
  strategy: string;
  /** Seed 000's testing failures in it (shared/engine/testingFailure.ts): the CR carries their details for the ticket. */
  testingFailures: TestingFailure[];
}

/** What a release did, from its record: the one answer the deployment log and announcements share. */
export function releaseOutcome(workspace: Workspace, release: Release | ReleaseDefinition, record: ReleaseRecord, world: WorldState, now: number): ReleaseOutcome {
  const runbook = workspace.runbooks.find((r) => r.id === release.runbook);
  // A logged definition (History, issue 19) names its handovers' targets: its completion is judged by them.
  const targets = 'targets' in release ? { targets: release.targets } : {};
  return { release, deployment: releaseDeployment({ workspace, release, record, world, now, ...targets }), strategy: strategyOf(runbook), testingFailures: testingFailures(workspace, liveRelease(release, record), record, world) };
}

/** Where an export's parts come from; each is asked for the requested release, never the open one. */
export interface EvidenceSources {
  view(releaseId: string): ReleaseView;
  record(releaseId: string): ReleaseRecord;
  /** A region's verification table against these baselines, or null when the region has no metrics. */
  verificationTable(regionId: string, baselines: ReleaseRecord['baselines'], at: number | null): string | null;
  /** When the region's last metric gate of this release completed (shared/release/verificationMoment.ts). */
  verificationMoment(releaseId: string, record: ReleaseRecord, regionId: string): VerificationMoment | null;
  /** The release log's head now: the export carries it. */
  logHead(): { seq: number; hash: string };
  /** What was found in the log and not yet acknowledged (none once it is); absent: nothing to say. */
  logFindings?(): readonly LogFindingEvidence[];
  /** The release's transcripts; with their text only when `withContent`. */
  transcripts(releaseId: string, record: ReleaseRecord, withContent: boolean): Promise<TranscriptEvidence[]>;
  /** What the release did, from its record (shared/release/deployment.ts). */
  outcome(releaseId: string, record: ReleaseRecord): ReleaseOutcome;
}

export interface EvidenceOptions {
  environment?: string;
  /** Issue 16: a transcript's text goes into an export only when the PE chooses; by default, its name, size and hash. */
  includeTranscripts?: boolean;
}

/**
 * Issue 14, point 7: an export is built from the requested release alone, whichever release a window has
 * open: its view, its record, and verification tables against its own baselines (another release may
 * have captured a later baseline in the same region).
 */
export async function evidenceFor(releaseId: string, sources: EvidenceSources, { environment = 'production', includeTranscripts = false }: EvidenceOptions = {}): Promise<EvidenceInput> {
  const view = sources.view(releaseId);
  // Cheap, and the bug it guards against put one release's steps under another's name in a CR.
  if (view.release.id !== releaseId) throw new Error(`The view for the ${releaseId} export is of release ${view.release.id}; an export is built from one release alone.`);
  const record = sources.record(releaseId);
  const logHead = sources.logHead();
  const logFindings = (sources.logFindings?.() ?? []).map(({ kind, message, line, missing }) => ({ kind, message, line, missing }));
  const transcripts = await sources.transcripts(releaseId, record, includeTranscripts);
  const verificationMoment = (regionId: string) => sources.verificationMoment(releaseId, record, regionId);
  return {
    view,
    record,
    environment,
    verificationTable: (regionId) => sources.verificationTable(regionId, record.baselines, verificationMoment(regionId)?.at ?? null),
    verificationMoment,
    logHead,
    logFindings,
    transcripts,
    outcome: sources.outcome(releaseId, record),
  };
}

export interface ExportedFile {
  filename: string;
  mediaType: string;
  content: string;
}

function iso(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * An item's ticks in the order they were recorded. A record folded from a snapshot older than `qaTicks` has
 * only each item's last tick: that one, rather than none.
 */
function qaTicksOf(record: ReleaseRecord, itemId: string): ReleaseRecord['qaTicks'][number]['tick'][] {
  const ticks = record.qaTicks.filter((t) => t.itemId === itemId).map((t) => t.tick);
  const last = record.qa[itemId];
  return ticks.length === 0 && last ? [last] : ticks;
}

function allSteps(view: ReleaseView): StepView[] {
  return view.gates.flatMap((g) => g.steps);
}

/** A CR evidence bundle in Markdown, ready to paste into Jira or Confluence. */
export function crEvidenceMarkdown({ view, record, verificationTable, verificationMoment, logHead, logFindings, transcripts, outcome }: EvidenceInput): ExportedFile {
  const lines: string[] = [];
  const steps = allSteps(view);
  lines.push(`# CR evidence — ${view.release.title}`, '');
  lines.push(`- Release: ${view.release.id} (${view.release.typeTitle})`, `- Runbook: ${view.release.runbookTitle}`, `- Exported: ${iso(view.now)} by ${view.operator.name} (${view.operator.role})`, `- Release log head: seq ${logHead.seq}, sha256 ${logHead.hash}`, '');
  if (logFindings.length) {
    // Said before anything read from that log: a reader of this evidence must know it came from a log found changed.
    lines.push('## Release log findings', '', 'The console found this release log changed when it started, and that is not acknowledged yet: what follows was read from the log as it is now.', '');
    for (const finding of logFindings) lines.push(`- ${finding.message}`);
    lines.push('');
  }
  lines.push('## Handovers', '');
  for (const ho of view.handovers) {
    lines.push(`### ${ho.id} — ${ho.title} (${ho.status})`, '', '| Package | Current | New | New? |', '| --- | --- | --- | --- |');
    for (const p of ho.packages) lines.push(`| ${cell(p.name)} | ${p.currentVersion ?? '—'} | ${p.newVersion ?? '—'} | ${p.isNew ? 'yes' : ''} |`);
    if (ho.reviewFailures.length) lines.push('', `PE review failures: ${ho.reviewFailures.map(cell).join('; ')}`);
    lines.push('');
  }
  if (outcome.testingFailures.length) {
    // Seed 000, "Failed on Production" → "Testing Failure": "provide issue details in ticket"; said before the steps, where the ticket's reader looks first.
    lines.push('## Testing failures', '');
    const ticketsOf = (id: string) => view.handovers.find((ho) => ho.id === id)?.tickets ?? [];
    for (const failure of outcome.testingFailures) lines.push(...testingFailureTicketLines(failure, ticketsOf), '');
  }
  lines.push('## Steps', '', '| Gate | Step | Region | State | By | At | Exit |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const s of steps) {
    if (s.state !== 'done' && s.state !== 'failed' && s.state !== 'running') continue;
    const state = `${s.state}${s.override ? ' (OVERRIDE)' : ''}`;
    // An approval is done by its approvers: the CR names them, not a blank.
    const approvers = s.approvals?.given ?? [];
    const by = s.doneBy ? [s.doneBy] : approvers;
    const at = s.doneAt ?? (approvers.length ? Math.max(...approvers.map((a) => a.at)) : null);
    lines.push(`| ${cell(s.gateId)} | ${cell(s.title)} | ${s.regionId ?? 'all'} | ${state} | ${by.length ? cell(by.map((a) => `${a.name} (${a.role})`).join(', ')) : '—'} | ${iso(at)} | ${s.exitCode ?? ''} |`);
  }
  const overrides = steps.filter((s) => s.override);
  if (overrides.length) {
    lines.push('', '## Overrides', '');
    for (const s of overrides) {
      const o = s.override!;
      lines.push(`- **OVERRIDE** ${s.title}${s.regionId ? ` in ${s.regionId}` : ''} at ${iso(o.at)} by ${o.by.name}: ${o.reason} — approved by ${o.approvers.map((a) => `${a.name} (${a.role})`).join(', ')}`);
    }
  }
  const fixForwards = Object.values(record.fixForwards);
  if (fixForwards.length) {
    // Issue 19: a breach answered by fixing forward is on the CR, with who decided, why, how severe and how it ended.
    lines.push('', '## Fix forwards', '', '| Handover | Severity | Decided by | At | Reason | Readings | Deadline | Outcome |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const f of fixForwards) {
      const readings = readingsLine(f.values);
      const rolledBack = record.rollbacks[f.handoverId];
      const outcome = f.status === 'landed' ? `landed: ${f.fixHandover ?? '—'} at ${iso(f.endedAt)}` : f.status === 'expired' ? `expired at ${iso(f.endedAt)}` : rolledBack ? `rolled back instead at ${iso(rolledBack.startedAt)}` : 'fixing';
      lines.push(`| ${f.handoverId} | ${cell(f.severity)} | ${cell(`${f.decidedBy.name} (${f.decidedBy.role})`)} | ${iso(f.decidedAt)} | ${cell(f.reason)} | ${cell(readings)} | ${iso(f.deadline)} | ${cell(outcome)} |`);
    }
  }
  lines.push('', '## Verification', '');
  const regionsWithBaseline = [...new Set(record.baselines.map((b) => b.regionId))];
  if (regionsWithBaseline.length === 0) lines.push('No baseline was captured.');
  for (const regionId of regionsWithBaseline) {
    const table = verificationTable(regionId);
    if (!table) continue;
    const moment = verificationMoment(regionId);
    const when = moment ? `Current values at ${iso(moment.at)}, when "${moment.step}" completed.` : `No metric gate has completed in ${regionId}: current values at the export, ${iso(view.now)}.`;
    lines.push(`### ${regionId}`, '', when, '', '```', table, '```', '');
  }
  lines.push('## QA checklist', '', 'Every tick in the order it was recorded: a failure stays on record after the item is reopened and passed.', '');
  lines.push('| Item | Outcome | By | At | Note | Link |', '| --- | --- | --- | --- | --- | --- |');
  for (const q of view.qa) {
    const ticks = qaTicksOf(record, q.id);
    if (ticks.length === 0) lines.push(`| ${cell(q.title)} | open | — | — |  |  |`);
    ticks.forEach((t, i) => {
      // An item set back to open after a pass or a failure was reopened, not "open" as if never ticked.
      const outcome = t.outcome === 'open' && i > 0 ? 'reopened' : t.outcome;
      lines.push(`| ${cell(q.title)} | ${outcome} | ${cell(`${t.by.name} (${t.by.role})`)} | ${iso(t.at)} | ${cell(t.note ?? '')} | ${cell(t.link ?? '')} |`);
    });
  }
  lines.push('', '## Console shell commands', '');
  // Issue 16: a workspace tool typed into one of the console's shells, what the console said, and what ran.
  if (record.shellCommands.length === 0) lines.push('No workspace tool was typed into a console shell.');
  else lines.push('| At | By | Region | Command | Decision | Exit |', '| --- | --- | --- | --- | --- | --- |');
  for (const c of record.shellCommands) {
    const what = c.step ? `step ${c.step}` : c.handover ? `rollback of ${c.handover}` : 'read-only';
    const decision = c.decision === 'allowed' ? `allowed (${what})` : `${c.decision === 'runAnyway' ? 'RUN ANYWAY' : 'declined'} — refused: ${c.reasons.join(' ')}`;
    const exit = c.decision === 'declined' ? 'not run' : c.exitCode === null ? '—' : String(c.exitCode);
    lines.push(`| ${iso(c.at)} | ${cell(`${c.by.name} (${c.by.role})`)} | ${c.region ?? '—'} | ${cell(`\`${describeArgv(c.argv)}\``)} | ${cell(decision)} | ${exit} |`);
  }
  lines.push('', '## Command transcripts', '');
  const runs = Object.values(record.runs).flat().sort((a, b) => a.startedAt - b.startedAt);
  if (runs.length === 0) lines.push('No command was run.');
  for (const run of runs) {
    lines.push(`#### \`${describeArgv(run.argv)}\` — ${run.regionId ?? 'no region'} — exit ${run.exitCode}`, '', `${iso(run.startedAt)} → ${iso(run.endedAt)}`, '');
  }
  lines.push(...transcriptSection(transcripts));
  return { filename: `cr-evidence-${view.release.id}-${fileStamp(view.now)}.md`, mediaType: 'text/markdown', content: lines.join('\n') + '\n' };
}

/**
 * Issue 16: every transcript, step runs' and console shells' alike, by name, size and SHA-256, so the CR
 * shows a shell was used and the files can be checked against it; the text follows only when asked for.
 */
function transcriptSection(transcripts: readonly TranscriptEvidence[]): string[] {
  const lines = ['## Transcripts', ''];
  if (transcripts.length === 0) return [...lines, 'No transcript was kept: no command ran and no console shell was opened.', ''];
  lines.push('| Transcript | Kind | Region | Opened by | Started | Ended | Exit | Size (bytes) | SHA-256 |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const t of transcripts) {
    const kind = t.kind === 'shell' ? 'console shell' : `step: ${cell(t.title)}`;
    const sha = t.differsFromLog ? `${t.sha256} (CHANGED since its close was logged)` : t.sha256;
    lines.push(`| ${t.name} | ${kind} | ${t.regionId ?? '—'} | ${t.by ? cell(t.by) : '—'} | ${iso(t.startedAt)} | ${t.endedAt === null ? 'still open' : iso(t.endedAt)} | ${t.exitCode ?? ''} | ${t.bytes} | ${sha} |`);
  }
  const withContent = transcripts.filter((t) => t.content !== null);
  if (withContent.length === 0) return [...lines, '', 'Transcript contents are not attached to this export.', ''];
  lines.push('', '## Transcript contents', '', 'As kept, credentials redacted and escape sequences neutralised; each hash is of the stored transcript.', '');
  for (const t of withContent) {
    const text = neutraliseEscapes(t.content!).trimEnd();
    // A fence longer than any run of backticks in the text, so a transcript cannot close it early.
    const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    lines.push(`### ${t.name}`, '', fence, text, fence, '');
  }
  return lines;
}

/** Seed 002's deployment log entry, one JSON object per deployment: built from the release's log (issue 17). */
export function deploymentLogEntry({ view, record, environment, logHead, logFindings, transcripts, outcome }: EvidenceInput): ExportedFile {
  const approvals = [...new Set(Object.values(record.approvals).flatMap((given) => given.map((a) => `${a.name} (${a.role})`)))];
  const entry = {
    ...deploymentLog({
      deployment: outcome.deployment,
      at: view.now,
      environment,
      operator: view.operator,
      strategy: outcome.strategy,
      approvals,
      verification: `cr-evidence-${view.release.id}-${fileStamp(view.now)}.md`,
    }),
    overrides: record.overrides.map((o) => ({ step: o.stepId, region: o.region, reason: o.reason })),
    // Issue 19: only where a breach was fixed forward, so seed 002's entry keeps its fields otherwise.
    ...(Object.keys(record.fixForwards).length
      ? { fixForwards: Object.values(record.fixForwards).map((f) => ({ handover: f.handoverId, severity: f.severity, decidedBy: f.decidedBy.name, decidedAt: iso(f.decidedAt), reason: f.reason, deadline: iso(f.deadline), status: f.status, fixHandover: f.fixHandover })) }
      : {}),
    releaseLogHead: { seq: logHead.seq, sha256: logHead.hash },
    // Only while there are some, so seed 002's entry keeps its fields otherwise.
    ...(logFindings.length ? { releaseLogFindings: logFindings.map((f) => ({ ...f, acknowledged: false })) } : {}),
    transcripts: transcripts.map((t) => ({
      name: t.name,
      kind: t.kind,
      region: t.regionId,
      openedBy: t.by,
      startedAt: iso(t.startedAt),
      endedAt: t.endedAt === null ? null : iso(t.endedAt),
      exitCode: t.exitCode,
      bytes: t.bytes,
      sha256: t.sha256,
      ...(t.differsFromLog ? { changedSinceLogged: true } : {}),
      ...(t.content !== null ? { content: t.content } : {}),
    })),
  };
  return { filename: `deploy_${fileStamp(view.now)}.json`, mediaType: 'application/json', content: JSON.stringify(entry, null, 2) + '\n' };
}

/** Issue 19: the text a Slack post carries: the announcement, then the included handovers' tickets and diffs to follow. */
export function postedAnnouncement(kind: AnnouncementKind, input: EvidenceInput): string {
  const included = new Set(input.outcome.deployment.handovers.filter((h) => h.excludedBecause === null).map((h) => h.id));
  const references = referenceLines(input.outcome.release.handovers.filter((h) => included.has(h.id)));
  return [announcement(kind, input).content.trimEnd(), ...(references.length ? ['', ...references] : [])].join('\n');
}

/** Seed 001's channel posts: deployment starting, complete, rollback initiated; each from what the log says happened. */
export function announcement(kind: AnnouncementKind, { view, record, outcome }: EvidenceInput, reason?: string): ExportedFile {
  const input = { release: outcome.release, deployment: outcome.deployment, at: view.now, owner: view.operator };
  const body =
    kind === 'start'
      ? startAnnouncement(input)
      : kind === 'complete'
        ? completeAnnouncement(input)
        : kind === 'testing-failure'
          ? testingFailureAnnouncementLines(outcome.testingFailures)
          : rollbackAnnouncementLines(input, Object.values(record.rollbacks), reason);
  return { filename: `announcement-${kind}-${fileStamp(view.now)}.txt`, mediaType: 'text/plain', content: body.join('\n') + '\n' };
}
