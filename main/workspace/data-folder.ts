import { createHash } from 'node:crypto';
import path from 'node:path';
import { workspaceDataKey } from '../../shared/workspace/dataKey';
import { defaultDataDir } from '../terminal/environment';

/**
 * A workspace's own data folder (its release log, snapshot and transcripts, live and rehearsal) under
 * `root` (Electron's user-data folder, or ~/.release-console): the console and `check --release` read the
 * same one.
 */
export function workspaceDataFolder(workspace: { id?: string | undefined }, dir: string, isDemo: boolean, root: string = defaultDataDir()): string {
  const resolved = path.resolve(dir);
  const key = workspaceDataKey({ id: workspace.id, isDemo, folderName: path.basename(resolved), pathDigest: createHash('sha256').update(resolved).digest('hex') });
  return path.join(root, 'workspaces', key);
}
