// Reads a data folder's release log as tests assert on it: each event, or each event in the words the audit
// log has always used (kind, actor, release, region, step, data), checked against the event schema.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { auditEntryOf } from '../main/release/repository';
import { ReleaseEvent } from '../shared/engine/events';
import { applyEvent, initialState } from '../shared/engine/fold';
import { ConsoleStateFile, type ConsoleState } from '../shared/engine/state';
import { LOG_FILE } from '../main/storage/repository';

export function logEvents(dir: string): ReleaseEvent[] {
  return readFileSync(path.join(dir, LOG_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; body: unknown })
    .filter((entry) => entry.kind === 'event')
    .map((entry) => ReleaseEvent.parse(entry.body));
}

export function logEntries(dir: string): ReturnType<typeof auditEntryOf>[] {
  return logEvents(dir).map(auditEntryOf);
}

/** A full replay of the log from its first line: the genesis state (if any), then every event folded. */
export function foldLog(dir: string): ConsoleState {
  let state = initialState();
  for (const line of readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let entry: { kind: string; body: unknown };
    try {
      entry = JSON.parse(line) as { kind: string; body: unknown };
    } catch {
      continue; // a torn tail, which the repository records as recovered
    }
    if (entry.kind === 'genesis') state = initialState(ConsoleStateFile.parse((entry.body as { state: unknown }).state));
    if (entry.kind === 'event') state = applyEvent(state, ReleaseEvent.parse(entry.body));
  }
  return state;
}
