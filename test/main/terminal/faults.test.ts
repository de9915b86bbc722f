import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReleaseView, Result, StepView, TerminalInfo } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { createTestService, processes } from './fixture';
import { stepOf } from '../release-view';
import { until } from '../until';

/**
 * Issue 8's pty faults, through the real console where a step is involved: a step's demo tool that hangs,
 * one killed by a signal from outside, and a shell that leaves background jobs behind when its terminal closes.
 */

const context = { transport: 'browser' as const, connectionId: 'faults' };
const PRODUCTION = '2026-03-product-rollout';
const MAINTENANCE_ON = { releaseId: PRODUCTION, stepId: 'sdc-maintenance-on', regionId: 'S01' };

let host: Host | null = null;
const folders: string[] = [];

afterEach(async () => {
  await host?.close();
  host = null;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

async function call<T>(name: string, payload: unknown): Promise<T> {
  const result = (await host!.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/**
 * The demo workspace at 10:55 London on rollout day, the CR approved and S01's baseline taken. The demo
 * tools' pauses are multiplied by `demoSpeed`: a huge one makes `maintenance enable` sit in its first
 * pause, a tool that hangs.
 */
async function rolloutMorning(demoSpeed: string): Promise<void> {
  vi.stubEnv('RELEASE_CONSOLE_DEMO_SPEED', demoSpeed);
  try {
    ({ host } = await createConsole({ dataDir: tempDir('rc-faults-'), rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
  } finally {
    vi.unstubAllEnvs();
  }
  await call('completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
  await call('setOperator', { name: 'bob', role: 'PE' });
  await call('approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
  await call('startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
  expect((await stepView('sdc-baseline@S01')).state).toBe('done');
}

async function stepView(key = 'sdc-maintenance-on@S01'): Promise<StepView> {
  const view = await call<ReleaseView>('getReleaseView', {});
  const step = stepOf(view, key);
  if (step === undefined) throw new Error(`${key} is not in the view`);
  return step;
}

async function runningCommand(): Promise<TerminalInfo> {
  return until("S01's command session", async () => {
    const { terminals } = await call<{ terminals: TerminalInfo[] }>('listTerminals', {});
    return terminals.find((t) => t.kind === 'command' && t.regionId === 'S01' && t.phase === 'running');
  }, (found) => found !== undefined, 10_000);
}

const finished = (step: StepView) => step.state === 'failed' || step.state === 'done';

describe('a step whose tool misbehaves in its pty', () => {
  it("stops a tool that hangs when the PE stops its step (not its terminal), and the step fails stopped by them", async () => {
    await rolloutMorning('100000');
    expect((await call<StepView>('startStep', MAINTENANCE_ON)).state).toBe('running');
    const session = await runningCommand();
    expect((await stepView()).state).toBe('running');
    // The terminal's own kill would end it with nobody on record: the step's Stop is decided and logged.
    const killed = (await host!.invoke('killTerminal', { sessionId: session.sessionId, signal: 'SIGTERM' }, context)) as Result<unknown>;
    expect(killed).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call('stopStep', MAINTENANCE_ON);
    const step = await until('the step to finish', () => stepView(), finished, 20_000);
    expect(step.state).toBe('failed');
    expect(step.reasons.join(' ')).toContain('maintenance enable --region S01 stopped by bob');
    const view = await call<ReleaseView>('getReleaseView', {});
    // A maintenance switch that did not finish never counts as on.
    expect(view.regions.find((r) => r.id === 'S01')).toMatchObject({ maintenance: { on: false } });
  });

  it('fails the step with the signal when something outside the console kills the tool', async () => {
    await rolloutMorning('100000');
    await call('startStep', MAINTENANCE_ON);
    const session = await runningCommand();
    // Not through the console: the OOM killer, or a PE's `kill -9` in another window.
    process.kill(session.pid!, 'SIGKILL');
    const step = await until('the step to finish', () => stepView(), finished, 10_000);
    expect(step).toMatchObject({ state: 'failed', exitCode: 137 });
    expect(step.reasons.join(' ')).toContain('was killed by SIGKILL (exit 137)');
  });
});

describe('a step running when the pty host dies', () => {
  it('fails, never done: the console stays up, the session is lost, and the next step runs on the restarted host', async () => {
    await rolloutMorning('100000');
    await call('startStep', MAINTENANCE_ON);
    const session = await runningCommand();
    // The tool's parent is the pty host: a separate process, not the console.
    const ptyHost = processes().find((p) => p.pid === session.pid)!.ppid;
    expect(ptyHost).not.toBe(process.pid);
    process.kill(ptyHost, 'SIGKILL');

    const step = await until('the step to finish', () => stepView(), finished, 10_000);
    expect(step).toMatchObject({ state: 'failed', exitCode: 129 });
    const { terminals } = await call<{ terminals: TerminalInfo[] }>('listTerminals', {});
    expect(terminals.find((t) => t.sessionId === session.sessionId)).toMatchObject({
      phase: 'lost',
      exit: { code: 129, interruption: { kind: 'lost', message: 'the pty host was killed by SIGKILL' } },
    });
    const view = await call<ReleaseView>('getReleaseView', {});
    expect(view.regions.find((r) => r.id === 'S01')).toMatchObject({ maintenance: { on: false } });

    // The console still answers, and a shell opens and runs on the new host.
    const opened = await call<{ info: TerminalInfo }>('openTerminal', { regionId: 'S01', cols: 80, rows: 24 });
    const info = await until('the new shell to run', async () => {
      const { terminals: now } = await call<{ terminals: TerminalInfo[] }>('listTerminals', {});
      return now.find((t) => t.sessionId === opened.info.sessionId && t.phase === 'running');
    }, (found) => found !== undefined, 10_000);
    const newHost = processes().find((p) => p.pid === info.pid)?.ppid;
    expect(newHost).toBeDefined();
    expect([process.pid, ptyHost]).not.toContain(newHost);
  });
});

describe('a shell that leaves jobs behind', () => {
  it('closing its terminal leaves no descendant and no zombie, background and double-forked jobs included', async () => {
    const fixture = createTestService({ killGraceMs: 300 });
    try {
      const { info } = fixture.service.open({ regionId: 'EUW2', consumerId: 'window-1' });
      // A job in the background, one detached from the shell by a subshell, and one that ignores hang-up.
      fixture.service.write(info.sessionId, 'sleep 300 & (sleep 301 &) ; (trap "" HUP; exec sleep 302) & echo "jobs-started"\n');
      await fixture.waitForOutput(info.sessionId, 'jobs-started\r\n');
      const sid = fixture.service.info(info.sessionId).pid!;
      const sleepers = () => processes().filter((p) => p.sid === sid && p.pid !== sid);
      await until('three background jobs', () => sleepers().length, (jobs) => jobs >= 3, 10_000);
      const jobs = sleepers().map((p) => p.pid);

      await fixture.service.close(info.sessionId);

      const after = processes();
      // Nothing of the session still runs. Jobs orphaned by the shell's exit end as zombies of PID 1,
      // which init reaps (this container's PID 1 does not reap, so those are allowed); none may be a
      // zombie of the console itself or of anything still alive in the session.
      expect(after.filter((p) => p.sid === sid && p.state !== 'Z')).toEqual([]);
      expect(after.filter((p) => jobs.includes(p.pid) && p.ppid !== 1)).toEqual([]);
      expect(after.filter((p) => (p.ppid === process.pid || p.ppid === fixture.ptyHost?.pid) && p.state === 'Z')).toEqual([]);
    } finally {
      await fixture.dispose();
    }
  });
});
