import { lstat, readFile, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseWorkspace } from '../../shared/workspace/parse';
import type { WorkspaceFileText } from '../../shared/workspace/parse';
import type { WorkspaceLoadResult } from '../../shared/workspace/workspace';
import { packageRoot } from '../paths';
import { loadCalendarFreezes } from './calendars';
import type { CalendarLoadOptions, CalendarSources } from './calendars';
import type { CalendarStatus } from '../../shared/calendar/calendarStatus';

export type { WorkspaceLoadResult } from '../../shared/workspace/workspace';
export type { CalendarLoadOptions } from './calendars';

/** A loaded workspace with its calendar freezes read in, and how each calendar was read. */
export type LoadedWorkspace = Exclude<WorkspaceLoadResult, { ok: true }> | (Extract<WorkspaceLoadResult, { ok: true }> & { calendars: CalendarStatus[]; calendarSources: CalendarSources });

const YAML_FILE = /\.ya?ml$/;

type Listing = { ok: true; names: string[] } | { ok: false; result: WorkspaceLoadResult };

function failure(file: string, message: string): WorkspaceLoadResult {
  return { ok: false, errors: [{ file, line: 1, column: 1, message }] };
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Where a workspace path really is: a symlink is followed, files and folders alike, and the target must
 * be inside the workspace folder. A runbook linked in from elsewhere would let a file nobody reviewed with
 * the workspace decide what runs in production, so such a link is refused with its path, not followed.
 */
async function resolveInside(root: string, relativePath: string): Promise<{ ok: true; real: string } | { ok: false; message: string }> {
  const where = path.join(root, ...relativePath.split('/'));
  let real: string;
  try {
    real = await realpath(where);
  } catch {
    return { ok: false, message: `${relativePath} is a symbolic link to ${await readlink(where).catch(() => 'nothing')}, which does not exist.` };
  }
  if (!isInside(root, real)) return { ok: false, message: `${relativePath} resolves to ${real}, outside the workspace folder ${root}; a workspace may only link to files inside it.` };
  return { ok: true, real };
}

/** The YAML files of one folder, symlinks followed (inside the workspace only). */
async function yamlFilesIn(root: string, dir: string, prefix: string): Promise<Listing> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries.filter((e) => YAML_FILE.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = prefix + entry.name;
    if (entry.isSymbolicLink()) {
      const resolved = await resolveInside(root, name);
      if (!resolved.ok) return { ok: false, result: failure(name, resolved.message) };
      if ((await stat(resolved.real)).isFile()) names.push(name);
    } else if (entry.isFile()) {
      names.push(name);
    }
  }
  return { ok: true, names };
}

/**
 * Reads every YAML file of a workspace folder (and runbooks/); shared/ validates them as one whole. Then
 * the freezes kept in calendars are read in, so every caller sees them as ordinary freezes.
 */
export async function loadWorkspace(dir: string, calendarOptions: CalendarLoadOptions = {}): Promise<LoadedWorkspace> {
  const result = await loadWorkspaceFiles(dir);
  if (!result.ok) return result;
  const root = await realpath(path.resolve(dir));
  const { workspace, calendars, sources } = await loadCalendarFreezes(result.workspace, root, calendarOptions);
  return { ok: true, workspace, calendars, calendarSources: sources };
}

async function loadWorkspaceFiles(dir: string): Promise<WorkspaceLoadResult> {
  let root = path.resolve(dir);
  try {
    if (!(await stat(root)).isDirectory()) return failure(root, `${root} is not a folder; a workspace is a folder of YAML files.`);
    // The folder itself may be reached through a link; "inside" is judged against where it really is.
    root = await realpath(root);
  } catch {
    return failure(root, `There is no workspace folder at ${root}.`);
  }
  try {
    const top = await yamlFilesIn(root, root, '');
    if (!top.ok) return top.result;
    const names = top.names;
    const runbooks = await lstat(path.join(root, 'runbooks')).catch(() => null);
    if (runbooks?.isSymbolicLink()) {
      const resolved = await resolveInside(root, 'runbooks');
      if (!resolved.ok) return failure('runbooks', resolved.message);
    }
    const hasRunbooks = await stat(path.join(root, 'runbooks')).then((s) => s.isDirectory(), () => false);
    if (hasRunbooks) {
      const listed = await yamlFilesIn(root, path.join(root, 'runbooks'), 'runbooks/');
      if (!listed.ok) return listed.result;
      names.push(...listed.names);
    }
    const texts: WorkspaceFileText[] = await Promise.all(
      names.map(async (name) => ({ path: name, text: await readFile(path.join(root, ...name.split('/')), 'utf8') })),
    );
    return parseWorkspace(texts, path.basename(path.resolve(dir)));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'an unknown error';
    return failure(root, `The workspace folder ${root} could not be read (${reason}).`);
  }
}

/** The embedded demo workspace (seed 000), found from the source tree and from the bundled out/ alike. */
export function demoWorkspaceDir(): string {
  return path.join(packageRoot(), 'workspaces', 'demo');
}
