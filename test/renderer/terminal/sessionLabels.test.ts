import { describe, expect, it } from 'vitest';
import type { StepView, TerminalExit } from '../../../shared/api';
import { NAME_KEPT_CH, barSaysMoreThanTab, endedShellNote, stoppingOf, tabEndLabel, tabLabels, terminalBarLabel, terminalBarName, terminalBarState } from '../../../renderer/views/terminal/sessionLabels';

const stopped: TerminalExit = { code: 137, signal: 'SIGKILL', interruption: { kind: 'stopped', message: 'stopped by alice (PE)' } };
const timedOut: TerminalExit = { code: 143, signal: 'SIGTERM', interruption: { kind: 'timedOut', message: 'timed out after 10 min' } };
const lost: TerminalExit = { code: 129, signal: 'SIGHUP', interruption: { kind: 'lost', message: 'the pty host was killed by SIGKILL' } };

describe("a terminal session's end, on its tab and over its output", () => {
  it.each<[string, TerminalExit | null, string, string]>([
    ['still running', null, '', 'Command output'],
    ['finished', { code: 0, signal: null }, ' · exit 0', 'Command output · ended: exit 0'],
    ['failed', { code: 2, signal: null }, ' · exit 2', 'Command output · ended: exit 2'],
    ['killed by a signal of its own', { code: 139, signal: 'SIGSEGV' }, ' · SIGSEGV (139)', 'Command output · ended: SIGSEGV (139)'],
    ['stopped by the operator', stopped, ' · stopped', 'Command output · ended: stopped by alice (PE), SIGKILL (137)'],
    ['past its time limit', timedOut, ' · timed out', 'Command output · ended: timed out after 10 min, SIGTERM (143)'],
    // The pty host's death hangs the program up: the tab says lost, not SIGHUP beside a terminal that says SIGKILL.
    ['lost with the pty host', lost, ' · lost', 'Command output · ended: the pty host was killed by SIGKILL'],
    ['withheld by a rehearsal', { code: 0, signal: null, withheld: true }, ' · not run (rehearsal)', 'Command output · not run (rehearsal)'],
  ])('%s: the tab adds %j, the bar reads %j', (_, exit, tab, bar) => {
    expect(tabEndLabel(exit)).toBe(tab);
    expect(terminalBarLabel('Command output', exit)).toBe(bar);
    // The bar keeps these words whole and cuts the title before them: they are the label's end, after the title.
    expect(`Command output${terminalBarState(exit)}`).toBe(bar);
  });
});

describe('whether the bar over a terminal says more than its tab (a narrow panel shows it only then)', () => {
  const asked: StepView['stopping'] = { by: 'olu', role: 'PE', at: 0 };
  it.each<[string, TerminalExit | null, StepView['stopping'], boolean]>([
    ['running, unasked: the tab has its name', null, null, false],
    ['running, asked to stop: who asked', null, asked, true],
    ['finished: " · ended: exit 0" under " · exit 0"', { code: 0, signal: null }, null, false],
    ['failed: its code is on the tab', { code: 2, signal: null }, null, false],
    ['killed by a signal of its own: on the tab', { code: 139, signal: 'SIGSEGV' }, null, false],
    ['stopped: by whom, where the tab says " · stopped"', stopped, null, true],
    ['past its time limit: how long', timedOut, null, true],
    ['lost with the pty host: how', lost, null, true],
    ['withheld by a rehearsal: the same words on both', { code: 0, signal: null, withheld: true }, null, false],
  ])('%s: %s', (_, exit, stopping, expected) => {
    expect(barSaysMoreThanTab(exit, stopping)).toBe(expected);
  });
});

describe('the name over a terminal', () => {
  it.each<[string, Parameters<typeof terminalBarName>, string]>([
    ['a shell by its name', ['shell', 'Shell 2', ''], 'Shell 2'],
    // Two bash shells both set "alice@desk: ~": their bars read alike without their names.
    ['a shell whose program set a title, by its name first', ['shell', 'Shell 2', 'alice@desk: ~'], 'Shell 2 · alice@desk: ~'],
    ['a renamed shell by the name the PE gave it', ['shell', 'rollback watch', ''], 'rollback watch'],
    ["a step's run by its command line", ['command', 'maintenance enable --region S01', ''], 'maintenance enable --region S01'],
    ["a step's run by the title its program set", ['command', 'maintenance enable --region S01', 'enabling'], 'enabling'],
  ])('%s: %j', (_, args, expected) => {
    expect(terminalBarName(...args)).toBe(expected);
  });
});

