import type { Result, TerminalReplay } from '../../shared/api';

export interface TerminalOutputChunk {
  sessionId: string;
  data: string;
  offset: number;
}

export interface Reattached {
  /** What to hand the terminal views, in order: what they missed, then live output that came meanwhile. */
  chunks: TerminalOutputChunk[];
  /** Replay chars main counted as sent that the views will not write (they already had them): to acknowledge at once. */
  alreadyShown: number;
}

/** Said in the terminal when the socket was down longer than the replay buffer reaches back. */
export function missedNotice(chars: number): string {
  return `\r\n\x1b[2m[release-console: ${chars.toLocaleString('en-GB')} characters of output went by while this window was disconnected; the most recent follow]\x1b[0m\r\n`;
}

/**
 * Keeps a window's terminals whole across a new socket. Main drops a window's socket when it falls too
 * far behind (main/serve/send-budget.ts) or restarts; the new socket then attaches again to every
 * session the window showed and hands the views exactly what they missed, from the session's replay,
 * as a reload would, without the reload. Live output is passed on once, in offset order.
 */
export class TerminalResync {
  private readonly attached = new Set<string>();
  /** The latest attach or detach asked for, per session: an attach answered after a later detach does not count. */
  private readonly latestRequest = new Map<string, number>();
  /** Offset just past the output the views were handed, per session. */
  private readonly delivered = new Map<string, number>();
  /** Live output that arrived on the new socket before the session's replay did. */
  private readonly held = new Map<string, TerminalOutputChunk[]>();
  private requests = 0;

  /** Before a call goes out; returns the ticket to pass to `answered`. */
  requested(call: string, payload: unknown): number {
    const ticket = ++this.requests;
    const sessionId = (payload as { sessionId?: unknown } | null)?.sessionId;
    if (typeof sessionId !== 'string') return ticket;
    if (call === 'attachTerminal') this.latestRequest.set(sessionId, ticket);
    if (call === 'detachTerminal' || call === 'closeTerminal') {
      this.latestRequest.set(sessionId, ticket);
      this.attached.delete(sessionId);
    }
    return ticket;
  }

  answered(call: string, ticket: number, result: Result<unknown>): void {
    if (!result.ok || (call !== 'attachTerminal' && call !== 'openTerminal')) return;
    const { info, replayEnd } = result.value as TerminalReplay;
    if (call === 'attachTerminal' && (this.latestRequest.get(info.sessionId) ?? 0) > ticket) return;
    this.attached.add(info.sessionId);
    // The view writes this replay itself; live output up to its end is already in it.
    this.delivered.set(info.sessionId, Math.max(this.delivered.get(info.sessionId) ?? 0, replayEnd));
  }

  /** A live chunk from the socket: what of it the views have not had yet (nothing while its session resyncs). */
  receive(chunk: TerminalOutputChunk): TerminalOutputChunk[] {
    const held = this.held.get(chunk.sessionId);
    if (held) {
      held.push(chunk);
      return [];
    }
    return this.unseen(chunk);
  }

  /** The socket is new: the sessions to attach again. Their live output is held until `reattached`. */
  reattachAll(): string[] {
    for (const sessionId of this.attached) this.held.set(sessionId, []);
    return [...this.attached];
  }

  reattached(sessionId: string, result: Result<TerminalReplay>): Reattached {
    const held = this.held.get(sessionId) ?? [];
    this.held.delete(sessionId);
    if (!result.ok) {
      // The session is gone (closed while the socket was down): its view shows what it had.
      this.attached.delete(sessionId);
      return { chunks: [], alreadyShown: 0 };
    }
    const { replay, replayEnd } = result.value;
    const replayStart = replayEnd - replay.length;
    const last = this.delivered.get(sessionId) ?? replayStart;
    const chunks: TerminalOutputChunk[] = [];
    if (last < replayStart) chunks.push({ sessionId, data: missedNotice(replayStart - last), offset: last });
    const from = Math.max(last, replayStart);
    if (from < replayEnd) chunks.push({ sessionId, data: replay.slice(from - replayStart), offset: from });
    this.delivered.set(sessionId, Math.max(last, replayEnd));
    for (const chunk of held) chunks.push(...this.unseen(chunk));
    return { chunks, alreadyShown: replay.length - Math.max(0, replayEnd - from) };
  }

  private unseen(chunk: TerminalOutputChunk): TerminalOutputChunk[] {
    const last = this.delivered.get(chunk.sessionId);
    const end = chunk.offset + chunk.data.length;
    if (last !== undefined && end <= last) return [];
    this.delivered.set(chunk.sessionId, end);
    if (last === undefined || chunk.offset >= last) return [chunk];
    return [{ ...chunk, data: chunk.data.slice(last - chunk.offset), offset: last }];
  }
}
