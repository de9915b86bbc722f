import type { Notice } from '../../shared/api';
import { consoleStore } from '../store/store';

/**
 * Main decides what deserves a notice (a window opening, a gate deadline 30 minutes away, a breach);
 * the page shows it in the console and, in browser mode where the person allowed it, as a desktop
 * notification. Under Electron main shows the native notification itself.
 */
export function showNotice(notice: Notice): void {
  consoleStore.getState().toast(notice.severity === 'critical' ? 'error' : 'info', `${notice.title} — ${notice.body}`);
  if (consoleStore.getState().session?.transport !== 'browser') return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(notice.title, { body: notice.body, tag: notice.id });
}
