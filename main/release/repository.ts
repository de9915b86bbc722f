import path from 'node:path';
import type { Clock } from '../../shared/clock';
import { auditKindOf, ReleaseEvent } from '../../shared/engine/events';
import { applyEvent, initialState } from '../../shared/engine/fold';
import { ConsoleStateFile, emptyConsoleState, type ConsoleState } from '../../shared/engine/state';
import { legacyMigration } from '../storage/legacy-migration';
import { openRepository, type OpenedRepository } from '../storage/repository';

export type { LogHead, ReleaseRepository } from '../storage/repository';

/** The console's release log: A workspace mode's folder holds one; state is the fold of its events. */
export type ConsoleRepository = OpenedRepository<ConsoleState, ReleaseEvent>;

/**
 * Opens the release log in a data folder with the engine's events and fold. The first start on data from
 * before the log (`state.json` + `audit.jsonl`) writes a genesis entry carrying the old state, with the
 * world lifted out of its releases, and the old audit log's head; those files are never rewritten.
 */
export function openReleaseRepository(dataDir: string, clock: Clock): Promise<ConsoleRepository> {
  return openRepository({
    dir: dataDir,
    initial: emptyConsoleState(),
    apply: applyEvent,
    eventSchema: ReleaseEvent,
    stateSchema: ConsoleStateFile,
    clock,
    migrate: legacyMigration({ dir: path.resolve(dataDir), legacySchema: ConsoleStateFile, legacyDefaults: emptyConsoleState(), toState: (legacy) => initialState(legacy) }),
  });
}

/**
 * One event in the words the audit log has always used: who and where in the entry's own fields, the rest in
 * `data` (a rollback's detail spread beside it). The history screen and tests read the log this way.
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
