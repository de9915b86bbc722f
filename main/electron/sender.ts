/** The scheme and host the app's own pages are served from; nothing else may call the API. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface SenderFrame {
  url: string;
  /** True when the frame is the window's top frame (not an iframe inside it). */
  isTopFrame: boolean;
}

/**
 * Electron's IPC tells main which frame sent a message; only the app's own top frame may call the API
 * (Electron's security checklist, item 17; VS Code's validatedIpcMain). A destroyed or navigated-away
 * frame arrives as null and is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || !frame.isTopFrame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}
