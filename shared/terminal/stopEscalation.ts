/**
 * Stop waits this long after SIGINT before SIGTERM, and as long again before SIGKILL: a deploy tool that
 * handles Ctrl+C gets time to release its lock and say where it stopped; one that hangs does not hold a
 * release up for more than ten seconds. Here, not in main/terminal, because the renderer's words say it too.
 */
export const STOP_ESCALATION_MS = 5_000;
