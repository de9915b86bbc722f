// Reads a data folder's release log as tests assert on it: each event, or each event in the words the audit
// log has always used (kind, actor, release, region, step, data), checked against the event schema.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { auditEntryOf } from '../main/release/repository';
import { ReleaseEvent } from '../shared/engine/events';
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
