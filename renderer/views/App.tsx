import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { send } from '../api/actions';
import { useConsole } from '../store/store';
import { AlertBar } from './AlertBar';
import { Board } from './Board';
import { Checklist } from './Checklist';
import { CommandPalette, type PaletteCommand } from './CommandPalette';
import { consoleShortcut, keyPlatformOf, paletteKeyLabel, SCREEN_SHORTCUTS } from './shortcuts';
import { ControlPane } from './ControlPane';
import { Evidence } from './Evidence';
import { History } from './history/History';
import { historyListLink } from './history/history-link';
import { QaChecklist } from './QaChecklist';
import { FreezeCalendarBanners } from './FreezeCalendars';
import { RehearsalBanner } from './RehearsalBanner';
import { RollbackDialog } from './rollback/RollbackDialog';
import { FixForwardDialog, type FixForwardTarget } from './rollback/FixForwardDialog';
import { NotificationsButton, StatusBar } from './StatusBar';
import { Toasts } from './Toasts';
import { ConnectionLost } from './ConnectionLost';
import { waitingForViewWords } from './connection-words';
import { ToastSlotContext } from './toastSlot';
import { LogFindingsBanner } from './record/LogFindingsBanner';
import { SharedLogBanner } from './record/SharedLogBanner';
import { Presence, useReportScreen } from './Presence';
import { WorkspaceProblemScreen } from './WorkspaceProblem';
import { openRegionLabel, openReleaseLabel } from './palette-labels';
import { terminalPaletteCommands } from './terminal-palette';

/** A region's workspace brings xterm.js and uPlot: loaded when first opened, so the control pane draws sooner. */
const RegionWorkspace = lazy(async () => ({ default: (await import('./RegionWorkspace')).RegionWorkspace }));
/** The Delivery screen brings uPlot too: loaded when first opened. */
const Delivery = lazy(async () => ({ default: (await import('./delivery/Delivery')).Delivery }));

const KEY_PLATFORM = keyPlatformOf(navigator.platform || navigator.userAgent);

function useShortcuts() {
  const setPaletteOpen = useConsole((s) => s.setPaletteOpen);
  const showScreen = useConsole((s) => s.showScreen);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      // A focused terminal leaves these keys to bubble here (terminal/keybindings asks the same function).
      const shortcut = consoleShortcut(e, KEY_PLATFORM);
      if (shortcut === null) return;
      e.preventDefault();
      if (shortcut.kind === 'palette') setPaletteOpen(true);
      else showScreen(shortcut.screen);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPaletteOpen, showScreen]);
}

