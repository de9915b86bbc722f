import { describe, expect, it } from 'vitest';
import type { StepView, TerminalExit } from '../../../shared/api';
import { endedShellNote, stoppingOf, tabEndLabel, terminalBarLabel } from '../../../renderer/views/terminal/sessionLabels';

const stopped: TerminalExit = { code: 137, signal: 'SIGKILL', interruption: { kind: 'stopped', message: 'stopped by alice' } };
const timedOut: TerminalExit = { code: 143, signal: 'SIGTERM', interruption: { kind: 'timedOut', message: 'timed out after 10 min' } };
const lost: TerminalExit = { code: 129, signal: 'SIGHUP', interruption: { kind: 'lost', message: 'the pty host was killed by SIGKILL' } };

describe("a terminal session's end, on its tab and over its output", () => {
  it.each<[string, TerminalExit | null, string, string]>([
    ['still running', null, '', 'Command output'],
    ['finished', { code: 0, signal: null }, ' · exit 0', 'Command output · ended: exit 0'],
    ['failed', { code: 2, signal: null }, ' · exit 2', 'Command output · ended: exit 2'],
    ['killed by a signal of its own', { code: 139, signal: 'SIGSEGV' }, ' · SIGSEGV (139)', 'Command output · ended: SIGSEGV (139)'],
    ['stopped by the operator', stopped, ' · stopped', 'Command output · ended: stopped by alice, SIGKILL (137)'],
    ['past its time limit', timedOut, ' · timed out', 'Command output · ended: timed out after 10 min, SIGTERM (143)'],
    // The pty host's death hangs the program up: the tab says lost, not SIGHUP beside a terminal that says SIGKILL.
    ['lost with the pty host', lost, ' · lost', 'Command output · ended: the pty host was killed by SIGKILL'],
    ['withheld by a rehearsal', { code: 0, signal: null, withheld: true }, ' · not run (rehearsal)', 'Command output · not run (rehearsal)'],
  ])('%s: the tab adds %j, the bar reads %j', (_, exit, tab, bar) => {
    expect(tabEndLabel(exit)).toBe(tab);
    expect(terminalBarLabel('Command output', exit)).toBe(bar);
  });
});

describe('a step command asked to stop, over its output while it stops', () => {
  const argv = ['maintenance', 'enable', '--region', 'S01'];
  const asked = { by: 'alice', at: 0 };
  const running = { state: 'running', regionId: 'S01', commands: [argv], stopping: asked } as unknown as StepView;
  const session = { kind: 'command' as const, regionId: 'S01', argv, exit: null };

  it.each<[string, Parameters<typeof stoppingOf>[0], StepView[], StepView['stopping']]>([
    ['its step asked to stop', session, [running], asked],
    ['its step running, not asked to stop', session, [{ ...running, stopping: null }], null],
    ['another region', { ...session, regionId: 'S02' }, [running], null],
    ['another command', { ...session, argv: ['maintenance', 'status'] }, [running], null],
    ['a shell', { ...session, kind: 'shell' }, [running], null],
    ['already ended', { ...session, exit: { code: 137, signal: 'SIGKILL' } }, [running], null],
  ])('%s: stopping is %j', (_, info, steps, expected) => {
    expect(stoppingOf(info, steps)).toEqual(expected);
  });

  it('reads "stopping: asked by" until it ended, then how it ended', () => {
    expect(terminalBarLabel('Command output', null, asked)).toBe('Command output · stopping: asked by alice');
    expect(terminalBarLabel('Command output', stopped, asked)).toBe('Command output · ended: stopped by alice, SIGKILL (137)');
  });
});

describe('an ended shell, under its bar', () => {
  it.each<[string, TerminalExit | null, string | null]>([
    ['still open', null, null],
    ['lost with the pty host', lost, 'This shell was lost with the pty host (the pty host was killed by SIGKILL): it takes no input. Its output is kept above.'],
    ['exited', { code: 0, signal: null }, 'This shell has ended (exit 0): it takes no input.'],
    ['stopped', stopped, 'This shell has ended (stopped by alice, SIGKILL (137)): it takes no input.'],
  ])('%s: %j', (_, exit, note) => {
    expect(endedShellNote(exit)).toBe(note);
  });
});
