import type { Actor, ConsoleApi, ReleaseView, ReleaseViewPatch } from '../../shared/api';
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
    // A reconnecting window keeps its session: it names the release and operator it showed. A reloaded one
    // names the persona this tab had, so a reload does not make it whoever was picked last in another
    // window. Main takes it as a pick in the picker: decided and logged, or refused.
    const shown = consoleStore.getState().view;
    const operator = shown?.operator ?? rememberedPersona();
    watching = api
      .watchReleaseView(shown ? { releaseId: shown.release.id, operator } : operator ? { operator } : {})
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
  // Each patch gives the view a new operator object: only a change of who it is reaches sessionStorage.
  consoleStore.subscribe((state, before) => {
    const operator = state.view?.operator;
    const was = before.view?.operator;
    if (operator && (operator.name !== was?.name || operator.role !== was?.role || operator.persona !== was?.persona)) rememberPersona(operator);
  });
  return { watch };
}

/** Per tab, as a reload keeps it and a new tab does not: the simulated persona this tab acts as. */
const PERSONA_KEY = 'release-console.persona';

function rememberPersona(operator: Actor): void {
  try {
    // A desk's AWS identity is main's to say: only a simulated persona (a rehearsal, the demo) is kept.
    if (operator.persona) sessionStorage.setItem(PERSONA_KEY, JSON.stringify({ name: operator.name, role: operator.role }));
    else sessionStorage.removeItem(PERSONA_KEY);
  } catch {
    // Storage off: a reload opens as the console's default operator, as before.
  }
}

function rememberedPersona(): Actor | undefined {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(PERSONA_KEY) ?? 'null');
    if (saved && typeof saved === 'object' && 'name' in saved && 'role' in saved && typeof saved.name === 'string' && typeof saved.role === 'string') return { name: saved.name, role: saved.role };
  } catch {
    // Unreadable: as if none was kept.
  }
  return undefined;
}
