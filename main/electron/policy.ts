import type { BrowserWindow as ElectronBrowserWindow, Session, WebContents } from 'electron';
import { isAllowedExternalLink } from '../../shared/workspace/externalLinks';
import type { WindowPlacement } from './bounds';
import { APP_HOST, APP_SCHEME } from './sender';

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
export function newConsoleWindow(BrowserWindow: typeof ElectronBrowserWindow, preload: string, bounds: WindowPlacement): ElectronBrowserWindow {
  return new BrowserWindow({
    width: bounds?.width ?? 1440,
    height: bounds?.height ?? 900,
    ...(bounds && 'x' in bounds ? { x: bounds.x, y: bounds.y } : {}),
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
 * The one permission the console needs: every Copy button (CR instructions, announcements, argv) calls
 * `navigator.clipboard.writeText`, which Chromium asks for as `clipboard-sanitized-write`. Only the app's
 * own page on app://console gets it; clipboard reads and everything else stay refused.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | null | undefined): boolean {
  if (permission !== 'clipboard-sanitized-write' || !requestingUrl) return false;
  let url: URL;
  try {
    url = new URL(requestingUrl);
  } catch {
    return false;
  }
  // Node's URL gives a non-special scheme the origin "null", so the scheme and host are compared instead.
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/**
 * Every permission but the app page's clipboard write is refused (camera, microphone, geolocation,
 * clipboard reads, HID…); desktop notifications come from main through the API, not from the page.
 */
export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionGranted(permission, details?.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
