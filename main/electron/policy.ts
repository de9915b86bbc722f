import type { BrowserWindow as ElectronBrowserWindow, Session, WebContents } from 'electron';
import { isAllowedExternalLink } from '../../shared/workspace/externalLinks';

/**
 * The security decisions of the Electron shell, apart from Electron itself so each is tested without a
 * display (test/main/electron/policy.test.ts). main.ts only wires them to the real objects.
 */

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The one window, per Electron's security checklist: isolated, sandboxed, no Node, web security on. The
 * constructor comes in as a parameter so the options are tested without Electron, while the literal stays
 * at the `new BrowserWindow(...)` call where Electronegativity checks it.
 */
export function newConsoleWindow(BrowserWindow: typeof ElectronBrowserWindow, preload: string, bounds: WindowBounds | undefined): ElectronBrowserWindow {
  return new BrowserWindow({
    width: bounds?.width ?? 1440,
    height: bounds?.height ?? 900,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 960,
    minHeight: 600,
    backgroundColor: '#0f1216',
    title: 'Release Console',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A middle click must not open a link in a new window behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}

// The allowlist is decided in shared/, where browser mode's terminals ask it too.
export { isAllowedExternalLink };

/** The few members of WebContents the lockdown touches. */
export type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * No navigation, redirect, subframe navigation or webview, ever; no new window either. A window.open of
 * an allowed link (a Ctrl-click in a terminal) goes to the browser instead.
 */
export function lockDownContents(contents: LockableContents, openExternal: (url: string) => void, allowedHosts: () => readonly string[]): void {
  const deny = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-frame-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url, allowedHosts())) openExternal(url);
    return { action: 'deny' };
  });
}

/** The members of Session the lockdown touches. */
export type LockableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * Every permission is refused (camera, microphone, geolocation, clipboard reads, HID…): the console needs
 * none, and desktop notifications come from main through the API, not from the page.
 */
export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
