import type { AlertView } from '../../shared/api';

/** Where this window remembers the alerts it collapsed: per origin, as the theme is. A view preference, never logged. */
const STORAGE_KEY = 'release-console.collapsed-alerts';

/** Alerts remembered at once: a release's failures are a handful; the oldest go first so the entry never grows. */
const KEPT = 50;

/**
 * One failure, not one item: the release, the alert and when it was raised. An item failed again later is a new
 * failure, and its banner opens at full size again.
 */
export function collapsedAlertKey(releaseId: string, alert: Pick<AlertView, 'id' | 'at'>): string {
  return `${releaseId}|${alert.id}|${alert.at}`;
}

function saved(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    // Storage off (a locked-down profile) or the entry unreadable: every banner shows at full size, the safe side.
    return [];
  }
}

export function isAlertCollapsed(key: string): boolean {
  return saved().includes(key);
}

export function rememberAlertCollapsed(key: string, collapsed: boolean): void {
  const keys = saved().filter((k) => k !== key);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify((collapsed ? [...keys, key] : keys).slice(-KEPT)));
  } catch {
    // As above: the choice lasts until the window reloads.
  }
}
