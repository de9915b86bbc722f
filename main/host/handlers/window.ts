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
}

type WindowCalls = 'getReleaseView' | 'watchReleaseView' | 'selectRelease' | 'setOperator';

/**
 * A window's own session: the release it shows and its operator. Choosing either is logged (the release
 * service audits it and keeps it as the default for the next window) and the window's new view is pushed.
 */
export function windowHandlers({ releases, sessions, views, readOnly }: WindowHandlerDeps): Pick<Handlers, WindowCalls> {
  return {
    getReleaseView: (_request, context) => views.read(context.connectionId),
    watchReleaseView: (shown, context) => views.watch(context.connectionId, shown),
    selectRelease: async ({ releaseId }, context) => {
      releases.release(releaseId);
      await releases.selectRelease(releaseId);
      sessions.select(context.connectionId, releaseId);
      views.changed();
      return { releaseId };
    },
    setOperator: async (operator, context) => {
      // Who is at this window is logged, except while the log is read-only: then the acknowledgement,
      // which this operator may be about to give, is the first thing the log records again.
      if (!readOnly()) await releases.setOperator(operator);
      sessions.setOperator(context.connectionId, operator);
      views.changed();
      return { name: operator.name, role: operator.role };
    },
  };
}
