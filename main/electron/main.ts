import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, Notification, protocol, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import Store from 'electron-store';
import { CallEnvelope, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Result } from '../../shared/api';
import { createConsole, WorkspaceLoadError } from '../console';
import type { Host } from '../host/host';
import type { PtyHostReport } from '../../shared/terminal/ptyHost';
import { ptyHostEntry, type LaunchPtyHost } from '../terminal/ptyHost/launch';
import type { Workspace } from '../../shared/workspace/workspace';
import { packageRoot, rendererDir } from '../paths';
import { appProtocolResponse } from './app-protocol';
import { lockDownContents, lockDownSession, newConsoleWindow, type WindowBounds } from './policy';
import { APP_ENTRY_URL, APP_SCHEME, isTrustedSender } from './sender';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

/** The pty host as an Electron utility process: packaged builds turn RunAsNode off, so it cannot be a forked Node. */
const launchUtilityPtyHost: LaunchPtyHost = (heartbeatMs) => {
  const child = utilityProcess.fork(ptyHostEntry(), [String(heartbeatMs)], { serviceName: 'Release Console pty host', stdio: 'inherit' });
  return {
    get pid() {
      return child.pid;
    },
    send: (request) => child.postMessage(request),
    onReport: (listener) => child.on('message', (message) => listener(message as PtyHostReport)),
    onExit: (listener) => child.once('exit', (code) => listener(`exited with ${code}`)),
    kill: () => void child.kill(),
  };
};

function refusal(message: string): Result<never> {
  return { ok: false, error: { code: 'invalid_message', message } };
}

function serveAppProtocol(): void {
  const root = rendererDir();
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(root, request.url));
}

function lockDown(externalLinks: () => readonly string[]): void {
  // Electron's security checklist, decided in policy.ts: no permission, navigation, new window or webview.
  lockDownSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url), externalLinks));
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
  bounds?: WindowBounds;
}

function createWindow(prefs: Store<WindowPrefs>): BrowserWindow {
  const window = newConsoleWindow(BrowserWindow, path.join(packageRoot(), 'out', 'preload', 'index.cjs'), prefs.get('bounds'));
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
  // Locked down before anything loads; the link allowlist arrives with the workspace.
  let externalLinks: readonly string[] = [];
  lockDown(() => externalLinks);
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
    let workspace: Workspace;
    ({ host, workspace } = await createConsole({
      dataDir: app.getPath('userData'),
      launchPtyHost: launchUtilityPtyHost,
      ...(workspaceDir ? { workspaceDir } : {}),
      ...(rehearsalAt ? { rehearsalStart: Date.parse(rehearsalAt) } : {}),
    }));
    externalLinks = workspace.externalLinks ?? [];
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
