import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, Notification, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import Store from 'electron-store';
import { CallEnvelope, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Result } from '../../shared/api';
import { createConsole, WorkspaceLoadError } from '../console';
import { CONTENT_SECURITY_POLICY } from '../csp';
import type { Host } from '../host/host';
import { packageRoot, rendererDir } from '../paths';
import { readStaticFile } from '../static-files';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME, isTrustedSender } from './sender';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

function refusal(message: string): Result<never> {
  return { ok: false, error: { code: 'invalid_message', message } };
}

function serveAppProtocol(): void {
  const root = rendererDir();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStaticFile(root, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

function lockDownSessions(): void {
  // Electron's security checklist: deny every permission (camera, notifications are asked through
  // our own API, geolocation…), every navigation, every new window and every webview.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No new windows, ever. An http(s) link the person Ctrl-clicked in a terminal opens in their browser.
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalWebUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function isExternalWebUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function bindIpc(host: Host): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    const trusted = isTrustedSender(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null);
    if (!trusted) return refusal('Only the console window itself may call the API.');
    const envelope = CallEnvelope.safeParse(raw);
    if (!envelope.success) return refusal('A call needs {"id": integer, "call": string, "payload": …}.');
    return host.invoke(envelope.data.call, envelope.data.payload, {
      transport: 'electron',
      connectionId: `webcontents-${event.sender.id}`,
    });
  });
  host.onEvent((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, { event: name, payload });
    // Main decides what deserves a notice; the desktop shows it even with the console in the background.
    if (name === 'notice' && Notification.isSupported()) {
      const notice = payload as { title: string; body: string; severity: string };
      new Notification({ title: notice.title, body: notice.body, urgency: notice.severity === 'critical' ? 'critical' : 'normal' }).show();
    }
  });
}

/** Window placement is a preference of this desktop, kept with electron-store (release state has its own store). */
interface WindowPrefs {
  bounds?: { x: number; y: number; width: number; height: number };
}

function createWindow(prefs: Store<WindowPrefs>): BrowserWindow {
  const bounds = prefs.get('bounds');
  const window = new BrowserWindow({
    width: bounds?.width ?? 1440,
    height: bounds?.height ?? 900,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 960,
    minHeight: 600,
    backgroundColor: '#0f1216',
    title: 'Release Console',
    show: false,
    webPreferences: {
      preload: path.join(packageRoot(), 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', () => prefs.set('bounds', window.getBounds()));
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  await app.whenReady();
  lockDownSessions();
  serveAppProtocol();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: process.platform === 'darwin' ? 'appMenu' : 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  const workspaceDir = process.env.RELEASE_CONSOLE_WORKSPACE;
  const rehearsalAt = process.env.RELEASE_CONSOLE_REHEARSAL_AT;
  let host: Host;
  try {
    ({ host } = await createConsole({
      dataDir: app.getPath('userData'),
      ...(workspaceDir ? { workspaceDir } : {}),
      ...(rehearsalAt ? { rehearsalStart: Date.parse(rehearsalAt) } : {}),
    }));
  } catch (error) {
    const message = error instanceof WorkspaceLoadError ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    app.exit(2);
    return;
  }
  bindIpc(host);
  mainWindow = createWindow(new Store<WindowPrefs>({ name: 'window' }));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void host.close().finally(() => app.exit(0));
  });
}

void start();
