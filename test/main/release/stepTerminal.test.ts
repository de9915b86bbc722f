import { describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../shared/api';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { consoleOfEachTest, holdDemoTool } from './demo-console';
import { approveProductionCr, call, openConsole, PRODUCTION, stepState, value } from './console-calls';
import type { ReleaseView } from '../../../shared/api';

const S01 = (stepId: string) => ({ releaseId: PRODUCTION, stepId, regionId: 'S01' });
// The real demo tool, held 60 s in S01: the step is running while the test reaches for its terminal.
holdDemoTool('maintenance enable:S01@60s');
const opened = consoleOfEachTest();

/**
 * A step's command is stopped by the step's Stop, decided and logged with who asked. Before, the terminal
 * calls ended it from outside the release: killTerminal, stopTerminal or closeTerminal on the step's
 * session killed a running "maintenance enable" with no intent decided and nobody on record, and the
 * step failed as if the tool had died by itself.
 */
describe("a running step's terminal", () => {
  it('is not killed, stopped or closed through the terminal calls; the step Stop still works', async () => {
    const { host: h, dataDir } = await openConsole('step-terminal');
    opened.closeAfter(h);
    await approveProductionCr(h);
    await value(h, 'startStep', S01('sdc-baseline'));
    await value(h, 'startStep', S01('sdc-maintenance-on'));
    const { terminals } = await until(
      'the step command to run in its terminal',
      () => value<{ terminals: TerminalInfo[] }>(h, 'listTerminals', {}),
      (list) => list.terminals.some((t) => t.kind === 'command' && t.phase === 'running'),
      20_000,
    );
    const session = terminals.find((t) => t.kind === 'command' && t.phase === 'running')!;

    for (const [name, payload] of [
      ['killTerminal', { sessionId: session.sessionId, signal: 'SIGKILL' }],
      ['stopTerminal', { sessionId: session.sessionId }],
      ['closeTerminal', { sessionId: session.sessionId }],
    ] as const) {
      const result = await call(h, name, payload);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining("runs a step's or a rollback's command") } });
    }
    const still = await value<{ terminals: TerminalInfo[] }>(h, 'listTerminals', {});
    expect(still.terminals.find((t) => t.sessionId === session.sessionId)?.phase).toBe('running');
    expect(stepState(await value<ReleaseView>(h, 'getReleaseView', {}), 'sdc-maintenance-on@S01')).toBe('running');

    // The release's own Stop: decided, logged with who, then the terminal is stopped.
    await value(h, 'stopStep', S01('sdc-maintenance-on'));
    const events = await until(
      'the stopped step to finish in the log',
      async () => logEvents(rehearsalDir(dataDir)).filter((e) => e.type !== 'refused' && 'step' in e && e.step === 'sdc-maintenance-on'),
      (list) => list.some((e) => e.type === 'stepFinished'),
      30_000,
    );
    expect(events.map((e) => e.type)).toEqual(['stepStarted', 'stepStopRequested', 'commandExited', 'stepFinished']);
    // Once its command has ended, its tab closes as any other.
    await until('the session to end', () => value<{ terminals: TerminalInfo[] }>(h, 'listTerminals', {}), (l) => l.terminals.find((t) => t.sessionId === session.sessionId)?.phase !== 'running', 20_000);
    expect(await call(h, 'closeTerminal', { sessionId: session.sessionId })).toMatchObject({ ok: true });
  }, 90_000);
});
