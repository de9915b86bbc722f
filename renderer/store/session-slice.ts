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
}

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = (set) => ({
  session: null,
  connection: 'connecting',
  sessionError: null,
  setSession: (session) => set({ session, sessionError: null }),
  setConnection: (connection) => set({ connection }),
  setSessionError: (sessionError) => set({ sessionError }),
});
