import type { ConsoleApi, ReleaseView, ReleaseViewPatch } from '../../shared/api';
import type { Screen } from '../store/release-slice';
import { consoleStore } from '../store/store';

/** Each role opens on what it does first (issue 6), as the workspace declares it (`opens`): the demo's QA on its checklist. */
function firstScreenOf(role: string): Screen {
  const declared = consoleStore.getState().session?.workspace.roles.find((r) => r.name.toLowerCase() === role.toLowerCase());
  return declared?.opens ?? 'regions';
}

/**
 * Keeps this window's view in step with main: the whole view when the window (re)connects, then numbered
 * patches. A patch that is not the next number means one was missed: the whole view is asked for again.
 * Patches that arrive while a whole view is on its way are held and applied after it, if they follow it.
 */
export function createViewSync(api: ConsoleApi): { watch: () => Promise<void> } {
  let openedOnRole = false;
  let watching: Promise<void> | null = null;
  let held: ReleaseViewPatch[] = [];

  function receiveView(view: ReleaseView, seq: number): void {
    const store = consoleStore.getState();
    store.setView(view, seq);
    if (!openedOnRole) {
      openedOnRole = true;
      // The roles come with the session, asked for at the same time as this view: whichever arrives last opens the screen.
      const open = () => consoleStore.getState().openFirstScreen(firstScreenOf(view.operator.role));
      if (store.session) open();
      else {
        const unsubscribe = consoleStore.subscribe((s) => {
          if (!s.session) return;
          unsubscribe();
          open();
        });
      }
    }
  }

  function watch(): Promise<void> {
    if (watching) return watching;
    // A reconnecting window keeps its session: it names the release and operator it showed.
    const shown = consoleStore.getState().view;
    watching = api
      .watchReleaseView(shown ? { releaseId: shown.release.id, operator: shown.operator } : {})
      .then((result) => {
        watching = null;
        if (!result.ok) {
          consoleStore.getState().setSessionError(result.error);
          return;
        }
        receiveView(result.value.view, result.value.seq);
        const pending = held.filter((patch) => patch.seq > result.value.seq).sort((a, b) => a.seq - b.seq);
        held = [];
        for (const patch of pending) receivePatch(patch);
      });
    return watching;
  }

  function receivePatch(patch: ReleaseViewPatch): void {
    if (watching) {
      held.push(patch);
      return;
    }
    if (consoleStore.getState().applyViewPatch(patch) === 'gap') void watch();
  }

  api.onReleaseViewPatch(receivePatch);
  return { watch };
}
