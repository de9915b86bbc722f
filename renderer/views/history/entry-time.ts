/** "2026-03-19 10:55:07": an audit reads seconds, and sorts by eye, in the operator's zone (named beside it). */
const STAMP = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function entryStamp(at: number): string {
  return Number.isFinite(at) ? STAMP.format(at) : '—';
}

/** The `datetime-local` input's value for an instant, in the operator's zone. */
export function localInputValue(at: number | undefined): string {
  return at === undefined ? '' : entryStamp(at).replace(' ', 'T').slice(0, 16);
}

/** The instant a `datetime-local` value means in the operator's zone; undefined when it is empty or not a time. */
export function instantOfLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : undefined;
}
