import type { CommandOutcome } from '../../shared/engine/intents';

/** The terminal service's runCommand and stop, as the release service needs them (a test can hand a real one). */
export interface CommandRunner {
  run(
    regionId: string | null,
    argv: readonly string[],
    options: { commandId: string; releaseId: string; onStarted?: (sessionId: string) => void; ranBy?: string },
  ): Promise<{ exitCode: number; signal: string | null; output: string; startedAt: number; endedAt: number; transcriptFile: string | null; interruption: { kind: string; message: string } | null }>;
  /** SIGINT, then SIGTERM, then SIGKILL to what runs in the session; its exit then carries "stopped by `by`". */
  stop(sessionId: string, by: string): Promise<unknown>;
  /** Shows, in the region's terminal, a command a rehearsal withheld: its argv and the line saying it did not run. */
  showWithheld(regionId: string | null, argv: readonly string[], line: string): void;
}

/** What a run of `CommandRunner.run` ends with. */
export type CommandResult = Awaited<ReturnType<CommandRunner['run']>>;

/** Output kept with a run's record for the evidence bundle; the whole transcript is on disk. */
const OUTPUT_TAIL_CHARS = 4_000;

/** A command that ran, as `decide` reads it: its exit, its times, its transcript and the tail of its output. */
export function outcomeOf(result: CommandResult): CommandOutcome {
  return { started: true, exitCode: result.exitCode, signal: result.signal, startedAt: result.startedAt, endedAt: result.endedAt, transcriptFile: result.transcriptFile, outputTail: result.output.slice(-OUTPUT_TAIL_CHARS), interruption: result.interruption };
}

/** A command that never started (its argv refused, no terminal), as `decide` reads it: why. */
export function notStartedOutcome(error: unknown): CommandOutcome {
  return { started: false, error: error instanceof Error ? error.message : String(error) };
}
