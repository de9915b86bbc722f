import type { WebSocket } from 'ws';

/**
 * A window's terminal output, one WebSocket per session it shows (a "lane"), beside its API socket.
 *
 * On the one API socket, a keystroke's echo in one shell queued behind the output of another shell's
 * flood: every byte main had sent ahead of it (up to the flow-control window, 2 M chars) had to reach the
 * page first, a message at a time between xterm.js's parses. Issue 18 measured the echo's p95 at ~100 ms
 * with a 2 M window and 139–173 ms with 4–6 M. Chromium reads each socket on its own, so on its own lane
 * the echo waits only for the task the page is running, whatever another shell has queued. VS Code keeps
 * its terminals apart the same way (a channel per pty on its pty host's connection).
 *
 * A lane carries only `terminalOutput` frames, main to page. The page opens it once it is attached to the
 * session (its attach was answered), naming its API socket by the key that socket presented (`lanes=` in
 * its URL, random per socket, known only to that page) and the session. Until it opens, and after it
 * closes, the session's output goes on the API socket as before; the page orders a session's frames by
 * their offsets across the two (renderer/api/terminal-resync.ts).
 */
export class OutputLanes {
  /** The window (connection id) whose API socket presented each lane key. */
  private readonly windowOfKey = new Map<string, string>();
  /** Each open window's key, and its lanes by session. */
  private readonly windows = new Map<string, { key: string; lanes: Map<string, WebSocket> }>();

  /** A window's API socket presented `key`; an empty or reused key names no lane (its lanes stay on the API socket). */
  openWindow(window: string, key: string | null): void {
    if (!key || this.windowOfKey.has(key)) return;
    this.windowOfKey.set(key, window);
    this.windows.set(window, { key, lanes: new Map() });
  }

  /** The window the key belongs to, if its API socket is open. */
  windowOf(key: string | null): string | undefined {
    return key ? this.windowOfKey.get(key) : undefined;
  }

  /**
   * A lane for `session` of `window` opened; one it replaces is closed. False when the window's API socket
   * closed meanwhile (during the lane's handshake): the lane is not taken.
   */
  add(window: string, session: string, lane: WebSocket): boolean {
    const lanes = this.windows.get(window)?.lanes;
    if (!lanes) return false;
    const replaced = lanes.get(session);
    lanes.set(session, lane);
    replaced?.terminate();
    lane.on('close', () => {
      if (lanes.get(session) === lane) lanes.delete(session);
    });
    return true;
  }

  /** Where `session`'s output for `window` goes: its open lane, or undefined for the API socket. */
  route(window: string | undefined, session: string): WebSocket | undefined {
    if (window === undefined) return undefined;
    const lane = this.windows.get(window)?.lanes.get(session);
    return lane && lane.readyState === lane.OPEN ? lane : undefined;
  }

  /** The window's lanes. */
  of(window: string): Iterable<WebSocket> {
    return this.windows.get(window)?.lanes.values() ?? [];
  }

  /** The window's API socket closed: its key is void and its lanes close with it (the page attaches again on a new socket). */
  closeWindow(window: string): void {
    const open = this.windows.get(window);
    if (!open) return;
    this.windows.delete(window);
    this.windowOfKey.delete(open.key);
    for (const lane of open.lanes.values()) lane.terminate();
  }

  closeAll(): void {
    for (const window of [...this.windows.keys()]) this.closeWindow(window);
  }
}
