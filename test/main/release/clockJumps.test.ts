// issue 8, the clock jumps, at the release service: a rehearsal clock moved forwards across EUW2's
// 18:00 London edge. The view re-decides at every move, and a step behind the window is refused until
// the window is open. Issue 14: a rehearsal clock only moves forward (its log would otherwise record an
// intent before one already in it), so a move back is refused and the clock stays.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseView, Result, StepView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';

const context = { transport: 'browser' as const, connectionId: 'clock' };
const OPENS = Date.parse('2026-03-19T18:00:00Z');
let host: Host;

beforeAll(async () => {
  ({ host } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-clock-')), rehearsalStart: Date.parse('2026-03-19T10:55:00Z') }));
});

afterAll(async () => {
  await host?.close();
});

async function call<T>(name: string, payload: unknown): Promise<T> {
  const result = (await host.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function moveTo(iso: string): Promise<ReleaseView> {
  await call('moveRehearsalClock', { to: Date.parse(iso) });
  return call<ReleaseView>('getReleaseView', {});
}

const euw2 = (view: ReleaseView) => view.regions.find((r) => r.id === 'EUW2')!;
const WINDOW_REASON = /^EUW2 deploys open after 18:00 London/;
/** EUW2's steps that its window is holding back (other reasons, such as earlier steps, may hold them too). */
const heldByWindow = (view: ReleaseView): StepView[] =>
  view.gates.flatMap((g) => g.steps).filter((s) => s.regionId === 'EUW2' && s.reasons.some((r) => WINDOW_REASON.test(r)));

describe('a rehearsal clock jumping across a window edge', () => {
  it('opens EUW2 as the clock moves, refuses its steps while closed, and refuses a move back', async () => {
    const morning = await call<ReleaseView>('getReleaseView', {});
    expect(euw2(morning).window).toMatchObject({ open: false, opensAt: OPENS });
    const held = heldByWindow(morning);
    expect(held.length).toBeGreaterThan(0);

    const justBefore = await moveTo('2026-03-19T17:59:59.999Z');
    expect(euw2(justBefore).window).toMatchObject({ open: false, opensAt: OPENS });
    expect(heldByWindow(justBefore).map((s) => s.key)).toEqual(held.map((s) => s.key));
    const step = held[0]!;
    const refused = await host.invoke('startStep', { releaseId: justBefore.release.id, stepId: step.stepId, regionId: 'EUW2' }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringMatching(/after 18:00 London \(17:59 now\)/) } });

    const open = await moveTo('2026-03-19T18:00:00Z');
    expect(euw2(open).window.open).toBe(true);
    expect(heldByWindow(open)).toEqual([]);

    // Back across the edge: refused, saying why, and the window stays open.
    const back = await host.invoke('moveRehearsalClock', { to: Date.parse('2026-03-19T17:30:00Z') }, context);
    expect(back).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('only moves forward') } });
    expect(euw2(await call<ReleaseView>('getReleaseView', {})).window.open).toBe(true);

    // Forwards past midnight: closed until 18:00 the next day, not still open from the evening before.
    const nextMorning = await moveTo('2026-03-20T09:00:00Z');
    expect(euw2(nextMorning).window).toMatchObject({ open: false, opensAt: Date.parse('2026-03-20T18:00:00Z') });
  });
});
