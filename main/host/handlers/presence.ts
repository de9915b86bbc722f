import type { Handlers } from '../host';
import type { DeskPresence } from '../../team/desk-presence';

/** A window says where it is and hears where the others are (issue 15, "Presence"). */
export function presenceHandlers(presence: DeskPresence): Pick<Handlers, 'showScreen' | 'getPresence'> {
  return {
    showScreen: ({ screen, regionId }, context) => presence.show(context.connectionId, screen, regionId),
    getPresence: (_request, context) => presence.read(context.connectionId),
  };
}
