import type { StateCreator } from 'zustand';
import type { ApiError, Session } from '../../shared/api';
import type { ConnectionState } from '../api/ws-client';

export interface SessionSlice {
  session: Session | null;
  connection: ConnectionState;
  sessionError: ApiError | null;
  setSession: (session: Session) => void;
  setConnection: (connection: ConnectionState) => void;
  setSessionError: (error: ApiError | null) => void;
  /** A calendar read again (issue 19): the copies now in use replace the session's. */
  setCalendars: (calendars: Session['workspace']['calendars']) => void;
}

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = (set) => ({
  session: null,
  connection: 'connecting',
  sessionError: null,
  setSession: (session) => set({ session, sessionError: null }),
  setConnection: (connection) => set({ connection }),
  setSessionError: (sessionError) => set({ sessionError }),
  setCalendars: (calendars) => set((state) => (state.session ? { session: { ...state.session, workspace: { ...state.session.workspace, calendars } } } : {})),
});
