import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, screen, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import Store from 'electron-store';
import { CallEnvelope, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Notice, type Result, type Session } from '../../shared/api';
import { wordsWithInstants } from '../../shared/instantWords';
import { startingClock } from '../../shared/workspace/demoWeek';
import { createConsole, WorkspaceLoadError } from '../console';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { switchableHost, type SwitchableHost } from '../host/switchable';
import type { PtyHostReport } from '../../shared/terminal/ptyHost';
import { ptyHostEntry, type LaunchPtyHost } from '../terminal/ptyHost/launch';
import { killPtyHostsNow } from '../terminal/ptyHost/supervisor';
import { STOP_LIMIT_MS } from '../stop-limit';
import { packageRoot, rendererDir } from '../paths';
import { appProtocolResponse } from './app-protocol';
import { placeWindow } from './bounds';
import { allowsDevTools, menuTemplate } from './menu';
import { isAllowedExternalLink, lockDownContents, lockDownSession, newConsoleWindow, type WindowBounds } from './policy';
import { APP_ENTRY_URL, APP_SCHEME, isTrustedSender } from './sender';
import { updateDecision } from './updates';
import { START_SCREEN_URL, startScreenChoice, startScreenHtml } from './start-screen';
import { startScreenPrompt, startupChoice, withRecent, workspaceErrorPrompt, type LastWorkspace, type Prompt, type PromptAction } from './workspace-choice';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Window placement, the recent workspaces and the last one open: preferences of this desktop, kept with electron-store (release state has its own store). */
interface DesktopPrefs {
  bounds?: WindowBounds;
  recent?: string[];
  last?: LastWorkspace;
}

type Target = { kind: 'dir'; dir: string } | { kind: 'demo'; clockMode?: Session['clockMode'] };

let mainWindow: BrowserWindow | null = null;
/** The console behind the IPC handler; null while the start screen shows. */
let consoleHost: SwitchableHost | null = null;
let externalLinks: readonly string[] = [];
let workspaceDocs: string | null = null;
let quitting = false;

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
    // SIGKILL, as browser mode's fork is killed: the supervisor kills a host that stopped beating, and
    // utilityProcess.kill()'s SIGTERM would wait on a stopped host until it ran again.
    kill: () => {
      if (child.pid === undefined) return void child.kill();
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // It has exited already.
      }
    },
  };
};

function refusal(message: string): Result<never> {
  return { ok: false, error: { code: 'invalid_message', message } };
}

/** What the start screen shows now; null while a workspace is open. */
let startPrompt: Prompt | null = null;

function serveAppProtocol(): void {
  const root = rendererDir();
  protocol.handle(APP_SCHEME, (request) => {
    if (startPrompt && request.url === START_SCREEN_URL) {
      return new Response(startScreenHtml(startPrompt), { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' } });
    }
    return appProtocolResponse(root, request.url);
  });
}

function lockDown(): void {
  // Electron's security checklist, decided in policy.ts: no permission but the clipboard write, no navigation, new window or webview.
  lockDownSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents, (url) => void shell.openExternal(url), () => externalLinks);
    // The menu offers no DevTools in a packaged build; a stray accelerator or flag cannot open them either.
    if (!allowsDevTools(app.isPackaged)) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}

function bindIpc(): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    const trusted = isTrustedSender(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null);
    if (!trusted) return refusal('Only the console window itself may call the API.');
    if (!consoleHost) return refusal('No workspace is open.');
    const envelope = CallEnvelope.safeParse(raw);
    if (!envelope.success) return refusal('A call needs {"id": integer, "call": string, "payload": …}.');
    return consoleHost.host.invoke(envelope.data.call, envelope.data.payload, {
      transport: 'electron',
      connectionId: `webcontents-${event.sender.id}`,
    });
  });
}

function forwardEvents(host: SwitchableHost): void {
  host.host.onEvent((name, payload, target) => {
    const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
    // An event for one window (its view's patch) goes to that window only; a re-created window watches afresh.
    if (target !== undefined && target !== (window ? `webcontents-${window.webContents.id}` : null)) return;
    window?.webContents.send(IPC_EVENT_CHANNEL, { event: name, payload });
    // Main decides what deserves a notice; the desktop shows it even with the console in the background.
    if (name === 'notice' && Notification.isSupported()) {
      const notice = payload as Notice;
      // Main names an instant in UTC; the desktop reads it on its own clock, as the window's toast does (noticeBody).
      const body = wordsWithInstants(notice.body, notice.instants, Intl.DateTimeFormat().resolvedOptions().timeZone);
      new Notification({ title: notice.title, body, urgency: notice.severity === 'critical' ? 'critical' : 'normal' }).show();
    }
  });
}

