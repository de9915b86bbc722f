import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stepVerdict } from '../../shared/engine/decide';
import { ReleaseEvent } from '../../shared/engine/events';
import { applyEvent, initialState } from '../../shared/engine/fold';
import { ConsoleStateFile, emptyConsoleState, type ConsoleState } from '../../shared/engine/state';
import { latestRehearsal, REHEARSALS_FOLDER } from '../../shared/rehearsal/folder';
import type { Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace, stepOfRelease } from '../../shared/workspace/workspace';
import { firstRole } from '../../shared/workspace/roles';
import { LEGACY_STATE_FILE } from '../storage/legacy-migration';
import { foldedEventBody } from '../storage/log-entry';
import { scanLogReadOnly } from '../storage/log-read-only';
import { workspaceDataFolder } from '../workspace/data-folder';
import type { CheckIo } from './check';
import { iso, known } from './check';

export interface StepCheck {
  release: string;
  step: string;
  region: string | null;
  /** The workspace's data folder (holding live/ and rehearsals/); the console's own when absent. */
  dataDir: string | undefined;
  workspaceDir: string;
  isDemo: boolean;
  rehearsal: boolean;
  json: boolean;
  at: number;
}

/** The rehearsal in use with the latest start time; a folder with no log reads as nobody having started. */
function latestRehearsalDir(workspaceData: string): string {
  const rehearsals = path.join(workspaceData, REHEARSALS_FOLDER);
  const latest = latestRehearsal(existsSync(rehearsals) ? readdirSync(rehearsals) : []);
  return path.join(rehearsals, latest?.name ?? 'none');
}

/** Pre-log data: a state file, read only; a missing one is a release nobody has started. */
async function legacyState(file: string): Promise<ConsoleState | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyConsoleState();
    return `${file} could not be read: ${(error as Error).message}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `${file} is not JSON: ${(error as Error).message}`;
  }
  const parsed = ConsoleStateFile.safeParse(json);
  if (!parsed.success) return `${file} is not a console state: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`;
  return initialState(parsed.data);
}

/**
 * The recorded state, read only: the fold of the release log, checked line by line as the console checks
 * it at start; a log with a finding is an error, never an answer. Writes nothing (the console may be running).
 */
async function recordedState(folder: string): Promise<ConsoleState | string> {
  const { file, scan, finding } = await scanLogReadOnly(folder, ConsoleStateFile);
  if (finding) return `the release log ${file} is damaged (${finding.message}); open the console to see and acknowledge it.`;
  if (!scan.exists) return legacyState(path.join(folder, LEGACY_STATE_FILE));
  let state = emptyConsoleState();
  for (const { entry, line } of scan.entries) {
    if (entry.kind === 'genesis') {
      const genesis = ConsoleStateFile.safeParse((entry.body as { state?: unknown }).state);
      if (!genesis.success) return `${file}:${line}: the genesis entry holds no console state.`;
      state = initialState(genesis.data);
    } else if (entry.kind === 'event' || entry.kind === 'shared') {
      const event = ReleaseEvent.safeParse(foldedEventBody(entry));
      if (!event.success) return `${file}:${line}: not an event the console knows.`;
      state = applyEvent(state, event.data);
    }
  }
  return state;
}

/** `check --release R --step S`: the console's own verdict on one step, from `decide`, with the release's recorded state. */
export async function checkStep(workspace: Workspace, request: StepCheck, io: CheckIo): Promise<number> {
  const index = indexWorkspace(workspace);
  const release = index.releases.get(request.release);
  const problems = [
    !release && known('release', request.release, index.releases.keys()),
    request.region !== null && !index.regions.has(request.region) && known('region', request.region, index.regions.keys()),
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) {
    for (const problem of problems) io.err(`release-console check: ${problem}`);
    return 2;
  }
  const workspaceData = request.dataDir ?? workspaceDataFolder(workspace, request.workspaceDir, request.isDemo);
  const state = await recordedState(request.rehearsal ? latestRehearsalDir(workspaceData) : path.join(workspaceData, 'live'));
  if (typeof state === 'string') {
    io.err(`release-console check: ${state}`);
    return 2;
  }
  // No metric facts: a pipeline has no poll; a metric gate's verdict to start does not read them.
  // A pipeline asks whether the step's rules allow it, not whether a person may do it: it asks as the step's owner.
  const owner = stepOfRelease(workspace, request.release, request.step)?.owner ?? firstRole(workspace) ?? 'no role';
  const actor = { name: state.operator?.name ?? 'release-console check', role: owner };
  const verdict = stepVerdict({ release: request.release, step: request.step, region: request.region }, { ...state, metrics: {} }, request.at, actor, workspace);
  if ('code' in verdict) {
    io.err(`release-console check: ${verdict.message}`);
    return 2;
  }
  const result = { allowed: verdict.allowed, state: verdict.state, reasons: verdict.reasons, opensAt: iso(verdict.opensAt) };
  const where = `${request.release} ${request.step}${request.region ? ` in ${request.region}` : ''} at ${new Date(request.at).toISOString()}`;
  if (request.json) {
    io.out(JSON.stringify(result));
  } else if (result.allowed) {
    io.out(`allowed: ${where}`);
  } else {
    io.out(`${result.state === 'blocked' ? 'blocked' : `not allowed (${result.state})`}: ${where}`);
    for (const reason of result.reasons) io.out(`  - ${reason}`);
    if (result.state === 'blocked') io.out(result.opensAt ? `opens at ${result.opensAt}` : 'opens when the reasons above are dealt with, not by the clock');
  }
  return result.allowed ? 0 : 1;
}
