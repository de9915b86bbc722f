import type { StateCreator } from 'zustand';
import type { ApiError, Session, WorkspaceProblem } from '../../shared/api';
import type { ConnectionState } from '../api/ws-client';

export interface SessionSlice {
  session: Session | null;
  connection: ConnectionState;
  sessionError: ApiError | null;
  /** Browser mode's workspace that does not load: the page shows it instead of the console. */
  workspaceProblem: WorkspaceProblem | null;
  setWorkspaceProblem: (problem: WorkspaceProblem | null) => void;
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
  workspaceProblem: null,
  setWorkspaceProblem: (workspaceProblem) => set({ workspaceProblem }),
  setSession: (session) => set({ session, sessionError: null }),
  setConnection: (connection) => set({ connection }),
  setSessionError: (sessionError) => set({ sessionError }),
  setCalendars: (calendars) => set((state) => (state.session ? { session: { ...state.session, workspace: { ...state.session.workspace, calendars } } } : {})),
});
