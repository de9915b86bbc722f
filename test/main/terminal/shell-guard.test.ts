// Issue 16, "Console shells": a workspace tool typed into one of the console's shells is guarded at exec.
// The real console (createConsole), a real pty running the operator's real shell, the demo's real tools:
// the shim asks the console, which decides the argv as the step it is, logs the answer, and reconciles.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReleaseView, Result } from '../../../shared/api';
import type { TerminalReplay } from '../../../shared/api/terminal';
import { simulatedClock } from '../../../shared/clock';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { createConsole } from '../../../main/console';
import { openReleaseRepository } from '../../../main/release/repository';
import type { Host } from '../../../main/host/host';
import { shimClientEntry } from '../../../main/terminal/shell-guard';
import { LOG_FILE } from '../../../main/storage/repository';
import { demoWorkspaceDir } from '../../../main/workspace/load';
import { logEvents, rehearsalDir } from '../../release-log';

const R = '2026-03-product-rollout';
/** Thursday of rollout week, 11:05 London (GMT in March): SDC/LON's ~11:00 slot is open; EUW2 opens at 18:00. */
const ELEVEN_O_FIVE = Date.parse('2026-03-19T11:05:00Z');
const context = { transport: 'browser' as const, connectionId: 'shell-guard-test' };

let dataDir: string;
let host: Host | null = null;
const output = new Map<string, string>();

