import type { ConnectionState } from '../api/ws-client';

/**
 * The connection in words, for the status bar and for the screen while its first view is on its way: both
 * read the same state, so the screen never says "Connecting to the console…" under a bar that says "Connected".
 */
export const CONNECTION_LABEL: Record<ConnectionState, string> = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected — retrying' };

/** What the screen says before main's first view of the release has arrived. */
export function waitingForViewWords(connection: ConnectionState): string {
  if (connection === 'open') return 'Connected: loading the release…';
  if (connection === 'closed') return 'Not connected to the console: retrying…';
  return 'Connecting to the console…';
}
