/**
 * What one browser client (a window: its API socket and its terminals' lanes together) may have queued on
 * the server and not yet read. A client that never reads
 * (a suspended laptop, a stalled tab, a hostile script) would otherwise make the server keep every
 * pushed message: a 150 MB terminal flood grew the server by 148 MB (issue 16). 16 MB is a whole
 * flow-control window of terminal output (2 M chars, up to 3 bytes each in UTF-8) twice over, plus
 * a full release view, so a client that reads at all never comes near it.
 */
export const SEND_BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * Whether `bytes` more may be queued for a client that has `queued` bytes unread. A client over its budget
 * is disconnected rather than sent less: a gap in its terminal output or its release view would be a silent
 * lie, and on reconnecting it reattaches and is handed a replay and fresh snapshots, as a reload is.
 */
export function fitsSendBudget(queued: number, bytes: number): boolean {
  return queued + bytes <= SEND_BUDGET_BYTES;
}
