/** How one calendar freeze was loaded, for the board and the CLI to say. */
export interface CalendarStatus {
  freeze: string;
  title: string;
  /** Where it is kept, in words: "the SSM Change Calendar release-freezes". */
  source: string;
  /** When the text in use was fetched (epoch ms); null when no copy at all could be had. */
  fetchedAt: number | null;
  /** What went wrong this time, with where; null when the source answered. */
  error: string | null;
}

/** "12 minutes", "3 hours", "2 days": how old a copy is, as a person reads it. */
export function describeAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

/** One line about a calendar's copy in use: its age, and what went wrong when the source did not answer. */
export function describeCalendarStatus(status: CalendarStatus, now: number): string {
  const age = status.fetchedAt === null ? null : `fetched ${describeAge(now - status.fetchedAt)} ago`;
  if (!status.error) return `${status.title}: from ${status.source}, ${age ?? 'not fetched'}.`;
  const error = status.error.replace(/\.+$/, '');
  if (age) return `${error}. Using the last good copy, ${age}.`;
  return `${error}. There is no earlier copy, so every time counts as frozen by ${status.title} until it can be read.`;
}
