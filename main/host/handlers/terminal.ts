import type { TerminalService } from '../../terminal/service';
import type { TranscriptIndex } from '../../terminal/transcript-index';
import { TerminalRefusal } from '../../terminal/service';
import type { EventBus } from '../events';
import { ApiFailure } from '../failure';
import type { Handlers } from '../host';

type TerminalCallName =
  | 'openTerminal'
  | 'attachTerminal'
  | 'detachTerminal'
  | 'writeTerminal'
  | 'resizeTerminal'
  | 'ackTerminal'
  | 'killTerminal'
  | 'stopTerminal'
  | 'restartTerminal'
  | 'closeTerminal'
  | 'listTerminals'
  | 'listTranscripts'
  | 'readTranscript';

const CODE_BY_REASON = { not_found: 'not_found', invalid: 'invalid_request', conflict: 'conflict', closing: 'unavailable' } as const;

/** A refusal from the service is the caller's to read; anything else stays an internal error. */
async function refusalsAsFailures<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TerminalRefusal) throw new ApiFailure(CODE_BY_REASON[error.reason], error.message);
    throw error;
  }
}

/**
 * A step's or a rollback's command is ended by the release (the step's Stop, a rollback's abort), decided
 * and logged with who asked before its terminal is stopped; the terminal calls end shells, and a command's
 * tab only once its command has ended. Typing into it and restarting it are refused by the service itself.
 */
function refuseWhileCommandRuns(service: TerminalService, sessionId: string, verb: string): void {
  const session = service.list().find((t) => t.sessionId === sessionId);
  if (session?.kind !== 'command' || (session.phase !== 'starting' && session.phase !== 'running')) return;
  throw new ApiFailure('conflict', `Terminal ${sessionId} runs a step's or a rollback's command; it is not ${verb} from its terminal. Stop the step (or abort the rollback) instead: that is decided and recorded.`);
}

/**
 * The terminal calls. The connection id is the flow-control consumer: each window acknowledges what it
 * has written, and a window that goes away (Host.disconnect) stops holding any pty paused.
 */
export function terminalHandlers(
  service: TerminalService,
  isRegion: (regionId: string) => boolean = () => true,
  transcripts: TranscriptIndex | null = null,
): Pick<Handlers, TerminalCallName> {
  const history = (): TranscriptIndex => {
    if (transcripts === null) throw new ApiFailure('unavailable', 'This console keeps no transcripts to show.');
    return transcripts;
  };
  return {
    openTerminal: ({ regionId, cols, rows }, { connectionId }) =>
      refusalsAsFailures(() => {
        if (regionId !== null && !isRegion(regionId)) throw new ApiFailure('not_found', `There is no region "${regionId}" in this workspace.`);
        return service.open({ regionId, cols, rows, consumerId: connectionId });
      }),
    attachTerminal: ({ sessionId }, { connectionId }) => refusalsAsFailures(() => service.attach(sessionId, connectionId)),
    detachTerminal: ({ sessionId }, { connectionId }) => refusalsAsFailures(() => (service.detach(sessionId, connectionId), {})),
    writeTerminal: ({ sessionId, data }) => refusalsAsFailures(() => (service.write(sessionId, data), {})),
    resizeTerminal: ({ sessionId, cols, rows }) => refusalsAsFailures(() => (service.resize(sessionId, cols, rows), {})),
    ackTerminal: ({ sessionId, chars }, { connectionId }) => refusalsAsFailures(() => (service.acknowledge(sessionId, connectionId, chars), {})),
    killTerminal: ({ sessionId, signal }) => refusalsAsFailures(() => (refuseWhileCommandRuns(service, sessionId, 'killed'), service.kill(sessionId, signal), {})),
    // The release-side Stop (issue 14) names the actor from the log; from the terminal's own call it is whoever sits at this window.
    stopTerminal: ({ sessionId }) => refusalsAsFailures(() => (refuseWhileCommandRuns(service, sessionId, 'stopped'), service.stop(sessionId, 'the operator'))),
    restartTerminal: ({ sessionId }) => refusalsAsFailures(() => service.restart(sessionId)),
    closeTerminal: ({ sessionId }) =>
      refusalsAsFailures(async () => {
        refuseWhileCommandRuns(service, sessionId, 'closed');
        await service.close(sessionId);
        return {};
      }),
    listTerminals: () => ({ terminals: service.list() }),
    listTranscripts: async ({ regionId }) => {
      if (!isRegion(regionId)) throw new ApiFailure('not_found', `There is no region "${regionId}" in this workspace.`);
      return { transcripts: await history().list(regionId) };
    },
    readTranscript: async ({ id }) => {
      const found = await history().read(id);
      if (!found) throw new ApiFailure('not_found', `There is no transcript "${id}": it may have been removed from the data folder.`);
      return found;
    },
  };
}

/**
 * Pushes a session's output to the windows attached to it, and every session's state changes to every
 * window; returns the unsubscribe. A window that does not show a session is not sent its output: it gets
 * the replay when it attaches, and another window's flood can neither cost it a socket (the send budget)
 * nor its page the decoding.
 */
export function bridgeTerminalEvents(service: TerminalService, bus: EventBus): () => void {
  const stopOutput = service.onOutput((event) => {
    for (const window of service.windowsOf(event.sessionId)) bus.emitTo(window, 'terminalOutput', event);
  });
  const stopState = service.onState((info) => bus.emit('terminalState', info));
  return () => {
    stopOutput();
    stopState();
  };
}
