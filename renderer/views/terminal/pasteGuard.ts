/**
 * The question a multi-line paste must answer first while a rollback runs (a pasted runbook must not run
 * line by line unseen), or null when the paste may go straight in.
 */
export function multilinePasteQuestion(text: string, rollbackActive: boolean): string | null {
  const body = text.trimEnd();
  if (!rollbackActive || !/\r|\n/.test(body)) return null;
  const lines = body.split(/\r?\n|\r/).length;
  return `A rollback is running. Paste ${lines} lines into this terminal? Pasted lines can run as commands.`;
}