export function App() {
  const view = useConsole((s) => s.view);
  const connection = useConsole((s) => s.connection);
  const sessionError = useConsole((s) => s.sessionError);
  const workspaceProblem = useConsole((s) => s.workspaceProblem);
  const screen = useConsole((s) => s.screen);
  const selectedRegion = useConsole((s) => s.selectedRegion);
  const showScreen = useConsole((s) => s.showScreen);
  const selectRegion = useConsole((s) => s.selectRegion);
  const theme = useConsole((s) => s.theme);
  const themeChoice = useConsole((s) => s.themeChoice);
  const setTheme = useConsole((s) => s.setTheme);
  const setPaletteOpen = useConsole((s) => s.setPaletteOpen);
  const openRollback = useConsole((s) => s.openRollback);
  const maximized = useConsole((s) => s.panel.maximized);
  const setPanel = useConsole((s) => s.setPanel);
  const requestTerminal = useConsole((s) => s.requestTerminal);
  // The region whose workspace is on screen, for the palette's terminal commands.
  const regionOnScreen = screen === 'regions' && selectedRegion && view?.regions.some((r) => r.id === selectedRegion) ? selectedRegion : null;
  const regionTerminals = useConsole((s) => (regionOnScreen === null ? 0 : Object.values(s.terminals).filter((t) => t.regionId === regionOnScreen).length));
  const [fixForward, setFixForward] = useState<FixForwardTarget | null>(null);
  // The navigation's History, pressed on History with a release open read-only, goes back to the list.
  const showNavScreen = (target: typeof screen) => {
    const list = target === 'history' && screen === 'history' ? historyListLink(location.hash) : null;
    if (list !== null) location.hash = list;
    else showScreen(target);
  };
  const releaseId = view?.release.id;
  const [toastSlot, setToastSlot] = useState<HTMLElement | null>(null);
  const main = useRef<HTMLElement | null>(null);
  useShortcuts();
  useReportScreen();
  // Another screen, or another region, opens at its top, not at the scroll offset the last one was left at.
  useEffect(() => {
    main.current?.scrollTo({ top: 0 });
  }, [screen, selectedRegion]);

  const commands = useMemo<PaletteCommand[]>(() => {
    const list: PaletteCommand[] = SCREEN_SHORTCUTS.map((s) => ({ id: `screen-${s.screen}`, label: `Go to ${s.label}`, shortcut: `Alt+${s.key}`, run: () => showScreen(s.screen) }));
    for (const region of view?.regions ?? []) list.push({ id: `region-${region.id}`, label: openRegionLabel(region.id, region.name), run: () => selectRegion(region.id) });
    for (const ho of view?.handovers ?? []) if (releaseId) list.push({ id: `rollback-${ho.id}`, label: `Roll back ${ho.id}`, run: () => openRollback({ releaseId, handoverId: ho.id }) });
    for (const release of view?.releases ?? []) list.push({ id: `release-${release.id}`, label: openReleaseLabel(release.title), run: () => void send('selectRelease', { releaseId: release.id }) });
    list.push({ id: 'theme', label: `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`, run: () => setTheme(theme === 'dark' ? 'light' : 'dark') });
    if (themeChoice) list.push({ id: 'theme-system', label: 'Follow the system theme', run: () => setTheme(null) });
    for (const command of terminalPaletteCommands({ regionId: regionOnScreen, terminals: regionTerminals, maximized })) {
      const { action } = command;
      list.push({
        id: command.id,
        label: command.label,
        disabledReason: command.disabledReason,
        keywords: ['terminal'],
        // Every one but the panel's size gives the keyboard somewhere: a shell, the terminal, its find box, the history's list.
        takesFocus: action !== 'maximize',
        run: () => {
          if (regionOnScreen === null) return;
          if (action === 'maximize') setPanel({ maximized: !maximized });
          else requestTerminal({ regionId: regionOnScreen, action });
        },
      });
    }
    return list;
  }, [view?.regions, view?.releases, view?.handovers, releaseId, theme, themeChoice, showScreen, selectRegion, setTheme, openRollback, regionOnScreen, regionTerminals, maximized, setPanel, requestTerminal]);

  if (workspaceProblem) return <WorkspaceProblemScreen problem={workspaceProblem} />;
  return (
    <ToastSlotContext.Provider value={setToastSlot}>
      <div className="app">
        <StatusBar />
        <RehearsalBanner />
        <div className="app-body">
          <nav className="nav" aria-label="Screens">
            {SCREEN_SHORTCUTS.map((s) => (
              <button type="button" key={s.screen} className={screen === s.screen ? 'active' : ''} aria-current={screen === s.screen ? 'page' : undefined} onClick={() => showNavScreen(s.screen)} title={`Alt+${s.key}`}>
                {s.label}
              </button>
            ))}
            <span className="spacer" />
            <Presence />
            {/* Asked once per browser: kept off the status bar, which holds to one line. */}
            <NotificationsButton />
            <button type="button" className="muted" data-palette-button onClick={() => setPaletteOpen(true)}>
              Commands <kbd>{paletteKeyLabel(KEY_PLATFORM)}</kbd>
            </button>
          </nav>
          <main className="app-main" ref={main}>
            <ConnectionLost />
            {sessionError && (
              <div role="alert" className="banner banner-error">
                {sessionError.message}
              </div>
            )}
            {view?.storageWarnings.map((w) => (
              <div key={w} role="alert" className="banner banner-warn">
                {w}
              </div>
            ))}
            <FreezeCalendarBanners />
            <LogFindingsBanner />
            <SharedLogBanner />
            <AlertBar
              onRollback={(handoverId) => releaseId && openRollback({ releaseId, handoverId })}
              onFixForward={(alert, action) => releaseId && action.handoverId && action.fixForward && setFixForward({ releaseId, handoverId: action.handoverId, alert, offer: action.fixForward })}
            />
            {!view ? (
              <p className="muted">{waitingForViewWords(connection)}</p>
            ) : screen === 'regions' ? (
              selectedRegion && !view.regions.some((r) => r.id === selectedRegion) ? (
                <>
                  <div role="alert" className="banner banner-warn">
                    This workspace has no region “{selectedRegion}”: the link that opened it names a region from elsewhere.
                  </div>
                  <ControlPane />
                </>
              ) : selectedRegion ? (
                <Suspense fallback={<p className="muted">Opening {selectedRegion}…</p>}>
                  <RegionWorkspace regionId={selectedRegion} />
                </Suspense>
              ) : (
                <ControlPane />
              )
            ) : screen === 'checklist' ? (
              <Checklist />
            ) : screen === 'board' ? (
              <Board />
            ) : screen === 'qa' ? (
              <QaChecklist />
            ) : screen === 'history' ? (
              <History />
            ) : screen === 'delivery' ? (
              <Suspense fallback={<p className="muted">Opening Delivery…</p>}>
                <Delivery />
              </Suspense>
            ) : (
              <Evidence />
            )}
          </main>
        </div>
        <CommandPalette commands={commands} />
        <RollbackDialog />
        {fixForward && <FixForwardDialog target={fixForward} onClose={() => setFixForward(null)} />}
        <Toasts slot={toastSlot} screens={main} />
      </div>
    </ToastSlotContext.Provider>
  );
}
