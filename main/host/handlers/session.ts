import type { Session } from '../../../shared/api';
import { ApiFailure } from '../failure';
import type { Handlers } from '../host';

export interface SessionSource {
  /** The session as the renderer should see it, with the console clock read now. */
  session(transport: Session['transport']): Session;
  /** Reopens the demo with the other clock; null when this console's clock was fixed at start. */
  switchDemoClock: ((mode: Session['clockMode']) => void) | null;
  /** Decides, logs and applies "Start over" (archive the rehearsal, reopen it from its start). */
  startRehearsalOver: () => Promise<{ archivedAs: string }>;
}

export function sessionHandlers(source: SessionSource): Pick<Handlers, 'getSession' | 'getWorkspaceProblem' | 'retryWorkspace' | 'switchDemoClock' | 'startRehearsalOver'> {
  return {
    // A console that runs has loaded its workspace: the problem host (main/host/workspace-problem.ts) answers otherwise.
    getWorkspaceProblem: () => null,
    retryWorkspace: () => null,
    getSession: (_request, context) => source.session(context.transport),
    switchDemoClock: ({ mode }, context) => {
      if (!source.switchDemoClock) {
        throw new ApiFailure('invalid_request', 'Only the demo opened without --rehearsal-at or a workspace can switch between rehearsal and live; restart the console to change its clock.');
      }
      // Already on that clock: reopening would open this console's own folder a second time (two writers of one log).
      if (source.session(context.transport).clockMode === mode) return { mode };
      source.switchDemoClock(mode);
      return { mode };
    },
    startRehearsalOver: () => source.startRehearsalOver(),
  };
}
