/** The terminal service's runCommand, as the release service needs it (a test can hand a real one). */
export interface CommandRunner {
  run(
    regionId: string | null,
    argv: readonly string[],
    options: { commandId: string; releaseId: string },
  ): Promise<{ exitCode: number; signal: string | null; output: string; startedAt: number; endedAt: number; transcriptFile: string | null; interruption: { kind: string; message: string } | null }>;
}
