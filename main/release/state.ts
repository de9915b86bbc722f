/** The state's schema moved to shared/engine/state.ts with the fold that produces it; this keeps main's import path. */
export { ConsoleStateFile, ReleaseRecord, emptyConsoleState, emptyReleaseRecord, liftWorld, type CommandRunRecord } from '../../shared/engine/state';
