// Electron's security checklist, item by item, on the decisions main/electron/main.ts wires to the real
// window and session (no Electron binary here: the fakes stand in for WebContents and Session only).
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../main/workspace/load';
import {
  isAllowedExternalLink,
  isPermissionGranted,
  lockDownContents,
  lockDownSession,
  newConsoleWindow,
  type LockableContents,
  type LockableSession,
} from '../../../main/electron/policy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HOSTS = ['jira.example.com', 'confluence.example.com'];

describe('the window', () => {
  /** Stands in for Electron's BrowserWindow: records the options the console window is made with. */
  class FakeWindow {
    static made: BrowserWindowConstructorOptions[] = [];
    constructor(options: BrowserWindowConstructorOptions) {
      FakeWindow.made.push(options);
    }
  }

  it('is isolated, sandboxed, without Node, with web security on and no webview or insecure content', () => {
    newConsoleWindow(FakeWindow as unknown as typeof BrowserWindow, '/app/out/preload/index.cjs', undefined);
    const prefs = FakeWindow.made.at(-1)!.webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('keeps the saved bounds and the same web preferences', () => {
    newConsoleWindow(FakeWindow as unknown as typeof BrowserWindow, '/p.cjs', { x: 10, y: 20, width: 1000, height: 700 });
    const options = FakeWindow.made.at(-1)!;
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});

describe('links opened in the browser', () => {
  it.each([
    ['https://jira.example.com/browse/HO-1234', true],
    ['http://confluence.example.com/display/RT/Runbook', true],
    ['https://JIRA.example.com/browse/HO-1', true],
    ['https://evil.example.com/', false],
    ['https://jira.example.com.evil.net/', false],
    ['https://jira.example.com@evil.net/', false],
    ['https://user:pass@jira.example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['app://console/index.html', false],
    ['smb://jira.example.com/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalLink(url, HOSTS)).toBe(allowed);
  });

  it('opens nothing when the workspace lists no hosts', () => {
    expect(isAllowedExternalLink('https://jira.example.com/', [])).toBe(false);
  });

  it('takes the allowlist from the demo workspace’s externalLinks', async () => {
    const demo = await loadWorkspace(path.join(root, 'workspaces', 'demo'));
    // git.example.com: the diffs an announcement links (issue 19).
    expect(demo.ok && demo.workspace.externalLinks).toEqual([...HOSTS, 'git.example.com']);
  });
});

type Handler = (...args: unknown[]) => unknown;

function fakeContents() {
  const emitter = new EventEmitter();
  let windowOpen: Handler | null = null;
  const contents = {
    on: (event: string, listener: Handler) => emitter.on(event, listener),
    setWindowOpenHandler: (handler: Handler) => {
      windowOpen = handler;
    },
  } as unknown as LockableContents;
  const prevented = (event: string, ...args: unknown[]) => {
    let stopped = false;
    emitter.emit(event, { preventDefault: () => (stopped = true) }, ...args);
    return stopped;
  };
  return { contents, prevented, open: (url: string) => windowOpen!({ url, frameName: '', features: '', disposition: 'new-window' }) };
}

describe('navigation and new windows', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])('%s is always prevented', (event) => {
    const { contents, prevented } = fakeContents();
    lockDownContents(contents, () => {}, () => HOSTS);
    expect(prevented(event, 'https://jira.example.com/')).toBe(true);
  });

  it('denies every new window; an allowed link goes to the browser, nothing else does', () => {
    const opened: string[] = [];
    const { contents, open } = fakeContents();
    lockDownContents(contents, (url) => opened.push(url), () => HOSTS);
    for (const url of ['https://jira.example.com/browse/HO-1', 'https://evil.example.com/', 'file:///etc/passwd', 'app://console/index.html']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://jira.example.com/browse/HO-1']);
  });

  it('reads the allowlist when the link is opened, so the workspace loaded later counts', () => {
    const opened: string[] = [];
    let hosts: string[] = [];
    const { contents, open } = fakeContents();
    lockDownContents(contents, (url) => opened.push(url), () => hosts);
    open('https://jira.example.com/a');
    hosts = HOSTS;
    open('https://jira.example.com/b');
    expect(opened).toEqual(['https://jira.example.com/b']);
  });
});

describe('permissions', () => {
  function lockedDown() {
    let request: Handler | null = null;
    let check: Handler | null = null;
    let device: Handler | null = null;
    const session = {
      setPermissionRequestHandler: (h: Handler) => (request = h),
      setPermissionCheckHandler: (h: Handler) => (check = h),
      setDevicePermissionHandler: (h: Handler) => (device = h),
    } as unknown as LockableSession;
    lockDownSession(session);
    return {
      request: (permission: string, requestingUrl: string | undefined) => {
        const answers: boolean[] = [];
        request!({}, permission, (granted: boolean) => answers.push(granted), requestingUrl === undefined ? undefined : { requestingUrl });
        return answers;
      },
      check: (permission: string, origin: string) => check!({}, permission, origin, {}) as boolean,
      device: (origin: string) => device!({ deviceType: 'usb', origin }) as boolean,
    };
  }

  it('refuses every permission request, check and device but the clipboard write', () => {
    const session = lockedDown();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'fullscreen', 'clipboard-write', 'CLIPBOARD-SANITIZED-WRITE']) {
      expect(session.request(permission, 'app://console/index.html'), permission).toEqual([false]);
      expect(session.check(permission, 'app://console'), permission).toBe(false);
    }
    expect(session.device('app://console')).toBe(false);
  });

  it('lets the app page on app://console write to the clipboard, so Copy buttons work', () => {
    const session = lockedDown();
    expect(session.request('clipboard-sanitized-write', 'app://console/index.html')).toEqual([true]);
    expect(session.check('clipboard-sanitized-write', 'app://console')).toBe(true);
  });

  it.each([
    ['another app:// host', 'app://evil/index.html'],
    ['a web page', 'https://console.example.com/'],
    ['a file', 'file:///app/out/renderer/index.html'],
    ['a look-alike host', 'app://console.evil/index.html'],
    ['no URL at all', undefined],
    ['an unparsable URL', 'not a url'],
    ['a null origin', 'null'],
    ['app://console with a port', 'app://console:8080/'],
    ['app://console with credentials', 'app://user@console/'],
  ])('refuses the clipboard write to %s', (_name, url) => {
    const session = lockedDown();
    expect(session.request('clipboard-sanitized-write', url)).toEqual([false]);
    if (url !== undefined) expect(session.check('clipboard-sanitized-write', url)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', url)).toBe(false);
  });
});
