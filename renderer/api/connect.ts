import type { ConsoleApi } from '../../shared/api';
import { createWebSocketApi, type ConnectionState } from './ws-client';

declare global {
  interface Window {
    /** Present under Electron: the preload's contextBridge object. */
    releaseConsole?: ConsoleApi;
  }
}

export function connectApi(onConnection: (state: ConnectionState) => void): ConsoleApi {
  if (window.releaseConsole) {
    onConnection('open');
    return window.releaseConsole;
  }
  return createWebSocketApi(onConnection);
}
