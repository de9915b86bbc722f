import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseWorkspace } from '../../shared/workspace/parse';
import type { WorkspaceFileText } from '../../shared/workspace/parse';
import type { WorkspaceLoadResult } from '../../shared/workspace/workspace';
import { packageRoot } from '../paths';

export type { WorkspaceLoadResult } from '../../shared/workspace/workspace';

const YAML_FILE = /\.ya?ml$/;

async function yamlFilesIn(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && YAML_FILE.test(e.name)).map((e) => prefix + e.name);
}

function failure(file: string, message: string): WorkspaceLoadResult {
  return { ok: false, errors: [{ file, line: 1, column: 1, message }] };
}

/** Reads every YAML file of a workspace folder (and runbooks/); shared/ validates them as one whole. */
export async function loadWorkspace(dir: string): Promise<WorkspaceLoadResult> {
  const root = path.resolve(dir);
  try {
    if (!(await stat(root)).isDirectory()) return failure(root, `${root} is not a folder; a workspace is a folder of YAML files.`);
  } catch {
    return failure(root, `There is no workspace folder at ${root}.`);
  }
  try {
    const names = await yamlFilesIn(root, '');
    const runbookDir = path.join(root, 'runbooks');
    const hasRunbooks = await stat(runbookDir).then((s) => s.isDirectory(), () => false);
    if (hasRunbooks) names.push(...(await yamlFilesIn(runbookDir, 'runbooks/')));
    const texts: WorkspaceFileText[] = await Promise.all(
      names.map(async (name) => ({ path: name, text: await readFile(path.join(root, ...name.split('/')), 'utf8') })),
    );
    return parseWorkspace(texts, path.basename(root));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'an unknown error';
    return failure(root, `The workspace folder ${root} could not be read (${reason}).`);
  }
}

/** The embedded demo workspace (seed 000), found from the source tree and from the bundled out/ alike. */
export function demoWorkspaceDir(): string {
  return path.join(packageRoot(), 'workspaces', 'demo');
}
