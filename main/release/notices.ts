import type { Notice, RegionView, ReleaseView } from '../../shared/api';
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
  for (const region of next.regions) {
    if (region.window.open && wasOpen.get(region.id) === false) {
      const body = windowOpenBody(region);
      if (body !== null) notices.push({ id: `window:${region.id}:${next.now}`, severity: 'info', title: `${region.id} window open`, body });
    }
  }
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
  }
  return notices;
}

/**
 * What a region's window opening means for its next step, as `decide` answered it for the view (the region's
 * current step): "may start now" only when that step is ready; else what it still waits for. Nothing when
 * the region has no step left to start, or one already running or failed (its pane says so).
 */
function windowOpenBody(region: RegionView): string | null {
  const step = region.currentStep;
  if (step?.state === 'ready') return `Deployments to ${region.id}, ${region.name}, may start now: "${step.title}" is ready.`;
  if (step?.state !== 'blocked') return null;
  // Short: two of these come at once when a window opens, and the region's tile names the step.
  return `Its next step cannot start yet. ${step.reasons.join(' ')}`;
}
