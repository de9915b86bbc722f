/**
 * What the status bar says about the team store, and what a desk answers when it cannot share a change.
 * One place for both, so the status bar and a refused intent always tell the same story.
 */
export type StoreReachability = { kind: 'alone' } | { kind: 'connected'; since: number } | { kind: 'unreachable'; since: number; error: string };

function clockTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 16);
}

/** "Team store: carol@example.com (on-call PE)" or "Shared log unreachable since 14:02 UTC — read-only: …". */
export function storeStatusLine(reachability: StoreReachability, who: { name: string; roles: readonly string[] }): string {
  const desk = `${who.name}${who.roles.length ? ` (${who.roles.join(', ')})` : ''}`;
  switch (reachability.kind) {
    case 'alone':
      return `Working alone as ${desk}: no team store in workspace.yaml`;
    case 'connected':
      return `Team store: ${desk}`;
    case 'unreachable':
      return `Shared log unreachable since ${clockTime(reachability.since)} UTC — read-only: showing the last shared state; changes are refused until it answers`;
  }
}

/**
 * Why a change is refused while the store cannot be reached, or null when it may go ahead. A desk never
 * applies what the store has not accepted, so every intent that changes anything waits for the store.
 */
export function offlineRefusal(reachability: StoreReachability, intent: string): string | null {
  if (reachability.kind !== 'unreachable') return null;
  return `${intent} was not done: the team store has not answered since ${clockTime(reachability.since)} UTC (${reachability.error}), and a change the other desks cannot see is never applied. Try again when the status bar shows the store connected.`;
}