beforeAll(() => {
  // The shim client is the built one (scripts/build.mjs), as the console ships it.
  if (!existsSync(shimClientEntry())) throw new Error(`${shimClientEntry()} is missing: run node scripts/build.mjs first.`);
  vi.stubEnv('RELEASE_CONSOLE_DEMO_SPEED', '0');
});
afterAll(() => {
  vi.unstubAllEnvs();
});
afterEach(async () => {
  await host?.close();
  host = null;
  output.clear();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(mode: 'live' | 'rehearsal'): Promise<Host> {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-shell-guard-'));
  ({ host } = await createConsole({
    dataDir,
    operator: { name: 'alice', role: 'PE' },
    ...(mode === 'live' ? { clock: simulatedClock(ELEVEN_O_FIVE) } : { rehearsalStart: ELEVEN_O_FIVE }),
  }));
  host!.onEvent((event, payload) => {
    if (event !== 'terminalOutput') return;
    const { sessionId, data } = payload as { sessionId: string; data: string };
    output.set(sessionId, (output.get(sessionId) ?? '') + data);
  });
  return host!;
}

async function call<T>(h: Host, name: string, payload: unknown): Promise<T> {
  const result = (await h.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** A shell in `regionId`, as the region's "+ Shell" opens it. */
async function shell(h: Host, regionId: string) {
  const { info } = await call<TerminalReplay>(h, 'openTerminal', { regionId, cols: 160, rows: 40 });
  const id = info.sessionId;
  // Colours and cursor moves out: what a person reads.
  const seen = () => (output.get(id) ?? '').replace(new RegExp(String.raw`\u001b\[[0-9;?]*[A-Za-z]`, 'g'), '');
  let from = 0;
  /** Waits for text after what was already waited for; returns everything up to it. */
  const waitFor = async (pattern: RegExp, timeoutMs = 20_000): Promise<string> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const text = seen().slice(from);
      const match = pattern.exec(text);
      if (match) {
        from += match.index + match[0].length;
        return text.slice(0, match.index + match[0].length);
      }
      if (Date.now() > until) throw new Error(`no ${pattern} in the shell's output:\n${seen()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const type = (line: string) => call(h, 'writeTerminal', { sessionId: id, data: `${line}\r` });
  /** Runs a line and returns what it printed and its exit status, as the shell saw them. */
  const run = async (line: string) => {
    await type(`${line}; echo "status=$?"`);
    const text = await waitFor(/status=(\d+)\r?\n/);
    return { text, status: Number(/status=(\d+)\r?\n/.exec(text)![1]) };
  };
  // Quoted apart, so only echo's output (not the tty's echo of the typed line) reads shell-ready.
  await type('echo "shell""-ready"');
  await waitFor(/shell-ready\r?\n/);
  return { id, type, waitFor, run };
}

const dirOf = (mode: 'live' | 'rehearsal') => (mode === 'live' ? path.join(dataDir, 'live') : rehearsalDir(dataDir));
const events = (mode: 'live' | 'rehearsal' = 'live') => logEvents(dirOf(mode));
const demoState = (mode: 'live' | 'rehearsal' = 'live') => {
  const file = path.join(dirOf(mode), 'demo-tools.state');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};
const ofType = <T extends ReleaseEvent['type']>(list: ReleaseEvent[], type: T) => list.filter((e): e is Extract<ReleaseEvent, { type: T }> => e.type === type);

async function waitForEvent(mode: 'live' | 'rehearsal', found: (events: ReleaseEvent[]) => boolean): Promise<ReleaseEvent[]> {
  const until = Date.now() + 30_000;
  for (;;) {
    const list = events(mode);
    if (found(list)) return list;
    if (Date.now() > until) throw new Error(`the log never had it:\n${list.map((e) => e.type).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a region shell at a time the region is closed', () => {
  const typed = 'maintenance enable --region EUW2';

  it('shows why and asks; "n" runs nothing, exits non-zero and logs the refusal and the decline', async () => {
    const h = await open('live');
    const euw2 = await shell(h, 'EUW2');
    await euw2.type(`${typed}; echo "status=$?"`);
    const asked = await euw2.waitFor(/run anyway\? it will be recorded \[y\/N\] /);
    expect(asked).toContain('EUW2 deploys open after 18:00 London (11:05 now).');
    await euw2.type('n');
    const after = await euw2.waitFor(/status=(\d+)\r?\n/);
    expect(after).toContain('declined: maintenance enable --region EUW2 was not run (recorded).');
    expect(after).toMatch(/status=126/);
    // The real tool never ran: the demo tools' state file has no maintenance for EUW2.
    expect(demoState()).not.toContain('maintenance EUW2');

    const log = events();
    const refused = ofType(log, 'refused').find((e) => e.intent === 'shellCommand');
    expect(refused).toMatchObject({ region: 'EUW2', actor: { name: 'alice', role: 'PE' } });
    expect(refused!.reasons).toContain('EUW2 deploys open after 18:00 London (11:05 now).');
    const [answered] = ofType(log, 'shellCommandAnswered');
    expect(answered).toMatchObject({ answer: 'declined', region: 'EUW2', release: R, argv: ['maintenance', 'enable', '--region', 'EUW2'], actor: { name: 'alice', role: 'PE' } });
    expect(answered!.blockedBy).toContain('EUW2 deploys open after 18:00 London (11:05 now).');
    expect(ofType(log, 'shellCommandExited')).toEqual([]);
  }, 60_000);

  it('"y" logs "run anyway" first, then runs the real tool, logs its exit and reconciles the region, whose tile shows the difference', async () => {
    const h = await open('live');
    const euw2 = await shell(h, 'EUW2');
    // The real tool, behind the shims, first copies the release log as it finds it, then is the demo's maintenance.
    const wrapper = path.join(dataDir, 'wrapper');
    mkdirSync(wrapper);
    const seenByTool = path.join(dataDir, 'log-as-the-tool-started');
    mkdirSync(seenByTool);
    writeFileSync(path.join(wrapper, 'maintenance'), `#!/bin/sh\ncp '${path.join(dataDir, 'live', LOG_FILE)}' '${path.join(seenByTool, LOG_FILE)}'\nexec '${path.join(demoWorkspaceDir(), 'bin', 'maintenance')}' "$@"\n`, { mode: 0o755 });
    await euw2.run(`export PATH="$RELEASE_CONSOLE_SHIM_DIR:${wrapper}:$PATH"`);
    await euw2.type(`${typed}; echo "status=$?"`);
    await euw2.waitFor(/run anyway\? it will be recorded \[y\/N\] /);
    await euw2.type('y');
    const after = await euw2.waitFor(/status=(\d+)\r?\n/);
    expect(after).toMatch(/status=0/);
    expect(demoState()).toContain('maintenance EUW2 on');
    // "Run anyway" was durable in the log before the tool started.
    expect(ofType(logEvents(seenByTool), 'shellCommandAnswered')).toMatchObject([{ answer: 'runAnyway' }]);

    const log = await waitForEvent('live', (list) => list.some((e) => e.type === 'reconciled' && e.region === 'EUW2'));
    const order = log.map((e) => e.type);
    const answered = order.indexOf('shellCommandAnswered');
    expect(log[answered]).toMatchObject({ answer: 'runAnyway', region: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'] });
    expect(answered).toBeGreaterThan(order.indexOf('refused'));
    expect(order.indexOf('shellCommandExited')).toBeGreaterThan(answered);
    expect(log[order.indexOf('shellCommandExited')]).toMatchObject({ exitCode: 0, region: 'EUW2' });
    const reconciled = log.find((e) => e.type === 'reconciled' && e.region === 'EUW2');
    expect(order.indexOf('reconciled')).toBeGreaterThan(order.indexOf('shellCommandExited'));
    expect(reconciled).toMatchObject({ differences: ['tools say EUW2 is in maintenance; the console did not put it there'] });
    // The tile takes the report once it is logged (the reconciler logs first, then keeps it).
    const tile = async () => (await call<ReleaseView>(h, 'getReleaseView', {})).regions.find((r) => r.id === 'EUW2')!.reconcile;
    await expect.poll(tile, { timeout: 10_000 }).toMatchObject({ status: 'differs', differences: ['tools say EUW2 is in maintenance; the console did not put it there'] });
    // The CR evidence says it too: who ran what past which refusal, and how it ended.
    const { content } = await call<{ content: string }>(h, 'exportEvidence', { releaseId: R, format: 'cr-markdown' });
    expect(content).toContain('## Console shell commands');
    expect(content).toContain(
      '| 2026-03-19T11:05:00Z | alice (PE) | EUW2 | `maintenance enable --region EUW2` | RUN ANYWAY — refused: Waits for "Capture baseline — first EU region (after 18:00 London)" in EUW2 to be done. EUW2 deploys open after 18:00 London (11:05 now). | 0 |',
    );
  }, 60_000);
});

describe('other answers of the guard', () => {
  it('runs an argv that is a ready step of the release without asking, and logs it as that step', async () => {
    const h = await open('live');
    // Seed 000's order up to S01's maintenance: the CR written, reviewed by another PE, S01's baseline captured.
    await call(h, 'completeStep', { releaseId: R, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call(h, 'setOperator', { name: 'bob', role: 'PE' });
    await call(h, 'approveStep', { releaseId: R, stepId: 'review-prod-cr', regionId: null });
    await call(h, 'startStep', { releaseId: R, stepId: 'sdc-baseline', regionId: 'S01' });
    await waitForEvent('live', (list) => list.some((e) => e.type === 'stepFinished' && e.step === 'sdc-baseline' && e.outcome === 'done'));

    const s01 = await shell(h, 'S01');
    const { text, status } = await s01.run('maintenance enable --region S01');
    expect(status).toBe(0);
    expect(text).not.toContain('run anyway');
    expect(text).toContain('Redirecting S01 traffic');
    expect(demoState()).toContain('maintenance S01 on');
    const [allowed] = ofType(events(), 'shellCommandAllowed');
    expect(allowed).toMatchObject({ region: 'S01', step: 'sdc-maintenance-on', command: 'maintenance-enable', argv: ['maintenance', 'enable', '--region', 'S01'], actor: { name: 'bob', role: 'PE' } });
  }, 60_000);

  // Before, the lease's since and until read in UTC at a prompt in New York ("since 11:04 UTC, until 11:09 UTC").
  it("names another desk's lease on the region in this console's zone at the prompt, and logs it in UTC", async () => {
    let h = await open('live');
    await call(h, 'completeStep', { releaseId: R, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call(h, 'setOperator', { name: 'bob', role: 'PE' });
    await call(h, 'approveStep', { releaseId: R, stepId: 'review-prod-cr', regionId: null });
    await call(h, 'startStep', { releaseId: R, stepId: 'sdc-baseline', regionId: 'S01' });
    await waitForEvent('live', (list) => list.some((e) => e.type === 'stepFinished' && e.step === 'sdc-baseline' && e.outcome === 'done'));
    await h.close();
    // carol's desk took S01 for HO-1234's rollback a minute ago, as a shared log brings it here.
    const carol = { name: 'carol', role: 'on-call PE' };
    const took = ELEVEN_O_FIVE - 60_000;
    const log = await openReleaseRepository(dirOf('live'), simulatedClock(took));
    await log.append([{ type: 'leaseTaken', actor: carol, at: took, lease: { region: 'S01', holder: carol, release: R, run: 'rollback-HO-1234', purpose: "HO-1234's rollback", since: took, expiresAt: took + 5 * 60_000, takenOverFrom: null } }]);
    await log.close();

    const savedZone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      ({ host } = await createConsole({ dataDir, operator: { name: 'bob', role: 'PE' }, clock: simulatedClock(ELEVEN_O_FIVE) }));
      h = host!;
      h.onEvent((event, payload) => {
        if (event !== 'terminalOutput') return;
        const { sessionId, data } = payload as { sessionId: string; data: string };
        output.set(sessionId, (output.get(sessionId) ?? '') + data);
      });
      const s01 = await shell(h, 'S01');
      await s01.type('maintenance enable --region S01; echo "status=$?"');
      const asked = await s01.waitFor(/run anyway\? it will be recorded \[y\/N\] /);
      expect(asked).toContain('maintenance enable --region S01 is the step "Enable maintenance mode — SDC/LON (~11:00 London)" in S01, which another run holds:');
      expect(asked).toMatch(/S01 is held by carol \(on-call PE\) for HO-1234's rollback since Thu 19 Mar, 07:04 New York, until Thu 19 Mar, \d\d:\d\d New York\./);
      await s01.type('n');
      expect(await s01.waitFor(/status=(\d+)\r?\n/)).toMatch(/status=126/);
    } finally {
      if (savedZone === undefined) delete process.env.TZ;
      else process.env.TZ = savedZone;
    }
    // The log reads as the CLI and every other desk read it: in UTC.
    const [answered] = ofType(events(), 'shellCommandAnswered');
    expect(answered!.blockedBy).toEqual([expect.stringMatching(/^S01 is held by carol \(on-call PE\) for HO-1234's rollback since 11:04 UTC, until \d\d:\d\d UTC\.$/)]);
  }, 90_000);

  // Before, a rollback's command typed into a shell ran at once for anyone: rollback.yaml's roles were asked by
  // the Roll back dialog only, so a QA persona rolled HO-1234 back in S01 with no question and no refusal on record.
  it("asks before a rollback's command typed by someone outside rollback.yaml's roles, and logs the refusal", async () => {
    const h = await open('live');
    await call(h, 'completeStep', { releaseId: R, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call(h, 'setOperator', { name: 'bob', role: 'PE' });
    await call(h, 'approveStep', { releaseId: R, stepId: 'review-prod-cr', regionId: null });
    for (const stepId of ['sdc-baseline', 'sdc-maintenance-on', 'sdc-deploy']) {
      await call(h, 'startStep', { releaseId: R, stepId, regionId: 'S01' });
      await waitForEvent('live', (list) => list.some((e) => e.type === 'stepFinished' && e.step === stepId && e.region === 'S01' && e.outcome === 'done'));
    }
    const { plan } = await call<{ plan: { regions: { regionId: string; steps: { argv: string[] }[] }[] } }>(h, 'previewRollback', { releaseId: R, handoverId: 'HO-1234' });
    const argv = plan.regions.find((r) => r.regionId === 'S01')!.steps.find((step) => step.argv[1] === 'rollback')!.argv;

    await call(h, 'setOperator', { name: 'quinn', role: 'QA' });
    const s01 = await shell(h, 'S01');
    await s01.type(`${argv.join(' ')}; echo "status=$?"`);
    const asked = await s01.waitFor(/run anyway\? it will be recorded \[y\/N\] /);
    expect(asked).toContain('A rollback is run by on-call PE or PE; quinn is signed in as QA.');
    await s01.type('n');
    expect(await s01.waitFor(/status=(\d+)\r?\n/)).toMatch(/status=126/);
    const log = events();
    expect(ofType(log, 'refused').find((e) => e.intent === 'shellCommand')).toMatchObject({ region: 'S01', actor: { name: 'quinn', role: 'QA' } });
    expect(ofType(log, 'shellCommandAllowed')).toEqual([]);
  }, 90_000);

  // Before, a shell's tool was decided as whoever had last been signed in at any window, against whichever
  // release any window had last chosen: alice's command in her S01 shell was logged as quinn's, under the emergency release.
  it("decides a shell's tool as the window that opened it: its operator and its release", async () => {
    const h = await open('live');
    const s01 = await shell(h, 'S01');
    const qaWindow = { transport: 'browser' as const, connectionId: 'qa-window' };
    expect((await h.invoke('setOperator', { name: 'quinn', role: 'QA' }, qaWindow)).ok).toBe(true);
    expect((await h.invoke('selectRelease', { releaseId: '2026-03-emergency-sip' }, qaWindow)).ok).toBe(true);

    const { status } = await s01.run('maintenance status --region S01');
    expect(status).toBe(0);
    expect(ofType(events(), 'shellCommandAllowed')).toMatchObject([{ release: R, region: 'S01', argv: ['maintenance', 'status', '--region', 'S01'], actor: { name: 'alice', role: 'PE' } }]);
    expect(ofType(events(), 'shellCommandExited')).toMatchObject([{ release: R, actor: { name: 'alice', role: 'PE' } }]);
  }, 60_000);

  it("runs one of the workspace's read-only commands without asking, logs it, and reconciles nothing", async () => {
    const h = await open('live');
    const euw2 = await shell(h, 'EUW2');
    const { text, status } = await euw2.run('maintenance status --region EUW2');
    expect(status).toBe(0);
    expect(text).toContain('EUW2: maintenance mode off, serving its own traffic');
    expect(text).not.toContain('run anyway');
    const log = events();
    expect(ofType(log, 'shellCommandAllowed')).toMatchObject([{ command: 'maintenance-status', step: null, handover: null, region: 'EUW2' }]);
    expect(ofType(log, 'shellCommandExited')).toMatchObject([{ exitCode: 0 }]);
    // A reconcile would follow the exit within moments; give it a second to show it does not.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ofType(events(), 'reconciled')).toEqual([]);
  }, 60_000);

  it('refuses a shim that brings a token the console did not give out, and runs nothing', async () => {
    const h = await open('live');
    const euw2 = await shell(h, 'EUW2');
    const { text, status } = await euw2.run('RELEASE_CONSOLE_SHIM_TOKEN=0123456789abcdef maintenance enable --region EUW2');
    expect(status).toBe(126);
    expect(text).toContain("This shell's token is not one the console gave out. maintenance enable --region EUW2 was not run.");
    expect(demoState()).not.toContain('maintenance EUW2');
    expect(events().some((e) => e.type === 'shellCommandAllowed' || e.type === 'shellCommandAnswered')).toBe(false);
  }, 60_000);

  it('fails closed when the console cannot be reached, with a hint', async () => {
    const h = await open('live');
    const euw2 = await shell(h, 'EUW2');
    const { text, status } = await euw2.run('RELEASE_CONSOLE_SHIM_SOCKET=/nonexistent/guard.sock maintenance enable --region EUW2');
    expect(status).toBe(126);
    expect(text).toContain('the console is not answering, so maintenance enable --region EUW2 was not run');
    expect(text).toContain('Reopen this shell from the console, or run the tool from a terminal outside it if you mean to.');
    expect(demoState()).not.toContain('maintenance EUW2');
  }, 60_000);

  it('in a rehearsal says what would run, runs nothing, and logs shellCommandWouldRun', async () => {
    const h = await open('rehearsal');
    const euw2 = await shell(h, 'EUW2');
    const { text, status } = await euw2.run('maintenance enable --region EUW2');
    expect(status).toBe(0);
    expect(text).toContain('Rehearsal: would run maintenance enable --region EUW2');
    expect(text).not.toContain('run anyway');
    expect(demoState('rehearsal')).not.toContain('maintenance EUW2');
    expect(ofType(events('rehearsal'), 'shellCommandWouldRun')).toMatchObject([{ stepId: 'eu-first-maintenance-on', regionId: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'] }]);
  }, 60_000);
});

describe("seed 001's simulated kubectl behind the shell guard's kubectl shim", () => {
  // Live, not a rehearsal: a rehearsal's shells run no workspace tool at all (decideShellCommand).
  it('a prod-use1 shell finds the shim first; past it, "y" runs the workspace\'s own kubectl on prod-use1\'s cluster, state under the console\'s data folder', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-shell-guard-'));
    const workspaceDir = path.resolve(demoWorkspaceDir(), '..', 'canary-progressive');
    ({ host } = await createConsole({ dataDir, workspaceDir, operator: { name: 'sam', role: 'SRE' }, clock: simulatedClock(Date.parse('2026-03-03T14:05:00Z')) }));
    host!.onEvent((event, payload) => {
      if (event !== 'terminalOutput') return;
      const { sessionId, data } = payload as { sessionId: string; data: string };
      output.set(sessionId, (output.get(sessionId) ?? '') + data);
    });
    const use1 = await shell(host!, 'prod-use1');
    // The shim, not the workspace's tool, answers to the name: the console asks before any kubectl runs.
    const found = await use1.run('command -v kubectl');
    expect(found.text).toContain(path.join('shell-shims', 'session-'));
    expect(found.text).toMatch(/\/bin\/kubectl\r?\n/);

    await use1.type('kubectl set image deployment/api-server-canary api-server=registry.example.com/api-server:v1.2.3 -n production; echo "status=$?"');
    await use1.waitFor(/run anyway\? it will be recorded \[y\/N\] /);
    await use1.type('y');
    const after = await use1.waitFor(/status=(\d+)\r?\n/);
    expect(after).toContain('deployment.apps/api-server-canary image updated');
    expect(after).toMatch(/status=0/);
    // The workspace's simulated kubectl ran (not a kubectl elsewhere on PATH), on prod-use1's cluster only.
    expect(demoState('live')).toBe('image prod-use1 api-server-canary registry.example.com/api-server:v1.2.3\n');
  }, 60_000);
});
