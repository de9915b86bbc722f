/**
 * A rehearsal is kept per workspace and start time: its log, snapshot and transcripts live in
 * `rehearsals/<start>/` under the workspace's data folder, so the same `--rehearsal-at` resumes it and
 * another start time (next week's demo) is another rehearsal. "Start over" renames the folder to
 * `<start>~archived-<when>` (never deleted) and begins again.
 *
 * Names use ISO 8601's basic format (`20260319T105500Z`): a valid instant with no `:`, which Windows and
 * macOS's Finder refuse in file names.
 */
export const REHEARSALS_FOLDER = 'rehearsals';
const ARCHIVED = '~archived-';
const BASIC_INSTANT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{3}))?Z$/;

/** 2026-03-19T10:55:00.000Z → 20260319T105500Z (milliseconds kept only when there are some). */
export function basicInstant(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`A rehearsal is named by a finite epoch time in milliseconds, not ${epochMs}.`);
  const iso = new Date(epochMs).toISOString();
  const [date, time] = iso.slice(0, -1).split('T') as [string, string];
  const [hms, ms] = time.split('.') as [string, string];
  return `${date.replaceAll('-', '')}T${hms.replaceAll(':', '')}${ms === '000' ? '' : `.${ms}`}Z`;
}

function parseBasicInstant(text: string): number | null {
  const m = BASIC_INSTANT.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0));
  // Date.UTC rolls 20260231 over to March: a name that does not round-trip is not one of ours.
  return basicInstant(ms) === text ? ms : null;
}

/** The folder of the rehearsal that starts at `start`, inside `rehearsals/`. */
export function rehearsalFolderName(start: number): string {
  return basicInstant(start);
}

/** The name a started-over rehearsal is archived under. */
export function archivedRehearsalName(start: number, archivedAt: number): string {
  return `${basicInstant(start)}${ARCHIVED}${basicInstant(archivedAt)}`;
}

export interface RehearsalFolder {
  name: string;
  start: number;
  /** Epoch ms it was archived by "Start over"; null for the rehearsal still in use for that start time. */
  archivedAt: number | null;
}

/** What a name in `rehearsals/` is, or null for anything else (a stray file is not a rehearsal). */
export function parseRehearsalFolderName(name: string): RehearsalFolder | null {
  const [startText, archivedText, ...rest] = name.split(ARCHIVED);
  if (startText === undefined || rest.length) return null;
  const start = parseBasicInstant(startText);
  if (start === null) return null;
  if (archivedText === undefined) return { name, start, archivedAt: null };
  const archivedAt = parseBasicInstant(archivedText);
  return archivedAt === null ? null : { name, start, archivedAt };
}

/** The archives of the rehearsal that starts at `start`, newest first: what "Start over" kept. */
export function archivesOf(names: readonly string[], start: number): RehearsalFolder[] {
  return names
    .map(parseRehearsalFolderName)
    .filter((f): f is RehearsalFolder & { archivedAt: number } => f !== null && f.start === start && f.archivedAt !== null)
    .sort((a, b) => b.archivedAt - a.archivedAt);
}

/** The rehearsal in use with the latest start time (`check --rehearsal` without a start asks about it). */
export function latestRehearsal(names: readonly string[]): RehearsalFolder | null {
  const current = names.map(parseRehearsalFolderName).filter((f): f is RehearsalFolder => f !== null && f.archivedAt === null);
  return current.sort((a, b) => b.start - a.start)[0] ?? null;
}