describe('a step command asked to stop, over its output while it stops', () => {
  const argv = ['maintenance', 'enable', '--region', 'S01'];
  const asked = { by: 'alice', role: 'PE', at: 0 };
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
    expect(terminalBarLabel('Command output', null, asked)).toBe('Command output · stopping: asked by alice (PE)');
    expect(terminalBarLabel('Command output', stopped, asked)).toBe('Command output · ended: stopped by alice (PE), SIGKILL (137)');
  });
});

describe('an ended shell, under its bar', () => {
  it.each<[string, TerminalExit | null, string | null]>([
    ['still open', null, null],
    ['lost with the pty host', lost, 'This shell was lost with the pty host (the pty host was killed by SIGKILL): it takes no input. Its output is kept above.'],
    ['exited', { code: 0, signal: null }, 'This shell has ended (exit 0): it takes no input.'],
    ['stopped', stopped, 'This shell has ended (stopped by alice (PE), SIGKILL (137)): it takes no input.'],
  ])('%s: %j', (_, exit, note) => {
    expect(endedShellNote(exit)).toBe(note);
  });
});

describe("a region's terminal tabs, told apart", () => {
  const done: TerminalExit = { code: 0, signal: null };
  const command = (n: number, argv: string[], exit: TerminalExit | null = done) => ({ sessionId: `term-${n}`, kind: 'command' as const, regionId: 'LON', title: argv.join(' '), argv, exit });
  const shell = (n: number, title: string) => ({ sessionId: `term-${n}`, kind: 'shell' as const, regionId: 'LON', title, argv: ['/bin/bash'], exit: null });
  const deploy = (pkg: string, version: string) => ['deploy', 'apply', pkg, version, '--region', 'LON'];
  const deploying = { title: 'Deploy — SDC/LON (~11:00 London)', regionId: 'LON', commands: [deploy('rt-media-gateway', '4.13.0'), deploy('stats-transcribed', '1.9.1')] };
  const sessions = [
    command(1, ['maintenance', 'enable', '--region', 'LON']),
    command(2, deploy('rt-media-gateway', '4.13.0')),
    command(3, deploy('stats-transcribed', '1.9.1')),
    command(4, ['rmht', 'check-versions', 'rt-media-gateway']),
    command(5, ['rmht', 'check-versions', 'stats-transcribed']),
    shell(6, 'Shell'),
    shell(7, 'Shell 2'),
  ];

  it("reads each command's program and the words its runs differ in; a command run once, whole; shells keep their names", () => {
    const labels = tabLabels(sessions, { 'term-7': 'rollback watch' }, [deploying]);
    expect(labels.map((label) => [label.lead, label.name])).toEqual([
      ['', 'maintenance enable --region LON'],
      ['deploy', 'rt-media-gateway 4.13.0'],
      ['deploy', 'stats-transcribed 1.9.1'],
      ['rmht', 'rt-media-gateway'],
      ['rmht', 'stats-transcribed'],
      ['', 'Shell'],
      ['', 'rollback watch'],
    ]);
  });

  it('reads two shells by the names main gave them as they opened, "Shell" and "Shell 2", the second\'s kept once the first closed', () => {
    expect(tabLabels(sessions.slice(5), {}, []).map((label) => label.name)).toEqual(['Shell', 'Shell 2']);
    // Before, every shell's tab read "Shell": two open, a PE could not tell which was which.
    expect(tabLabels(sessions.slice(6), {}, []).map((label) => label.name)).toEqual(['Shell 2']);
    expect(tabLabels(sessions.slice(5), { 'term-6': 'tail maintenance log' }, []).map((label) => label.name)).toEqual(['tail maintenance log', 'Shell 2']);
  });

  it('keeps, at its narrowest, the first characters of what differs: two deploys of different packages read differently', () => {
    const [first, second] = tabLabels(sessions.slice(1, 3), {}, [deploying]);
    expect([first!.kept, second!.kept]).toEqual(['rt-media…', 'stats-tr…']);
    expect(first!.kept).toHaveLength(NAME_KEPT_CH + 1);
    // Before, the name was the whole argv and both kept its shared start.
    expect(first!.kept).not.toBe(second!.kept);
  });

  it("keeps the program before the name where two tabs' names start alike: a deploy's and a version check's of one package", () => {
    const labels = tabLabels(sessions, {}, [deploying]);
    // Before, both read "stats-tr…" (and "rt-media…") at their narrowest.
    expect(labels.map((label) => label.kept)).toEqual(['maintena…', 'deploy rt-media…', 'deploy stats-tr…', 'rmht rt-media…', 'rmht stats-tr…', 'Shell', 'Shell 2']);
    expect(labels.map((label) => label.leadKept)).toEqual([false, true, true, true, true, false, false]);
  });

  it("puts the whole command line and its step's title in the tooltip and the accessible name, beginning with what is shown", () => {
    const [, deployTab] = tabLabels(sessions.slice(0, 3), {}, [deploying]);
    expect(deployTab!.title).toBe('Deploy — SDC/LON (~11:00 London)\ndeploy apply rt-media-gateway 4.13.0 --region LON · ended: exit 0\nDouble-click or F2 to rename');
    expect(deployTab!.accessibleName).toBe(
      'deploy rt-media-gateway 4.13.0 · exit 0: deploy apply rt-media-gateway 4.13.0 --region LON, step "Deploy — SDC/LON (~11:00 London)"',
    );
    const [shellTab] = tabLabels(sessions.slice(5, 6), {}, [deploying]);
    expect(shellTab!.accessibleName).toBeNull();
  });

  it.each<[string, string[][], string[]]>([
    ['a flag kept with the value that differs', [['npm', 'run', 'deploy:rollback', '--', '--to-version', 'v1.2.2'], ['npm', 'run', 'deploy:rollback', '--', '--to-version', 'v1.2.1']], ['--to-version v1.2.2', '--to-version v1.2.1']],
    ['a verb that differs', [['maintenance', 'enable', '--region', 'LON'], ['maintenance', 'disable', '--region', 'LON']], ['enable', 'disable']],
    ['the same command run twice, whole', [deploy('transcribed', '3.5.0'), deploy('transcribed', '3.5.0')], ['deploy apply transcribed 3.5.0 --region LON', 'deploy apply transcribed 3.5.0 --region LON']],
    ['a script by its file name, an argument quoted as a shell reads it', [['./scripts/deploy.sh', 'staging', 'v1.2.2'], ['./scripts/deploy.sh', 'staging', 'it is']], ["v1.2.2", "'it is'"]],
  ])('%s', (_, argvs, names) => {
    expect(tabLabels(argvs.map((argv, i) => command(i + 1, argv)), {}, []).map((label) => label.name)).toEqual(names);
  });

  it("keeps, at its narrowest, what tells seed 002's production runs apart: a script by its file name, not the folder every script shares", () => {
    const production = [
      ['./scripts/health_check.sh', 'production'],
      ['./scripts/verify_backup.sh', 'production', '--max-age=24h'],
      ['kubectl', 'set', 'image', 'deployment/app-green', 'app=registry/app:v1.2.3', '-n', 'production'],
      ['kubectl', 'rollout', 'status', 'deployment/app-green', '-n', 'production', '--timeout=15m'],
      ['kubectl', 'patch', 'service', 'app-service', '-n', 'production', '-p', '{"spec":{"selector":{"version":"green"}}}'],
    ];
    const labels = tabLabels(production.map((argv, i) => command(i + 1, argv)), {}, []);
    // Before: "./script…" twice.
    expect(labels.map((label) => label.kept)).toEqual(['health_c…', 'verify_b…', 'set imag…', 'rollout …', 'kubectl …']);
    expect(labels.map((label) => label.name).slice(0, 2)).toEqual(['health_check.sh production', 'verify_backup.sh production --max-age=24h']);
    // The path is in the tooltip and the accessible name.
    expect(labels[0]!.accessibleName).toBe('health_check.sh production · exit 0: ./scripts/health_check.sh production');
    expect(labels[0]!.title).toBe('./scripts/health_check.sh production · ended: exit 0\nDouble-click or F2 to rename');
  });

  it('keeps 3 characters, the ellipsis among them, of a run cut short', () => {
    const [first] = tabLabels([command(1, deploy('transcribed', '3.5.0'), stopped), command(2, deploy('routing-engine', '2.9.0'))], {}, []);
    expect(first!.kept).toBe('tr…');
  });
});
