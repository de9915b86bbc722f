/**
 * Whether the packaged app checks for updates. The feed is fixed at build time: electron-builder writes
 * `app-update.yml` into the app's resources only when `electron-builder.yml` names a `publish` provider,
 * and electron-updater reads that file alone. The console never calls `setFeedURL`, so neither a workspace
 * nor an environment variable can point the app at another feed.
 */
export type UpdateDecision = { check: true } | { check: false; reason: string };

export function updateDecision(build: { isPackaged: boolean; updateConfig: string | null }): UpdateDecision {
  if (!build.isPackaged) return { check: false, reason: 'a development build does not update itself' };
  if (build.updateConfig === null || build.updateConfig.trim() === '') {
    return { check: false, reason: 'this build names no update feed (electron-builder.yml has no publish provider)' };
  }
  if (!/^provider:\s*\S+/m.test(build.updateConfig)) {
    return { check: false, reason: "this build's app-update.yml names no provider" };
  }
  return { check: true };
}
