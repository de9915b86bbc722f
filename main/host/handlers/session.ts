import type { Session } from '../../../shared/api';
import type { Handlers } from '../host';

export interface SessionSource {
  /** The session as the renderer should see it, with the console clock read now. */
  session(transport: Session['transport']): Session;
  /** Decides and logs the demo's switch to the other clock, then reopens it there; refused where the clock was fixed at start. */
  switchDemoClock: (from: Session['clockMode'], to: Session['clockMode']) => Promise<void>;
  /** Decides, logs and applies "Start over" (archive the rehearsal, reopen it from its start). */
  startRehearsalOver: () => Promise<{ archivedAs: string }>;
}

export function sessionHandlers(source: SessionSource): Pick<Handlers, 'getSession' | 'getWorkspaceProblem' | 'retryWorkspace' | 'switchDemoClock' | 'startRehearsalOver'> {
  return {
    // A console that runs has loaded its workspace: the problem host (main/host/workspace-problem.ts) answers otherwise.
    getWorkspaceProblem: () => null,
    retryWorkspace: () => null,
    getSession: (_request, context) => source.session(context.transport),
    switchDemoClock: async ({ mode }, context) => {
      const current = source.session(context.transport);
      // Already on that clock (a window whose view was behind asked again): nothing happens, so nothing is logged;
      // reopening would open this console's own folder a second time (two writers of one log).
      if (current.canSwitchDemoClock && current.clockMode === mode) return { mode };
      await source.switchDemoClock(current.clockMode, mode);
      return { mode };
    },
    startRehearsalOver: () => source.startRehearsalOver(),
  };
}
