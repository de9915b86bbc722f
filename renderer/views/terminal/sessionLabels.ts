import type { StepView, TerminalExit, TerminalInfo } from '../../../shared/api';

/** Few words for a tab: why a run was cut short, in the words of its interruption's kind. */
const INTERRUPTED: Record<NonNullable<TerminalExit['interruption']>['kind'], string> = {
  stopped: 'stopped',
  timedOut: 'timed out',
  lost: 'lost',
};

/** "exit 0", "SIGKILL (137)": what the process's end was, as the history's entries say it too. */
function codeLabel(exit: TerminalExit): string {
  return exit.signal ? `${exit.signal} (${exit.code})` : `exit ${exit.code}`;
}

/**
 * What a tab adds after its name once its session ended: " · exit 0", " · SIGKILL (137)"; a run cut short says
 * why in a word (" · stopped", " · timed out", " · lost") rather than the signal that carried it out: a shell
 * lost with the pty host read " · SIGHUP (129)" beside a terminal that said the pty host was killed by SIGKILL.
 */
export function tabEndLabel(exit: TerminalExit | null): string {
  if (!exit) return '';
  if (exit.withheld) return ' · not run (rehearsal)';
  if (exit.interruption) return ` · ${INTERRUPTED[exit.interruption.kind]}`;
  return ` · ${codeLabel(exit)}`;
}

/**
 * The terminal bar's words: the session's title and, once it ended, how, whole ("ended: stopped by alice,
 * SIGKILL (137)"). A tab may be cut at the row's edge; the bar over the output is where a finished run
 * must not read as one still running.
 */
export function terminalBarLabel(title: string, exit: TerminalExit | null, stopping: StepView['stopping'] = null): string {
  if (!exit) return stopping ? `${title} · stopping: asked by ${stopping.by}` : title;
  if (exit.withheld) return `${title} · not run (rehearsal)`;
  // Lost with the pty host, the program's own end (SIGHUP, as the pty closed) is the consequence, not the cause:
  // "killed by SIGKILL, SIGHUP (129)" named two signals for one end.
  if (exit.interruption?.kind === 'lost') return `${title} · ended: ${exit.interruption.message}`;
  const code = codeLabel(exit);
  return `${title} · ended: ${exit.interruption ? `${exit.interruption.message}, ${code}` : code}`;
}

/**
 * Who asked the step running this command session to stop, while it stops (SIGINT, SIGTERM after 5 s, SIGKILL
 * after 5 s more): the running command step of the session's region whose command lines include its argv.
 */
export function stoppingOf(info: Pick<TerminalInfo, 'kind' | 'regionId' | 'argv' | 'exit'> | undefined, steps: readonly StepView[]): StepView['stopping'] {
  if (!info || info.kind !== 'command' || info.exit) return null;
  const same = (argv: readonly string[]) => argv.length === info.argv.length && argv.every((arg, i) => arg === info.argv[i]);
  const step = steps.find((s) => s.state === 'running' && s.stopping && s.regionId === info.regionId && s.commands.some(same));
  return step?.stopping ?? null;
}

/**
 * What an ended shell says under its bar: it takes no typing any more (keystrokes would go nowhere), and why
 * it ended. A shell lost with the pty host looked typeable after its red line and swallowed what was typed.
 */
export function endedShellNote(exit: TerminalExit | null): string | null {
  if (!exit) return null;
  if (exit.interruption?.kind === 'lost') return `This shell was lost with the pty host (${exit.interruption.message}): it takes no input. Its output is kept above.`;
  return `This shell has ended (${exit.interruption ? `${exit.interruption.message}, ${codeLabel(exit)}` : codeLabel(exit)}): it takes no input.`;
}
