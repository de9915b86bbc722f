/**
 * The terminals' output lanes (main/serve/output-lanes.ts), read off the page's main thread.
 *
 * Chromium hands a WebSocket's frames to the thread that opened it through a small pipe (~128 kB) from
 * the network process, refilled only as that thread reads it. On the main thread, a flood then stopped
 * arriving while xterm.js parsed: each ~25 ms piece was followed by ~15 ms of fetching the next one a
 * pipe at a time, and the page parsed for under half of the flood (test/bench/flood-timeline.bench.ts,
 * issue 18). Here the lanes are read while the main thread parses, and each frame is handed over whole
 * (its buffer transferred, not copied), so a parsed piece finds the next one already in the page.
 *
 * Messages in: { open: laneId, url } opens a lane, { close: laneId } closes it.
 * Messages out: { frame: ArrayBuffer, lane: laneId } for each frame, { closed: laneId } once a lane is gone.
 */
import type { LaneCommand, LaneReport } from './lane-messages';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<LaneCommand>) => void): void;
  postMessage(message: LaneReport, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const lanes = new Map<number, WebSocket>();

scope.addEventListener('message', ({ data: command }) => {
  if ('close' in command) {
    lanes.get(command.close)?.close();
    lanes.delete(command.close);
    return;
  }
  const lane = command.open;
  const socket = new WebSocket(command.url);
  socket.binaryType = 'arraybuffer';
  lanes.set(lane, socket);
  socket.addEventListener('message', (event: MessageEvent) => {
    if (event.data instanceof ArrayBuffer) scope.postMessage({ frame: event.data, lane }, [event.data]);
  });
  socket.addEventListener('close', () => {
    // Closed by the page ({ close }) or by main; the page tells the two apart by whether it still wants the lane.
    if (lanes.get(lane) === socket) lanes.delete(lane);
    scope.postMessage({ closed: lane });
  });
});
