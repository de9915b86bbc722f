// Issue 16 (Rehearsals: Clock) and issue 20: a rehearsal is kept per workspace and start time. The same
// start resumes it (its clock where the last logged move left it, its steps as they were), another start is
// another rehearsal that leaves the first untouched, the clock moves only forward and by less than a week,
// and "Start over" archives the run's folder (never deletes it) and begins again from the start.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReleaseView, Result, Session } from '../../../shared/api';
import { createConsole, type ConsoleOptions } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { switchableHost, type SwitchableHost } from '../../../main/host/switchable';
import { LOG_FILE } from '../../../main/storage/repository';
import { logEvents, rehearsalDir } from '../../release-log';

const context = { transport: 'browser' as const, connectionId: 'rehearsal' };
const PRODUCTION = '2026-03-product-rollout';
const START = Date.parse('2026-03-19T10:55:00Z');
const NEXT_WEEK = Date.parse('2026-03-26T10:55:00Z');
const alice = { name: 'alice', role: 'PE' };
const HOUR = 3_600_000;

async function call<T>(host: Host, name: string, payload: unknown): Promise<T> {
  const result = (await host.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const open = async (options: ConsoleOptions) => (await createConsole({ operator: alice, ...options })).host;
const session = (host: Host) => call<Session>(host, 'getSession', {});
const stepState = async (host: Host, stepId: string) =>
  (await call<ReleaseView>(host, 'getReleaseView', {})).gates.flatMap((g) => g.steps).find((s) => s.stepId === stepId)!.state;

/** What a rehearsal's folder holds, byte for byte, so "untouched" can be checked. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'base64')]));
}

/** The rehearsal's console as both adapters compose it: one host, the console reopened behind it after closing. */
async function openReopenable(dataDir: string): Promise<Host> {
  const build = async (): Promise<Host> => open({ dataDir, rehearsalStart: START, reopenAfterClose: () => void switchable.replaceAfterClose(build) });
  const switchable: SwitchableHost = switchableHost(await build());
  return switchable.host;
}

describe('a rehearsal kept per workspace and start time', () => {
  it('resumes with the same start time: the clock where its last move left it, the steps as they were', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const first = await open({ dataDir, rehearsalStart: START });
    await call(first, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call(first, 'moveRehearsalClock', { advanceMs: HOUR + 15 * 60_000 });
    await first.close();

    const second = await open({ dataDir, rehearsalStart: START });
    try {
      const resumed = await session(second);
      expect(new Date(resumed.now).toISOString()).toBe('2026-03-19T12:10:00.000Z');
      expect(resumed.rehearsal).toMatchObject({ start: START, folder: rehearsalDir(dataDir, START), archived: [] });
      expect(await stepState(second, 'write-prod-cr')).toBe('done');
      // The restart is on record at the resumed time, after the move it resumed from.
      const events = logEvents(rehearsalDir(dataDir, START));
      expect(events.filter((e) => e.type === 'consoleStarted').map((e) => new Date(e.at).toISOString())).toEqual(['2026-03-19T10:55:00.000Z', '2026-03-19T12:10:00.000Z']);
      // And it goes on from there: the next move is from 12:10.
      await call(second, 'moveRehearsalClock', { advanceMs: 60_000 });
      expect(new Date((await session(second)).now).toISOString()).toBe('2026-03-19T12:11:00.000Z');
    } finally {
      await second.close();
    }
  });

  it('is another rehearsal with another start time, and leaves the first one untouched', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const first = await open({ dataDir, rehearsalStart: START });
    await call(first, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call(first, 'moveRehearsalClock', { advanceMs: HOUR });
    await first.close();
    const before = contents(rehearsalDir(dataDir, START));

    const other = await open({ dataDir, rehearsalStart: NEXT_WEEK });
    try {
      const fresh = await session(other);
      expect(fresh.now).toBe(NEXT_WEEK);
      expect(fresh.rehearsal?.folder).toBe(rehearsalDir(dataDir, NEXT_WEEK));
      expect(await stepState(other, 'write-prod-cr')).toBe('ready');
      await call(other, 'moveRehearsalClock', { advanceMs: 2 * HOUR });
    } finally {
      await other.close();
    }
    expect(contents(rehearsalDir(dataDir, START))).toEqual(before);
    expect(readdirSync(path.join(dataDir, 'rehearsals')).sort()).toEqual(['20260319T105500Z', '20260326T105500Z']);
  });

  it('refuses a move back and a jump of more than a week, logs each refusal with its reason, and the clock stays', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const host = await open({ dataDir, rehearsalStart: START });
    try {
      await call(host, 'moveRehearsalClock', { advanceMs: HOUR });
      const back = await host.invoke('moveRehearsalClock', { to: START }, context);
      expect(back).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('only moves forward') } });
      const far = await host.invoke('moveRehearsalClock', { advanceMs: 30 * 24 * HOUR }, context);
      expect(far).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('at most 7 days at a time') } });
      expect((await session(host)).now).toBe(START + HOUR);
    } finally {
      await host.close();
    }
    const events = logEvents(rehearsalDir(dataDir, START));
    expect(events.filter((e) => e.type === 'clockMoved').map((e) => e.type === 'clockMoved' && [e.from, e.to])).toEqual([[START, START + HOUR]]);
    const refusals = events.filter((e) => e.type === 'refused' && e.intent === 'moveRehearsalClock');
    expect(refusals.map((e) => e.type === 'refused' && e.reasons[0])).toEqual([expect.stringContaining('only moves forward'), expect.stringContaining('at most 7 days at a time')]);
    // A restart resumes from the last move that happened, not from a refused one.
    const again = await open({ dataDir, rehearsalStart: START });
    expect((await session(again)).now).toBe(START + HOUR);
    await again.close();
  });

  it('starts over: the run is archived under its start and the archive time, listed, and a new run begins at the start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const host = await openReopenable(dataDir);
    try {
      await call(host, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
      await call(host, 'moveRehearsalClock', { advanceMs: 2 * HOUR });
      const before = Date.now();
      const { archivedAs } = await call<{ archivedAs: string }>(host, 'startRehearsalOver', {});
      expect(archivedAs).toMatch(/^20260319T105500Z~archived-\d{8}T\d{6}(\.\d{3})?Z$/);

      // A call made now waits for the new run.
      const fresh = await session(host);
      expect(fresh.now).toBe(START);
      expect(await stepState(host, 'write-prod-cr')).toBe('ready');
      expect(fresh.rehearsal?.archived).toEqual([{ name: archivedAs, archivedAt: expect.any(Number) }]);
      expect(fresh.rehearsal!.archived[0]!.archivedAt).toBeGreaterThanOrEqual(before - 1);

      // The archive is the old run as it was, its last entry the start-over itself; the new run is a fresh log.
      const archived = path.join(dataDir, 'rehearsals', archivedAs);
      const old = logEvents(archived);
      expect(old.at(-1)).toMatchObject({ type: 'rehearsalStartedOver', actor: alice, at: START + 2 * HOUR, start: START, archivedAs });
      expect(old.some((e) => e.type === 'stepFinished')).toBe(true);
      expect(existsSync(path.join(archived, 'snapshot.json'))).toBe(true);
      expect(logEvents(rehearsalDir(dataDir, START)).map((e) => e.type)).toEqual(['consoleStarted']);
      expect(readFileSync(path.join(rehearsalDir(dataDir, START), LOG_FILE), 'utf8')).not.toContain('write-prod-cr');
    } finally {
      await host.close();
    }
  });

  // Before, two windows that pressed "Start over" at once were both logged and both reopened the console: the
  // archive held two start-overs, and the first window was told an archive name that was never made.
  it('starts over once when two windows ask at once: one archive, the second refused and logged as refused', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const host = await openReopenable(dataDir);
    try {
      await call(host, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
      const other = { transport: 'browser' as const, connectionId: 'other-window' };
      const results = await Promise.all([host.invoke('startRehearsalOver', {}, context), host.invoke('startRehearsalOver', {}, other)]);
      const started = results.filter((r): r is { ok: true; value: { archivedAs: string } } => r.ok);
      expect(started).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is already being started over') } });
      await session(host);
      expect(readdirSync(path.join(dataDir, 'rehearsals')).filter((name) => name.includes('~archived-'))).toEqual([started[0]!.value.archivedAs]);
      const old = logEvents(path.join(dataDir, 'rehearsals', started[0]!.value.archivedAs));
      expect(old.filter((e) => e.type === 'rehearsalStartedOver')).toHaveLength(1);
      expect(old.at(-1)).toMatchObject({ type: 'refused', intent: 'startRehearsalOver' });
    } finally {
      await host.close();
    }
  });

  it('is not opened a second time when the demo is asked to switch to the clock it already runs on', async () => {
    const asked: string[] = [];
    const host = await open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-kept-')), rehearsalStart: START, switchDemoClock: (mode) => asked.push(mode) });
    try {
      expect(await call(host, 'switchDemoClock', { mode: 'simulated' })).toEqual({ mode: 'simulated' });
      expect(asked).toEqual([]);
      expect(await call(host, 'switchDemoClock', { mode: 'system' })).toEqual({ mode: 'system' });
      expect(asked).toEqual(['system']);
    } finally {
      await host.close();
    }
  });

  // Before, the demo's "go live" reopened the console on the real clock with nothing in the log: the rehearsal's
  // record ended mid-run with no word of who left it or when, unlike every move of its clock.
  it('switches the demo to the live clock only once the switch is decided and logged, with who asked', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const logged: string[][] = [];
    const host = await open({ dataDir, rehearsalStart: START, switchDemoClock: () => logged.push(logEvents(rehearsalDir(dataDir, START)).map((e) => e.type)) });
    try {
      await call(host, 'setOperator', { name: 'sam', role: 'QA' });
      expect(await call(host, 'switchDemoClock', { mode: 'system' })).toEqual({ mode: 'system' });
      expect(logged).toHaveLength(1);
      expect(logged[0]!.at(-1)).toBe('demoClockSwitched');
      expect(logEvents(rehearsalDir(dataDir, START)).at(-1)).toMatchObject({ type: 'demoClockSwitched', actor: { name: 'sam', role: 'QA' }, from: 'simulated', to: 'system' });
    } finally {
      await host.close();
    }
  });

  // Before, two windows (or a double click that beat the reload) that asked "Go live" at once were both logged and
  // both reopened the demo: two "switched" lines in the record for one switch, and the live folder opened twice.
  it('switches once when two windows ask at once: the second is refused and logged as refused', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const asked: string[] = [];
    const host = await open({ dataDir, rehearsalStart: START, switchDemoClock: (mode) => asked.push(mode) });
    try {
      const other = { transport: 'browser' as const, connectionId: 'other-window' };
      const [first, second] = await Promise.all([host.invoke('switchDemoClock', { mode: 'system' }, context), host.invoke('switchDemoClock', { mode: 'system' }, other)]);
      expect(asked).toEqual(['system']);
      expect([first, second].filter((r) => r.ok)).toHaveLength(1);
      expect([first, second].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is already switching to the live clock') } });
      const events = logEvents(rehearsalDir(dataDir, START));
      expect(events.filter((e) => e.type === 'demoClockSwitched')).toHaveLength(1);
      expect(events.at(-1)).toMatchObject({ type: 'refused', intent: 'switchDemoClock' });
      // A later ask of this console (a window that had not reloaded yet) is refused the same way.
      expect(await host.invoke('switchDemoClock', { mode: 'system' }, other)).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(asked).toEqual(['system']);
    } finally {
      await host.close();
    }
  });

  it('refuses a clock switch where the console cannot switch, and logs the refusal', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    const host = await open({ dataDir, rehearsalStart: START });
    try {
      expect(await host.invoke('switchDemoClock', { mode: 'system' }, context)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('restart the console to change its clock') } });
      expect(logEvents(rehearsalDir(dataDir, START)).at(-1)).toMatchObject({ type: 'refused', intent: 'switchDemoClock', actor: alice });
    } finally {
      await host.close();
    }
  });

  it('refuses to start the live clock over, and a console no adapter can reopen', async () => {
    const live = await open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-kept-')), reopenAfterClose: () => undefined });
    const bare = await open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-kept-')), rehearsalStart: START });
    try {
      expect(await live.invoke('startRehearsalOver', {}, context)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('only a rehearsal can be started over') } });
      expect((await session(live)).rehearsal).toBeNull();
      expect(await bare.invoke('startRehearsalOver', {}, context)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('cannot reopen itself') } });
      expect((await session(bare)).rehearsal?.canStartOver).toBe(false);
    } finally {
      await live.close();
      await bare.close();
    }
  });
});
