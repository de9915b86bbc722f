import type { Actor } from '../../../shared/api';
import { ApiFailure } from '../failure';
import type { Handlers } from '../host';
import type { ReleaseService } from '../../release/service';
import type { ViewPush } from '../view-push';
import type { WindowSessions } from '../window-session';

export interface WindowHandlerDeps {
  releases: ReleaseService;
  sessions: WindowSessions;
  views: ViewPush;
  /** Set while the release log is read-only (tampering found, not acknowledged): nothing can be logged then. */
  readOnly: () => { reason: string } | null;
  /** A window's operator changed: the other desks are told who is at it now, not at the next beat (DeskPresence). */
  operatorChanged?: (connectionId: string) => void;
}

type WindowCalls = 'getReleaseView' | 'watchReleaseView' | 'selectRelease' | 'setOperator';

/**
 * A window's own session: the release it shows and its operator. Choosing either is logged (the release
 * service audits it and keeps it as the default for the next window) and the window's new view is pushed.
 */
export function windowHandlers({ releases, sessions, views, readOnly, operatorChanged }: WindowHandlerDeps): Pick<Handlers, WindowCalls> {
  /** Who is at this window is logged, except while the log is read-only: then the acknowledgement, which this operator may be about to give, is the first thing the log records again. */
  async function takeOperator(connectionId: string, operator: Actor): Promise<void> {
    if (!readOnly()) await releases.setOperator(operator);
    sessions.setOperator(connectionId, operator);
    operatorChanged?.(connectionId);
  }

  return {
    getReleaseView: (_request, context) => views.read(context.connectionId),
    watchReleaseView: async ({ releaseId, operator }, context) => {
      // A window reconnecting after main restarted names the persona it showed. It is taken as a pick in
      // the picker is, or not at all: a role the workspace no longer declares leaves the window as the
      // console's default operator, which its view then shows.
      const persona = sessions.personaToRestore(context.connectionId, operator);
      if (persona) {
        try {
          await takeOperator(context.connectionId, persona);
        } catch (error) {
          if (!(error instanceof ApiFailure)) throw error;
        }
      }
      return views.watch(context.connectionId, { releaseId });
    },
    selectRelease: async ({ releaseId }, context) => {
      releases.release(releaseId);
      await releases.selectRelease(releaseId);
      sessions.select(context.connectionId, releaseId);
      views.changed();
      return { releaseId };
    },
    setOperator: async (operator, context) => {
      await takeOperator(context.connectionId, operator);
      views.changed();
      return { name: operator.name, role: operator.role };
    },
  };
}
