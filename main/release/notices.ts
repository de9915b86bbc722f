import type { AlertView, Notice, RegionView, ReleaseView } from '../../shared/api';
import { countOf } from '../../shared/words';

/** Seed 000's gates are hard deadlines: warn this long before one passes. */
export const GATE_WARNING_MS = 30 * 60_000;

/**
 * What changed between two views that deserves a desktop notification: a region's window opening, a
 * gate deadline 30 minutes away, a region breaching its rollback criteria, a QA item failed. Pure, so a clock jump (a
 * rehearsal moved forward, a laptop waking) announces what it passed over exactly once.
 */
export function noticesBetween(previous: ReleaseView | null, next: ReleaseView): Notice[] {
  if (!previous || previous.release.id !== next.release.id) return [];
  const notices: Notice[] = [];
  const wasOpen = new Map(previous.regions.map((r) => [r.id, r.window.open]));
  const opened = next.regions.filter((region) => region.window.open && wasOpen.get(region.id) === false);
  notices.push(...windowOpenNotices(opened, next.now));
  for (const gate of next.gates) {
    if (gate.deadline === null) continue;
    const warnAt = gate.deadline - GATE_WARNING_MS;
    if (previous.now < warnAt && next.now >= warnAt && next.now < gate.deadline) {
      const open = gate.steps.filter((s) => s.state !== 'done').length;
      notices.push({ id: `gate:${gate.id}`, severity: 'warning', title: `${gate.title}: 30 minutes left`, body: `${countOf(open, 'step')} still open before the deadline.` });
    }
  }
  const known = new Set(previous.alerts.map((a) => a.id));
  for (const alert of next.alerts) {
    if (alert.severity === 'critical' && !known.has(alert.id)) {
      notices.push({ id: alert.id, severity: 'critical', title: alert.title, body: [`${alert.detail}.`, ...alert.actions.map((action) => `${action.label}.`)].join(' ') });
    }
    // A rollback that finished since: every desk is told, not only the one whose dialog ran it.
    if (isRollbackDone(alert) && !known.has(alert.id) && previous.alerts.some((a) => a.id.startsWith(alert.id.replace(/done$/, '')))) {
      notices.push({ id: alert.id, severity: 'info', title: alert.title, body: alert.detail });
    }
  }
  return notices;
}

function isRollbackDone(alert: AlertView): boolean {
  return alert.id.startsWith('rollback:') && alert.id.endsWith(':done');
}

/**
 * The windows that opened at once, in one notice: at 11:00 London APSE1 and APSE2 open together, at 18:00 EUW2 and
 * EUC1, and a notice for each, a line or two apiece, took a fifth of a 720 px window below the screens. Regions whose
 * next steps read alike share one clause ("Their next steps cannot start yet. Waits for …").
 */
function windowOpenNotices(opened: RegionView[], now: number): Notice[] {
  const alike = new Map<string, RegionView[]>();
  for (const region of opened) {
    const key = nextStepKey(region);
    if (key !== null) alike.set(key, [...(alike.get(key) ?? []), region]);
  }
  const groups = [...alike.values()];
  const ids = groups.flat().map((r) => r.id);
  if (ids.length === 0) return [];
  const title = ids.length === 1 ? `${ids[0]} window open` : `${listed(ids)} windows open`;
  const body = groups.length === 1 ? windowOpenBody(groups[0]!) : groups.map(windowOpenClause).join(' ');
  // A waiting step's reasons may name instants (a sign-off reopened at 08:30 UTC): the notice carries them as its pane
  // does, in the order the body names them, for the desk to read in its own zone.
  const instants = groups.flatMap((regions) => (regions[0]!.currentStep!.state === 'ready' ? [] : regions[0]!.currentStep!.instants));
  return [{ id: `window:${ids.join('+')}:${now}`, severity: 'info', title, body, ...(instants.length ? { instants } : {}) }];
}

/** What a region's next step says when its window opens; regions with the same key share a notice. Null: nothing to say. */
function nextStepKey(region: RegionView): string | null {
  const step = region.currentStep;
  if (step?.state === 'ready') return JSON.stringify(['ready', step.title]);
  if (step?.state === 'blocked') return JSON.stringify(['blocked', step.reasons]);
  return null;
}

/**
 * What the windows' opening means for their next step, as `decide` answered it for the view (each region's current
 * step): "may start now" only when that step is ready; else what it still waits for. A region with no step left to
 * start, or one already running or failed, gets no notice (its pane says so).
 */
function windowOpenBody(regions: RegionView[]): string {
  const step = regions[0]!.currentStep!;
  if (step.state === 'ready') {
    const where = listed(regions.map((r) => `${r.id}, ${r.name},`));
    return `Deployments to ${where} may start now: "${step.title}" is ready${regions.length > 1 ? ' in each' : ''}.`;
  }
  // Short: the regions' tiles name the step.
  return `${regions.length === 1 ? 'Its next step cannot' : 'Their next steps cannot'} start yet. ${step.reasons.join(' ')}`;
}

/** One group's words beside the others': 'EUW2: Waits for "…" in S01, S02, LON to be done.' */
function windowOpenClause(regions: RegionView[]): string {
  const step = regions[0]!.currentStep!;
  const ids = listed(regions.map((r) => r.id));
  return step.state === 'ready' ? `${ids}: may start now, "${step.title}" is ready.` : `${ids}: ${step.reasons.join(' ')}`;
}

/** "APSE1", "APSE1 and APSE2", "USE2, USW2 and APSE1". */
function listed(items: string[]): string {
  return new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(items);
}
