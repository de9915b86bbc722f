import type { StepView, TerminalExit, TerminalInfo } from '../../../shared/api';
import { describeArgv } from '../../../shared/terminal/argv';
import { stopperWords } from '../../../shared/words';

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
 * What the terminal bar names a session by, before how it ended: a shell by its name (main's "Shell 2", or the one
 * the PE gave its tab) and then the title its program set, if any ("Shell 2 · alice@desk: ~": two bash shells set
 * the same one); a step's run by the title its program set, or else its command line.
 */
export function terminalBarName(kind: TerminalInfo['kind'], name: string, programTitle: string): string {
  if (kind === 'command') return programTitle || name;
  return programTitle ? `${name} · ${programTitle}` : name;
}

/**
 * The terminal bar's words: the session's title and, once it ended, how, whole ("ended: stopped by alice,
 * SIGKILL (137)"). A tab may be cut at the row's edge; the bar over the output is where a finished run
 * must not read as one still running.
 */
export function terminalBarLabel(title: string, exit: TerminalExit | null, stopping: StepView['stopping'] = null): string {
  return `${title}${terminalBarState(exit, stopping)}`;
}

/**
 * What the bar says after the title, " · ended: stopped by alice (PE), SIGKILL (137)", or '' while it runs unasked: the
 * words the bar keeps whole, the title giving way first. Cut as one text at 1024 px, the bar read "… · ended: stopped by ol…".
 */
export function terminalBarState(exit: TerminalExit | null, stopping: StepView['stopping'] = null): string {
  if (!exit) return stopping ? ` · stopping: asked by ${stopperWords(stopping)}` : '';
  if (exit.withheld) return ' · not run (rehearsal)';
  // Lost with the pty host, the program's own end (SIGHUP, as the pty closed) is the consequence, not the cause:
  // "killed by SIGKILL, SIGHUP (129)" named two signals for one end.
  if (exit.interruption?.kind === 'lost') return ` · ended: ${exit.interruption.message}`;
  const code = codeLabel(exit);
  return ` · ended: ${exit.interruption ? `${exit.interruption.message}, ${code}` : code}`;
}

/**
 * Whether the bar over a terminal says more than its tab: who asked its run to stop, or how a run was cut short
 * ("ended: stopped by alice (PE), SIGKILL (137)" where the tab says " · stopped"). A narrow panel shows the bar only then
 * (or while its find box is open): at 1024 px a run's bar said again what its tab said (" · ended: exit 0" under
 * " · exit 0"), a second line of chrome over the output.
 */
