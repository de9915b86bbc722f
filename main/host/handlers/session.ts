import type { Session } from '../../../shared/api';
import type { Handlers } from '../host';

export interface SessionSource {
  /** The session as the renderer should see it, with the console clock read now. */
  session(transport: Session['transport']): Session;
}

export function sessionHandlers(source: SessionSource): Pick<Handlers, 'getSession'> {
  return {
    getSession: (_request, context) => source.session(context.transport),
  };
}
