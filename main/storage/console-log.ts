import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { ConsoleStateFile, emptyConsoleState } from '../release/state';
import { legacyMigration } from './legacy-migration';
import { openRepository, type OpenedRepository } from './repository';

/**
 * The console's release log until the release loop (issue 14, point 1) appends its decided events here:
 * the state starts from today's `state.json` (the genesis entry carries it) and each start of the console
 * is an event, so the log, its head, the snapshot checks and the acknowledgement run end to end now. At
 * merge, the loop's event schema and fold replace these two.
 */
export const ConsoleLogEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('consoleStarted'), workspace: z.string(), rehearsal: z.boolean(), at: z.number() }),
]);
export type ConsoleLogEvent = z.infer<typeof ConsoleLogEvent>;

export const ConsoleLogState = z.object({
  console: ConsoleStateFile,
  starts: z.number().int().nonnegative(),
  lastStartedAt: z.number().nullable(),
});
export type ConsoleLogState = z.infer<typeof ConsoleLogState>;

export function applyConsoleLogEvent(state: ConsoleLogState, event: ConsoleLogEvent): ConsoleLogState {
  switch (event.type) {
    case 'consoleStarted':
      return { ...state, starts: state.starts + 1, lastStartedAt: event.at };
  }
}

export function openConsoleLog(dataDir: string, clock: Clock): Promise<OpenedRepository<ConsoleLogState, ConsoleLogEvent>> {
  return openRepository({
    dir: dataDir,
    initial: { console: emptyConsoleState(), starts: 0, lastStartedAt: null },
    apply: applyConsoleLogEvent,
    eventSchema: ConsoleLogEvent,
    stateSchema: ConsoleLogState,
    clock,
    migrate: legacyMigration({
      dir: path.resolve(dataDir),
      legacySchema: ConsoleStateFile,
      legacyDefaults: emptyConsoleState(),
      toState: (legacy) => ({ console: legacy, starts: 0, lastStartedAt: null }),
    }),
  });
}
