import type { Release } from '../workspace/workspace';

/**
 * A failed command step's note, and, when the command that failed is no longer among the ones the step would run, that
 * it is history. After HO-1234 took its failure path, S01's deploy read "deploy apply rt-media-gateway 4.13.0 --region
 * S01 exited with 1." over a command list without that command, as if a retry would run it again.
 * `statusOf` is each handover's status now.
 */
export function failedRunWords(note: string, failedArgv: readonly string[] | null, commands: readonly (readonly string[])[], release: Release, statusOf: (handoverId: string) => string): string {
  // Only a note about that run's command ("deploy apply … exited with 1."), not a step failed by hand after it ran.
  if (failedArgv === null || failedArgv.length === 0 || !note.startsWith(`${failedArgv.join(' ')} `)) return note;
  const same = (argv: readonly string[]) => argv.length === failedArgv.length && argv.every((arg, i) => arg === failedArgv[i]);
  if (commands.some(same)) return note;
  const handovers = release.handovers.filter((ho) => ho.packages.some((p) => failedArgv.includes(p.name)));
  const whose = handovers.length ? ` It was ${new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(handovers.map((ho) => `${ho.id}'s, now “${statusOf(ho.id)}”`))}:` : '';
  const retry = commands.length ? 'a retry runs only the commands below' : 'a retry has no command left to run';
  return `${note}${whose} it is no longer this step's, and ${retry}.`;
}
