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
  /** Live output past a gap in what the views were handed, in offset order, until the gap fills. */
  private readonly early = new Map<string, TerminalOutputChunk[]>();
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
      this.early.delete(sessionId);
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
    for (const sessionId of this.attached) this.hold(sessionId);
    return [...this.attached];
  }

  /**
   * One session to attach again (its lane was lost, frames with it): its live output is held until
   * `reattached`, with what waited past a gap. False if the views are not attached to it, or it already resyncs.
   */
  reattachOne(sessionId: string): boolean {
    if (!this.attached.has(sessionId) || this.held.has(sessionId)) return false;
    this.hold(sessionId);
    return true;
  }

  private hold(sessionId: string): void {
    this.held.set(sessionId, [...(this.held.get(sessionId) ?? []), ...(this.early.get(sessionId) ?? [])]);
    this.early.delete(sessionId);
  }

  /** Whether the views are attached to the session (its answered attach was the latest asked for). */
  isAttached(sessionId: string): boolean {
    return this.attached.has(sessionId);
  }

  reattached(sessionId: string, result: Result<TerminalReplay>): Reattached {
    // The socket went down before the attach was answered (a lane lost as its socket was): the session is
    // still shown, and is attached again on the next socket, with what is held so far.
    if (!result.ok && result.error.code === 'unavailable') return { chunks: [], alreadyShown: 0 };
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
    for (const chunk of held.sort((a, b) => a.offset - b.offset)) chunks.push(...this.unseen(chunk));
    return { chunks, alreadyShown: replay.length - Math.max(0, replayEnd - from) };
  }

  private unseen(chunk: TerminalOutputChunk): TerminalOutputChunk[] {
    const { sessionId } = chunk;
    const last = this.delivered.get(sessionId);
    // Past a gap: a frame that came on the session's own socket (its lane) ahead of frames the API socket
    // still carries. It waits for them; they come, or the lane's or socket's loss resyncs the session.
    if (last !== undefined && chunk.offset > last) {
      this.keepEarly(chunk);
      return [];
    }
    const out = this.after(chunk, last);
    const early = this.early.get(sessionId);
    while (early && early.length > 0 && early[0]!.offset <= this.delivered.get(sessionId)!) out.push(...this.after(early.shift()!, this.delivered.get(sessionId)));
    if (early?.length === 0) this.early.delete(sessionId);
    return out;
  }

  /** What of `chunk` lies past `last`, the end of what the views were handed. */
  private after(chunk: TerminalOutputChunk, last: number | undefined): TerminalOutputChunk[] {
    const end = chunk.offset + chunk.data.length;
    if (last !== undefined && end <= last) return [];
    this.delivered.set(chunk.sessionId, end);
    if (last === undefined || chunk.offset >= last) return [chunk];
    return [{ ...chunk, data: chunk.data.slice(last - chunk.offset), offset: last }];
  }

  private keepEarly(chunk: TerminalOutputChunk): void {
    const early = this.early.get(chunk.sessionId) ?? [];
    const at = early.findIndex((e) => e.offset > chunk.offset);
    early.splice(at < 0 ? early.length : at, 0, chunk);
    this.early.set(chunk.sessionId, early);
  }
}
