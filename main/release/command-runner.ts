/** The terminal service's runCommand and stop, as the release service needs them (a test can hand a real one). */
export interface CommandRunner {
  run(
    regionId: string | null,
    argv: readonly string[],
    options: { commandId: string; releaseId: string; onStarted?: (sessionId: string) => void },
  ): Promise<{ exitCode: number; signal: string | null; output: string; startedAt: number; endedAt: number; transcriptFile: string | null; interruption: { kind: string; message: string } | null }>;
  /** SIGINT, then SIGTERM, then SIGKILL to what runs in the session; its exit then carries "stopped by `by`". */
  stop(sessionId: string, by: string): Promise<unknown>;
  /** Shows, in the region's terminal, a command a rehearsal withheld: its argv and the line saying it did not run. */
  showWithheld(regionId: string | null, argv: readonly string[], line: string): void;
}
