import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../renderer/api/ws-client';
import { CONNECTION_LABEL, waitingForViewWords } from '../../../renderer/views/connection-words';

describe('the screen before its first view and the status bar say the same of the connection', () => {
  it.each<[ConnectionState, string, string]>([
    ['connecting', 'Connecting…', 'Connecting to the console…'],
    // Before: the screen said "Connecting to the console…" while the bar, reading the open socket, said "Connected".
    ['open', 'Connected', 'Connected: loading the release…'],
    ['closed', 'Disconnected — retrying', 'Not connected to the console: retrying…'],
  ])('%s: the bar says %j and the screen %j', (connection, bar, screen) => {
    expect(CONNECTION_LABEL[connection]).toBe(bar);
    expect(waitingForViewWords(connection)).toBe(screen);
  });

  it('only a connection still being made is called connecting on the screen', () => {
    for (const connection of ['open', 'closed'] as const) expect(waitingForViewWords(connection)).not.toMatch(/^Connecting/);
  });
});
