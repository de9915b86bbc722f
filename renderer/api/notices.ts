import type { Notice } from '../../shared/api';
import { consoleStore } from '../store/store';

/**
 * Main decides what deserves a notice (a window opening, a gate deadline 30 minutes away, a breach);
 * the page shows it in the console and, in browser mode where the person allowed it, as a desktop
 * notification. Under Electron main shows the native notification itself.
 */
export function showNotice(notice: Notice): void {
  // An alert's notice repeats, for a desktop notification, the banner's detail and its buttons' labels as
  // sentences. In the console the banner stands at the top with the buttons themselves: the notice points to it
  // in one line (Toasts.tsx words where, a dialog hiding it or not), rather than two of dead button words that, in
  // the rollback dialog, ate the plan's room.
  const inBanner = consoleStore.getState().view?.alerts.some((alert) => alert.id === notice.id) ?? false;
  const tone = notice.severity === 'critical' ? 'error' : 'info';
  if (inBanner) consoleStore.getState().toast(tone, notice.title, { pointsToBanner: true, alertId: notice.id });
  else consoleStore.getState().toast(tone, `${notice.title} — ${notice.body}`);
  if (consoleStore.getState().session?.transport !== 'browser') return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(notice.title, { body: notice.body, tag: notice.id });
}