export function barSaysMoreThanTab(exit: TerminalExit | null, stopping: StepView['stopping'] = null): boolean {
  if (!exit) return stopping !== null;
  return !exit.withheld && Boolean(exit.interruption);
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

/**
 * Characters of a tab's name kept when tabs shrink, before the row scrolls instead: enough to tell "region shell"
 * from "rollback watch" and "sdc-deploy" at 1024 px. Kept to 3 ("re…"), five tabs there read alike.
 */
export const NAME_KEPT_CH = 8;
/**
 * A tab whose run was cut short (stopped, timed out, lost) keeps less of its name: at 1024 px two lost shells'
 * tabs, each keeping 8, overflowed the strip and both read cut ("ll · lost", "Shell · los"); that it was cut
 * short is what such a tab is there to say. A run that exited keeps 8, so finished steps' tabs stay told apart.
 */
export const NAME_KEPT_CUT_SHORT_CH = 3;

/** What one terminal tab reads, and what it says when pointed at or read out. */
export interface TabLabel {
  /**
   * The words every run of its command in the region shares ("deploy"), before its name; '' for none. The tab
   * cuts them first: five deploys in LON kept "deploy …" each, the part they share, and cut the packages.
   */
  lead: string;
  /** What tells the tab from its neighbours: a shell's name, a renamed tab's, or the words a command's runs differ in. */
  name: string;
  /** How its session ended (tabEndLabel), kept whole. */
  end: string;
  /**
   * What the tab shows at its narrowest: its name's first characters, and an ellipsis when it was cut; after its lead
   * when another tab's name would read the same ("deploy stats-tr…" beside "rmht stats-tr…", both read "stats-tr…").
   */
  kept: string;
  /** Whether the lead stays whole: it is what tells this tab from another whose name starts alike. */
  leadKept: boolean;
  /** The tooltip: the step that ran it, the whole command line and how it ended. */
  title: string;
  /** The accessible name when the visible words are not all of it (the whole argv, the step's title); else null. */
  accessibleName: string | null;
}

type TabSession = Pick<TerminalInfo, 'sessionId' | 'kind' | 'regionId' | 'title' | 'argv' | 'exit'>;
type TabStep = Pick<StepView, 'title' | 'regionId' | 'commands'>;

/**
 * Each of a region's tabs' words, in the sessions' order: a free shell keeps its name (the one main gave it as
 * it opened, "Shell", "Shell 2"…, or the one the PE gave it); a command run beside others of its program with as many arguments reads the program and the words
 * it differs from them in ("deploy stats-transcribed 1.9.1" of "deploy apply stats-transcribed 1.9.1 --region
 * LON"), a flag kept with the value that differs; a command with no such neighbour reads whole, its program by its
 * file name ("health_check.sh production").
 */
export function tabLabels(sessions: readonly TabSession[], names: Readonly<Record<string, string>>, steps: readonly TabStep[]): TabLabel[] {
  const commands = sessions.filter((s) => s.kind === 'command').map((s) => s.argv);
  const labels = sessions.map((s) => {
    const end = tabEndLabel(s.exit);
    const whole = describeArgv(s.argv);
    const given = names[s.sessionId];
    const words = given === undefined && s.kind === 'command' ? distinguishingWords(s.argv, commands) : null;
    const lead = words?.lead ?? '';
    const name = given ?? (s.kind === 'shell' ? s.title : (words?.name ?? byFileName(s.argv)));
    const kept = keptOf(name, s.exit);
    const step = s.kind === 'command' ? steps.find((candidate) => candidate.regionId === s.regionId && candidate.commands.some((argv) => sameArgv(argv, s.argv))) : undefined;
    const hint = `Double-click or F2 to rename${s.kind === 'shell' ? '; Delete closes it' : ''}`;
    const title = [step?.title, terminalBarLabel(whole, s.exit), hint].filter((line) => line !== undefined).join('\n');
    const visible = lead ? `${lead} ${name}` : name;
    const detail = [s.kind === 'shell' || visible === whole ? null : whole, step ? `step "${step.title}"` : null].filter((part) => part !== null);
    return { lead, name, end, kept, leadKept: false, title, accessibleName: detail.length > 0 ? `${visible}${end}: ${detail.join(', ')}` : null };
  });
  const keptBy = new Map<string, number>();
  for (const label of labels) keptBy.set(label.kept, (keptBy.get(label.kept) ?? 0) + 1);
  return labels.map((label) => (label.lead && keptBy.get(label.kept)! > 1 ? { ...label, kept: `${label.lead} ${label.kept}`, leadKept: true } : label));
}

/** What a tab keeps of its name at its narrowest: cut short, 3 with the ellipsis ("S…", as tabs shrank before); otherwise 8 and then the ellipsis. */
function keptOf(name: string, exit: TerminalExit | null): string {
  const limit = exit?.interruption ? NAME_KEPT_CUT_SHORT_CH : NAME_KEPT_CH;
  return name.length <= limit ? name : exit?.interruption ? `${name.slice(0, limit - 1)}…` : `${name.slice(0, limit)}…`;
}

/** A program's file name: "health_check.sh" of "./scripts/health_check.sh". */
function fileName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

/**
 * A command line with its program by its file name: seed 002's scripts all start "./scripts/", and their tabs, cut to
 * their first 8 characters, read "./script…" three times at 1280 px. The tooltip and the accessible name keep the path.
 */
function byFileName(argv: readonly string[]): string {
  return describeArgv(argv.length > 0 ? [fileName(argv[0]!), ...argv.slice(1)] : argv);
}

function sameArgv(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((arg, i) => arg === b[i]);
}

/**
 * The program's name and the arguments in which a command differs from the other runs in `runs` of the same
 * program with as many arguments; null when there is no other such run, or when none differs (a run again).
 */
function distinguishingWords(argv: readonly string[], runs: readonly (readonly string[])[]): { lead: string; name: string } | null {
  const alike = runs.filter((other) => other.length === argv.length && other[0] === argv[0]);
  const differs = argv.map((arg, i) => alike.some((other) => other[i] !== arg));
  if (!differs.some(Boolean)) return null;
  // "--to-version v1.2.2": the flag says what the value that differs is.
  const words = argv.filter((arg, i) => differs[i] || (arg.startsWith('-') && differs[i + 1] === true));
  const program = argv[0] ?? '';
  return { lead: fileName(program), name: describeArgv(words) };
}
