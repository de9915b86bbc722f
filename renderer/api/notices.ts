import { rollbackDoneAlertId, type Notice } from '../../shared/api';
import { consoleStore, type ConsoleState } from '../store/store';
import { wordsWithInstants } from '../format/refusal';
import { operatorZone } from '../format/time';

/** A notice's body as this desk reads it: each instant main named in UTC read in `zone` (`wordsWithInstants`). */
export function noticeBody(notice: Pick<Notice, 'body' | 'instants'>, zone: string): string {
  return wordsWithInstants(notice.body, notice.instants, zone);
}

/**
 * Main decides what deserves a notice (a window opening, a gate deadline 30 minutes away, a breach);
 * the page shows it in the console and, in browser mode where the person allowed it, as a desktop
 * notification. Under Electron main shows the native notification itself.
 */
export function showNotice(notice: Notice): void {
  // The desk whose rollback dialog shows this very rollback reads "rolled back" there in green: a notice saying it
  // again, pointing to a banner behind the dialog, only took the dialog's one notice line. Other desks are told.
  if (!isShownByRollbackDialog(notice, consoleStore.getState())) toastNotice(notice);
  if (consoleStore.getState().session?.transport !== 'browser') return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(notice.title, { body: noticeBody(notice, operatorZone()), tag: notice.id });
}

/** A finished rollback's notice, on a desk whose open rollback dialog is that rollback's. */
function isShownByRollbackDialog(notice: Notice, state: Pick<ConsoleState, 'rollbackTarget' | 'view'>): boolean {
  const target = state.rollbackTarget;
  return target !== null && target.releaseId === state.view?.release.id && notice.id === rollbackDoneAlertId(target.handoverId);
}

function toastNotice(notice: Notice): void {
  // An alert's notice repeats, for a desktop notification, the banner's detail and its buttons' labels as
  // sentences. In the console the banner stands at the top with the buttons themselves: the notice points to it
  // in one line (Toasts.tsx words where, a dialog hiding it or not), rather than two of dead button words that, in
  // the rollback dialog, ate the plan's room.
  const inBanner = consoleStore.getState().view?.alerts.some((alert) => alert.id === notice.id) ?? false;
  const tone = notice.severity === 'critical' ? 'error' : 'info';
  if (inBanner) consoleStore.getState().toast(tone, notice.title, { pointsToBanner: true, alertId: notice.id });
  else consoleStore.getState().toast(tone, `${notice.title} — ${noticeBody(notice, operatorZone())}`);
}
