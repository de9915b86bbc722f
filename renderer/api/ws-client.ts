import {
  callNames,
  eventNames,
  EventEnvelope,
  ReplyEnvelope,
  subscriptionKey,
  type ConsoleApi,
  type EventName,
  type Result,
  type TerminalReplay,
} from '../../shared/api';
import { decodeTerminalFrame } from '../../shared/api/terminalFrame';
import { markFlood, recordFloodMarks } from '../../shared/terminal/floodTrace';
import type { LaneCommand, LaneReport } from './lane-messages';
import { TerminalResync, type TerminalOutputChunk } from './terminal-resync';

/** How long to wait before reconnecting after the socket drops (the serve process restarting). */
const RECONNECT_DELAY_MS = 1_000;

/** How long a session whose lane was lost waits for a new one; its output comes on the API socket meanwhile. */
const LANE_RETRY_MS = 1_000;

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** A WebSocket address on the server that served the page. */
function socketUrl(pathAndQuery: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${pathAndQuery}`;
}

/**
 * Browser mode's transport: the same ConsoleApi the Electron preload exposes, over the loopback
 * WebSocket. The token rides in a cookie the page load set, so it is not repeated here. When the socket
 * drops (the server lets a window go that fell too far behind, or restarts) it reconnects, and the
 * window is brought up to date as a reload would: boot.ts reloads the snapshots on 'open', and the
 * terminals are attached again and handed what they missed (terminal-resync.ts).
 *
 * Each terminal session the window is attached to has its output on a socket of its own, a lane
 * (main/serve/output-lanes.ts), so one shell's flood cannot queue ahead of another shell's echo. The
 * lanes are read by a worker (lane-worker.ts), so output keeps arriving while xterm.js parses.
 */
export function createWebSocketApi(onConnection: (state: ConnectionState) => void): ConsoleApi {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(eventNames.map((e) => [e, new Set()]));
  const queue: string[] = [];
  const terminals = new TerminalResync();
  // How the flood timeline bench (test/bench/flood-timeline.bench.ts) records the page's marks.
  (globalThis as { recordFloodMarks?: typeof recordFloodMarks }).recordFloodMarks = recordFloodMarks;
  let socket: WebSocket;
  /** Names this socket's lanes to main; new with each socket, known only to this page. */
  let laneKey = '';
  /** The lane each session's output comes on, by the number the lane worker knows it by. */
  const lanes = new Map<string, number>();
  let nextLane = 1;
  /** Reads the lanes (lane-worker.ts). Where there are no workers (Node, in the unit tests) there are no lanes: output comes on the API socket. */
  const laneWorker = typeof Worker === 'undefined' ? null : new Worker(new URL('./lane-worker.ts', import.meta.url), { type: 'module', name: 'terminal lanes' });
  let nextId = 1;
  let hasOpened = false;

  function emit(event: EventName, payload: unknown): void {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  function invoke(call: string, payload: unknown): Promise<Result<unknown>> {
    return new Promise<Result<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const message = JSON.stringify({ id, call, payload: payload ?? {} });
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    });
  }

  function reattachTerminals(sessionIds: string[], laneAfterMs = 0): void {
    for (const sessionId of sessionIds) {
      void invoke('attachTerminal', { sessionId }).then((result) => {
        const { chunks, alreadyShown } = terminals.reattached(sessionId, result as Result<TerminalReplay>);
        for (const chunk of chunks) emit('terminalOutput', chunk);
        // Main counts the whole replay as owed; the views only acknowledge what they write.
        if (alreadyShown > 0) void invoke('ackTerminal', { sessionId, chars: alreadyShown });
        if (result.ok) setTimeout(() => openLane(sessionId), laneAfterMs);
      });
    }
  }

  /** A binary frame from the API socket or a lane: one session's output. */
  function receiveFrame(frame: ArrayBuffer): void {
    markFlood('frameReceived', frame.byteLength);
    const output = decodeTerminalFrame(frame);
    // A frame this page cannot read is dropped, as an envelope it cannot read is, and said in the console.
    if ('error' in output) return console.error(`release-console: ${output.error}`);
    for (const chunk of terminals.receive(output)) emit('terminalOutput', chunk);
  }

  /** The session a lane still carries, or undefined once the page has closed or replaced it. */
  function laneSession(lane: number): string | undefined {
    for (const [sessionId, current] of lanes) if (current === lane) return sessionId;
    return undefined;
  }

  laneWorker?.addEventListener('message', ({ data: report }: MessageEvent<LaneReport>) => {
    if ('frame' in report) {
      // A frame the worker read before the page closed its lane is dropped, as a closed WebSocket's would be.
      if (laneSession(report.lane) !== undefined) receiveFrame(report.frame);
      return;
    }
    const sessionId = laneSession(report.closed);
    if (sessionId === undefined) return;
    // Lost while the window still shows the session (main let it go, too far behind): frames may have gone
    // with it. The session is attached again and handed what it missed, as after a new socket.
    lanes.delete(sessionId);
    if (socket.readyState === WebSocket.OPEN && terminals.reattachOne(sessionId)) reattachTerminals([sessionId], LANE_RETRY_MS);
  });

  function tellLanes(command: LaneCommand): void {
    laneWorker?.postMessage(command);
  }

  function openLane(sessionId: string): void {
    if (laneWorker === null || lanes.has(sessionId) || socket.readyState !== WebSocket.OPEN || !terminals.isAttached(sessionId)) return;
    const lane = nextLane++;
    lanes.set(sessionId, lane);
    tellLanes({ open: lane, url: socketUrl(`/api/lane?lanes=${laneKey}&session=${encodeURIComponent(sessionId)}`) });
  }

  function closeLane(sessionId: string): void {
    const lane = lanes.get(sessionId);
    lanes.delete(sessionId);
    if (lane !== undefined) tellLanes({ close: lane });
  }

  function connect(): void {
    onConnection('connecting');
    laneKey = crypto.randomUUID();
    socket = new WebSocket(socketUrl(`/api?lanes=${laneKey}`));
    // Terminal output comes as binary frames (shared/api/terminalFrame.ts), read here as ArrayBuffers.
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('open', () => {
      if (hasOpened) reattachTerminals(terminals.reattachAll());
      hasOpened = true;
      onConnection('open');
      for (const message of queue.splice(0)) socket.send(message);
    });
    socket.addEventListener('message', (event) => {
      if (event.data instanceof ArrayBuffer) return receiveFrame(event.data);
      const data: unknown = JSON.parse(String(event.data));
      const reply = ReplyEnvelope.safeParse(data);
      if (reply.success && 'result' in (data as object)) {
        const resolve = reply.data.id === null ? undefined : pending.get(reply.data.id);
        if (resolve) {
          pending.delete(reply.data.id!);
          resolve(reply.data.result as Result<unknown>);
        }
        return;
      }
      const pushed = EventEnvelope.safeParse(data);
      if (!pushed.success) return;
      if (pushed.data.event !== 'terminalOutput') return emit(pushed.data.event as EventName, pushed.data.payload);
      for (const chunk of terminals.receive(pushed.data.payload as TerminalOutputChunk)) emit('terminalOutput', chunk);
    });
    socket.addEventListener('close', () => {
      onConnection('closed');
      // Main closed this socket's lanes with it; the sessions are attached again on the next socket.
      for (const sessionId of [...lanes.keys()]) closeLane(sessionId);
      // Calls in flight cannot be answered by a new socket: fail them visibly rather than hang.
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'unavailable', message: 'The connection to the console was lost.' } });
        pending.delete(id);
      }
      // What waited for this socket was just answered "lost": sent on the next one, a Run the PE was told had
      // failed would still run once the console came back.
      queue.length = 0;
      setTimeout(connect, RECONNECT_DELAY_MS);
    });
  }

  connect();

  const api: Record<string, unknown> = {};
  for (const call of callNames) {
    api[call] = async (payload: unknown) => {
      if (call === 'ackTerminal') markFlood('ackSent', (payload as { chars: number }).chars);
      const ticket = terminals.requested(call, payload);
      if (call === 'detachTerminal' || call === 'closeTerminal') closeLane((payload as { sessionId: string }).sessionId);
      const result = await invoke(call, payload);
      terminals.answered(call, ticket, result);
      if (result.ok && (call === 'attachTerminal' || call === 'openTerminal')) openLane((result.value as TerminalReplay).info.sessionId);
      return result;
    };
  }
  for (const event of eventNames) {
    api[subscriptionKey(event)] = (listener: (payload: unknown) => void) => {
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    };
  }
  return api as ConsoleApi;
}
