import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stepVerdict } from '../../shared/engine/decide';
import { initialState } from '../../shared/engine/fold';
import { ConsoleStateFile, emptyConsoleState, type ConsoleState } from '../../shared/engine/state';
import type { Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { defaultDataDir } from '../terminal/environment';
import type { CheckIo } from './check';
import { iso, known } from './check';

export interface StepCheck {
  release: string;
  step: string;
  region: string | null;
  dataDir: string | undefined;
  rehearsal: boolean;
  json: boolean;
  at: number;
}

/** The recorded state, read only: a missing file is a release nobody has started; a damaged one is an error, never a fresh start. */
async function recordedState(file: string): Promise<ConsoleState | string> {
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
  const file = path.join(request.dataDir ?? defaultDataDir(), request.rehearsal ? 'rehearsal' : 'live', 'state.json');
  const state = await recordedState(file);
  if (typeof state === 'string') {
    io.err(`release-console check: ${state}`);
    return 2;
  }
  // No metric facts: a pipeline has no poll; a metric gate's verdict to start does not read them.
  const actor = state.operator ?? { name: 'release-console check', role: 'PE' };
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