function createWindow(prefs: Store<DesktopPrefs>, url: string, onNavigate: (url: string) => void): BrowserWindow {
  const placement = placeWindow(prefs.get('bounds'), screen.getAllDisplays());
  const window = newConsoleWindow(BrowserWindow, path.join(packageRoot(), 'out', 'preload', 'index.cjs'), placement);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => prefs.set('bounds', window.getBounds()));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // Always refused by the lockdown; the start screen's choices are read from the URL instead.
  window.webContents.on('will-navigate', (_event, target) => onNavigate(target));
  void window.loadURL(url);
  return window;
}

/** An ISO time with its offset from the environment (scripts and the _electron tests), or null. */
function envInstant(name: string): number | null {
  const value = process.env[name];
  if (!value) return null;
  const ms = Date.parse(value);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(value) || Number.isNaN(ms)) throw new Error(`${name} needs an ISO 8601 time with its offset, e.g. 2026-11-27T10:55:00Z, not "${value}".`);
  return ms;
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
  lockDown();
  serveAppProtocol();
  bindIpc();
  const prefs = new Store<DesktopPrefs>({ name: 'window' });
  const rehearsalAt = envInstant('RELEASE_CONSOLE_REHEARSAL_AT');
  const today = envInstant('RELEASE_CONSOLE_TODAY');

  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          { isPackaged: app.isPackaged, platform: process.platform, recent: prefs.get('recent') ?? [], workspaceDocs },
          {
            openWorkspace: () => void act({ kind: 'openWorkspace' }),
            openRecent: (dir) => void open({ kind: 'dir', dir }),
            openDemo: () => void open({ kind: 'demo' }),
            closeWorkspace: () => void closeWorkspace(),
            // The README ships unpacked beside the asar (electron-builder.yml), where the OS can open it.
            openReadme: () => void shell.openPath(path.join(packageRoot().replace(/app\.asar$/, 'app.asar.unpacked'), 'README.md')),
            openWorkspaceDocs: () => {
              if (workspaceDocs && isAllowedExternalLink(workspaceDocs, externalLinks)) void shell.openExternal(workspaceDocs);
              else if (workspaceDocs) void dialog.showMessageBox({ type: 'warning', message: `${workspaceDocs} is not on a host the workspace lists under externalLinks, so it stays unopened.` });
            },
          },
        ),
      ),
    );

  /** Opens a workspace or the demo behind the IPC handler; a workspace that does not load is shown with its errors. */
  async function open(target: Target, reloadWindow = true): Promise<void> {
    const starting = startingClock({
      workspaceChosen: target.kind === 'dir',
      rehearsalAt,
      live: target.kind === 'demo' && target.clockMode === 'system',
      today: today ?? Date.now(),
    });
    const build = async () => {
      const built = await createConsole({
        dataRoot: app.getPath('userData'),
        launchPtyHost: launchUtilityPtyHost,
        // Slack webhook URLs in the OS keychain (issue 19): only where the OS gives safeStorage a key.
        ...(safeStorage.isEncryptionAvailable() ? { secretCipher: { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (bytes: Buffer) => safeStorage.decryptString(bytes) } } : {}),
        ...(target.kind === 'dir' ? { workspaceDir: target.dir } : {}),
        ...(starting.mode === 'simulated' ? { rehearsalStart: starting.start } : {}),
        demoWeeks: starting.demoWeeks,
        demoHistory: true,
        // The renderer reloads itself after asking for the switch.
        ...(starting.switchable ? { switchDemoClock: (mode: Session['clockMode']) => void open({ kind: 'demo', clockMode: mode }, false) } : {}),
        // "Start over": this console closes (its rehearsal folder is archived), then the same one opens afresh.
        reopenAfterClose: () => void consoleHost?.replaceAfterClose(build).catch((error: unknown) => console.error('release-console: could not start the rehearsal over:', error)),
      });
      externalLinks = built.workspace.externalLinks ?? [];
      workspaceDocs = built.workspace.docs ?? null;
      return built.host;
    };
    try {
      if (consoleHost) {
        await consoleHost.replace(build);
      } else {
        consoleHost = switchableHost(await build());
        forwardEvents(consoleHost);
      }
    } catch (error) {
      if (!(error instanceof WorkspaceLoadError) || target.kind !== 'dir') throw error;
      // The window shows what to fix; a console that was open keeps running until another is opened.
      return showStart(workspaceErrorPrompt({ dir: target.dir, lines: error.lines }));
    }
    if (target.kind === 'dir') prefs.set('recent', withRecent(prefs.get('recent') ?? [], target.dir));
    prefs.set('last', target.kind === 'dir' ? { kind: 'dir', dir: target.dir } : { kind: 'demo' });
    setMenu();
    const wasStartScreen = startPrompt !== null;
    startPrompt = null;
    if (!mainWindow) mainWindow = createWindow(prefs, APP_ENTRY_URL, choose);
    else if (wasStartScreen) void mainWindow.loadURL(APP_ENTRY_URL);
    else if (reloadWindow) mainWindow.webContents.reload();
  }

  /** The start screen (or a workspace's errors) in the console window, made if there is none. */
  function showStart(prompt: Prompt): void {
    startPrompt = prompt;
    setMenu();
    if (!mainWindow) mainWindow = createWindow(prefs, START_SCREEN_URL, choose);
    else void mainWindow.loadURL(START_SCREEN_URL);
  }

  function choose(url: string): void {
    const action = startScreenChoice(url, startPrompt);
    if (action) void act(action);
  }

  async function act(action: PromptAction): Promise<void> {
    switch (action.kind) {
      case 'openWorkspace': {
        const chosen = await dialog.showOpenDialog({ title: 'Open Workspace', properties: ['openDirectory'], buttonLabel: 'Open Workspace' });
        const dir = chosen.canceled ? undefined : chosen.filePaths[0];
        // Cancelled: whatever was showing (the console or the start screen) stays.
        if (dir) return open({ kind: 'dir', dir });
        return;
      }
      case 'openRecent':
      case 'reload':
        return open({ kind: 'dir', dir: action.dir });
      case 'demo':
        return open({ kind: 'demo' });
      case 'quit':
        app.quit();
    }
  }

  async function closeWorkspace(): Promise<void> {
    const closing = consoleHost;
    consoleHost = null;
    prefs.set('last', { kind: 'closed' });
    showStart(startScreenPrompt({ missing: null, recent: prefs.get('recent') ?? [] }));
    await closing?.host.close();
  }

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    // Bounded as serve's stop is (main/stop-limit.ts): a hung pty host neither keeps the app from quitting nor outlives it.
    const limit = setTimeout(() => {
      console.error(`release-console: still quitting ${STOP_LIMIT_MS / 1000} s after Quit; exiting now without waiting for the console to close its terminals, shell transcripts and release log.`);
      killPtyHostsNow();
      app.exit(1);
    }, STOP_LIMIT_MS);
    void (consoleHost?.host.close() ?? Promise.resolve()).finally(() => {
      clearTimeout(limit);
      app.exit(0);
    });
  });

  setMenu();
  const choice = startupChoice({ envWorkspace: process.env.RELEASE_CONSOLE_WORKSPACE, last: prefs.get('last'), exists: (dir) => existsSync(dir) });
  if (choice.kind === 'startScreen') showStart(startScreenPrompt({ missing: choice.missing, recent: prefs.get('recent') ?? [] }));
  else await open(choice.kind === 'open' ? { kind: 'dir', dir: choice.dir } : { kind: 'demo' });
  await checkForUpdates();
}

/** Only a packaged build with a feed baked in at build time looks for updates (main/electron/updates.ts). */
async function checkForUpdates(): Promise<void> {
  const configFile = app.isPackaged ? path.join(process.resourcesPath, 'app-update.yml') : null;
  const decision = updateDecision({ isPackaged: app.isPackaged, updateConfig: configFile && existsSync(configFile) ? readFileSync(configFile, 'utf8') : null });
  if (!decision.check) return;
  const { default: updater } = await import('electron-updater');
  void updater.autoUpdater.checkForUpdatesAndNotify();
}

start().catch((error: unknown) => {
  dialog.showErrorBox('Release Console could not start', error instanceof Error ? error.message : String(error));
  app.exit(2);
});
