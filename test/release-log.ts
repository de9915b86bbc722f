// Reads a data folder's release log as tests assert on it: each event, or each event in the words the audit
// log has always used (kind, actor, release, region, step, data), checked against the event schema.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { auditKindOf, ReleaseEvent } from '../shared/engine/events';
import { applyEvent, initialState } from '../shared/engine/fold';
import { ConsoleStateFile, type ConsoleState } from '../shared/engine/state';
import { LOG_FILE } from '../main/storage/repository';
import { foldedEventBody, type LogEntry } from '../main/storage/log-entry';
import { parseRehearsalFolderName, REHEARSALS_FOLDER, rehearsalFolderName } from '../shared/rehearsal/folder';

/**
 * The folder of a workspace data folder's rehearsal that starts at `start` (ISO or epoch ms); without a start,
 * the one rehearsal in use there (a test that started one console), and an error if there is not exactly one.
 */
export function rehearsalDir(dataDir: string, start?: string | number): string {
  const rehearsals = path.join(dataDir, REHEARSALS_FOLDER);
  if (start !== undefined) return path.join(rehearsals, rehearsalFolderName(typeof start === 'number' ? start : Date.parse(start)));
  const current = (existsSync(rehearsals) ? readdirSync(rehearsals) : []).filter((name) => parseRehearsalFolderName(name)?.archivedAt === null);
  if (current.length !== 1) throw new Error(`${rehearsals} holds ${current.length} rehearsals in use (${current.join(', ')}), not one: name the start time.`);
  return path.join(rehearsals, current[0]!);
}

export function logEvents(dir: string): ReleaseEvent[] {
  return readFileSync(path.join(dir, LOG_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogEntry)
    // A desk on a shared store keeps each event the store accepted in a `shared` entry.
    .map((entry) => foldedEventBody(entry))
    .filter((body) => body !== undefined)
    .map((body) => ReleaseEvent.parse(body));
}

export function logEntries(dir: string): ReturnType<typeof auditEntryOf>[] {
  return logEvents(dir).map(auditEntryOf);
}

/** A full replay of the log from its first line: the genesis state (if any), then every event folded. */
export function foldLog(dir: string): ConsoleState {
  let state = initialState();
  for (const line of readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      continue; // a torn tail, which the repository records as recovered
    }
    if (entry.kind === 'genesis') state = initialState(ConsoleStateFile.parse((entry.body as { state: unknown }).state));
    const body = foldedEventBody(entry);
    if (body !== undefined) state = applyEvent(state, ReleaseEvent.parse(body));
  }
  return state;
}

/**
 * One event in the words the audit log has always used: who and where in the entry's own fields, the rest in
 * `data` (a rollback's detail spread beside it). The tests of the loop and the e2e walks assert on the log this way.
 */
export function auditEntryOf(event: ReleaseEvent): { actor: string; role: string; kind: string; release: string | null; region: string | null; step: string | null; data: Record<string, unknown> } {
  const { actor, type, ...rest } = event;
  const where = rest as { release?: string | null; region?: string | null; step?: string | null };
  const detail = event.type === 'rollbackChanged' ? event.detail : {};
  const intent = event.type === 'stepStarted' ? (event.retry ? 'retryStep' : 'startStep') : event.type === 'rollbackChanged' || event.type === 'refused' ? event.intent : INTENT_NAMES[type];
  return {
    actor: actor.name,
    role: actor.role,
    kind: auditKindOf(event),
    release: where.release ?? null,
    region: where.region ?? null,
    step: where.step ?? null,
    data: JSON.parse(JSON.stringify({ type, ...rest, ...detail, ...(intent ? { intent } : {}) })) as Record<string, unknown>,
  };
}

/** Names the audit log has used for these intents since issue 4: readers and tests look for them. */
const INTENT_NAMES: Partial<Record<ReleaseEvent['type'], string>> = { clockMoved: 'moveRehearsalClock', releaseSelected: 'selectRelease', operatorSet: 'setOperator', stepStopRequested: 'stopStep' };
