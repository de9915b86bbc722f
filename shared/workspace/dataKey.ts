/**
 * The name of a workspace's own data folder (state, audit log, transcripts, rehearsals) under the user's
 * data folder, so opening another workspace never mixes two records. A workspace that declares an `id` in
 * workspace.yaml keeps its folder when it is moved; otherwise its folder name plus a digest of its path
 * tells two checkouts of the same runbooks apart.
 */
export function workspaceDataKey(workspace: { id?: string; isDemo: boolean; folderName: string; pathDigest: string }): string {
  if (workspace.isDemo) return 'demo';
  if (workspace.id) return workspace.id;
  const slug = workspace.folderName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (!/^[0-9a-f]{8,}$/.test(workspace.pathDigest)) throw new RangeError(`A workspace path digest is hex, at least 8 digits, not "${workspace.pathDigest}".`);
  return `${slug || 'workspace'}-${workspace.pathDigest.slice(0, 12)}`;
}
