import path from 'node:path';
import type { Clock } from '../../shared/clock';
import { ReleaseEvent } from '../../shared/engine/events';
import { applyEvent, initialState } from '../../shared/engine/fold';
import { ConsoleStateFile, emptyConsoleState, type ConsoleState } from '../../shared/engine/state';
import { legacyMigration } from '../storage/legacy-migration';
import { openRepository, type OpenedRepository } from '../storage/repository';
import type { DynamoLog } from '../team/dynamo-log';
import { SharedReleaseRepository } from './shared-repository';

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

export interface SharedLogConnection {
  log: DynamoLog;
  table: string;
  /** Another desk's events were folded, or the store's reachability changed. */
  onChange: () => void;
  /** The events the store accepted, as they are folded (SharedReleaseRepositoryOptions.onFolded). */
  onFolded?: (events: readonly ReleaseEvent[]) => void;
  offlinePollIntervalMs?: number;
}

/**
 * With a shared store, the data folder's log becomes the replica of the team's chain in DynamoDB: it is
 * checked against the table and caught up before the console shows anything, then the table is tailed.
 */
export async function shareReleaseRepository(local: ConsoleRepository, clock: Clock, connection: SharedLogConnection): Promise<SharedReleaseRepository> {
  const shared = new SharedReleaseRepository({ local, clock, ...connection });
  await shared.start();
  return shared;
}
