import type { ReleaseEvent } from '../engine/events';

/**
 * A log entry's kind as a PE says it: the History screen's Kind column and its filter show these; the raw
 * name (`leaseReleased`) stays the filter's value and the cell's title, as the JSONL log spells it.
 */
const EVENT_KINDS: Record<ReleaseEvent['type'], string> = {
  stepStarted: 'Step started',
  stepStopRequested: 'Stop asked',
  // The type covers a run that ended done and one that failed: the filter's one choice says both; each row says which (describeEntryKind).
  stepFinished: 'Step finished or failed',
  approvalGiven: 'Approval given',
  overrideApproved: 'Override approved',
  overrideGranted: 'Override granted',
  qaTicked: 'QA item ticked',
  consoleStarted: 'Console started',
  handoverHeld: 'Handover held',
  handoverMoved: 'Handover moved',
  baselinesCaptured: 'Baseline captured',
  baselineRetakeStarted: 'Baseline retaken',
  commandExited: 'Command exited',
  commandWouldRun: 'Command not run (rehearsal)',
  stepReopened: 'Step reopened',
  gateHeld: 'Gate held',
  breachObserved: 'Breach',
  reconciled: 'Region reconciled',
  rollbackChanged: 'Rollback',
  backOutChanged: 'Back-out',
  clockMoved: 'Clock moved',
  drillSet: 'Drill',
  demoClockSwitched: 'Demo clock switched',
  rehearsalStartedOver: 'Rehearsal started over',
  operatorSet: 'Operator changed',
  releaseSelected: 'Release opened',
  evidenceExported: 'Evidence exported',
  releaseDefined: 'Release defined',
  fixForwardDecided: 'Fix forward decided',
  fixForwardLanded: 'Fix forward landed',
  fixForwardExpired: 'Fix forward expired',
  announcementPosting: 'Announcement posting',
  announcementPosted: 'Announcement posted',
  announcementWouldPost: 'Announcement not posted (rehearsal)',
  refused: 'Refused',
  shellCommandAllowed: 'Shell command allowed',
  shellCommandAnswered: 'Shell command answered',
  shellCommandExited: 'Shell command exited',
  shellCommandWouldRun: 'Shell command not run (rehearsal)',
  shellOpened: 'Shell opened',
  shellClosed: 'Shell closed',
  leaseTaken: 'Lease taken',
  leaseReleased: 'Lease released',
  leaseTakenOver: 'Lease taken over',
};

/** The log's own bookkeeping entries (summarizeBookkeeping words each). */
const BOOKKEEPING_KINDS: Record<string, string> = {
  genesis: 'Log started',
  recovery: 'Recovery',
  checkpoint: 'Checkpoint',
  acknowledgement: 'Findings acknowledged',
};

/** "leaseReleased" → "Lease released"; a kind this console does not know is still read as words. */
export function describeKind(kind: string): string {
  const known = Object.hasOwn(EVENT_KINDS, kind) ? EVENT_KINDS[kind as ReleaseEvent['type']] : Object.hasOwn(BOOKKEEPING_KINDS, kind) ? BOOKKEEPING_KINDS[kind] : undefined;
  if (known) return known;
  const words = kind.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An event's kind as its row says it. A failed run leaves its step open (the board offers Retry): "Step finished"
 * beside "failed (exit 1), can be retried" said it was over. Either way, the log's name stays `stepFinished`.
 */
export function describeEventKind(event: ReleaseEvent): string {
  if (event.type === 'stepFinished') return event.outcome === 'failed' ? 'Step failed' : 'Step finished';
  return describeKind(event.type);
}
