import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice, ReleaseView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { noticesBetween } from '../../../main/release/notices';
import { until } from '../until';

const context = { transport: 'browser' as const, connectionId: 'test' };
const PRODUCTION = '2026-03-product-rollout';
let host: Host | null = null;

async function open(at: string): Promise<{ h: Host; notices: Notice[] }> {
  ({ host } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-notices-')), rehearsalStart: Date.parse(at), operator: { name: 'alice', role: 'PE' } }));
  const notices: Notice[] = [];
  // Notices are about what a window shows: they go to the windows watching, each to its own.
  host!.onEvent((event, payload, connectionId) => {
    if (event === 'notice' && connectionId === context.connectionId) notices.push(payload as Notice);
  });
  const watched = await host!.invoke('watchReleaseView', {}, context);
  if (!watched.ok) throw new Error(watched.error.message);
  return { h: host!, notices };
}

async function ok(h: Host, name: string, payload: unknown): Promise<void> {
  const result = await h.invoke(name, payload, context);
  if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
}

/** The CR written and reviewed, then S01's baseline, maintenance mode and deploy, each run to its end in the demo tools. */
async function deployToS01(h: Host): Promise<void> {
  await ok(h, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
  await ok(h, 'setOperator', { name: 'bob', role: 'PE' });
  await ok(h, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
  for (const stepId of ['sdc-baseline', 'sdc-maintenance-on', 'sdc-deploy']) {
    await ok(h, 'startStep', { releaseId: PRODUCTION, stepId, regionId: 'S01' });
    const state = await until(`${stepId}@S01 to end`, async () => (await view(h)).gates.flatMap((g) => g.steps).find((s) => s.key === `${stepId}@S01`)?.state, (now) => now === 'done' || now === 'failed', 20_000);
    if (state === 'failed') throw new Error(`${stepId}@S01 failed`);
  }
}

async function view(h: Host): Promise<ReleaseView> {
  const result = await h.invoke('getReleaseView', {}, context);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ReleaseView;
}

afterEach(async () => {
  await host?.close();
  host = null;
});

describe('desktop notices', () => {
  it('announce EUW2 opening at 18:00 London once, when the clock passes it', async () => {
    const { h, notices } = await open('2026-03-19T17:55:00Z');
    const before = await view(h);
    await h.invoke('moveRehearsalClock', { advanceMs: 10 * 60_000 }, context);
    const after = await view(h);
    const opened = noticesBetween(before, after).filter((n) => n.title.endsWith('window open')).map((n) => n.title);
    expect(opened).toEqual(expect.arrayContaining(['EUW2 window open', 'EUC1 window open']));
    expect(opened).not.toContain('LON window open');
    // The region's name sits between commas: "(Europe (London))" read as a typo.
    // EUW2's first step still waits for SDC/LON: the notice says so, as the step's pane does, not "may start now".
    expect(noticesBetween(before, after).find((n) => n.title === 'EUW2 window open')?.body).toBe('Its next step cannot start yet. Waits for "Disable maintenance mode — SDC/LON (~11:00 London)" in S01, S02, LON to be done.');
    await expect.poll(() => notices.some((n) => n.title === 'EUW2 window open')).toBe(true);
    expect(noticesBetween(after, after)).toEqual([]);
  });

  it("say APSE1's window opened at 11:00 London but not that it may start: its steps still wait for SDC and LON, and decide would refuse them", async () => {
    const { h } = await open('2026-03-19T10:55:00Z');
    const before = await view(h);
    await h.invoke('moveRehearsalClock', { advanceMs: 10 * 60_000 }, context);
    const after = await view(h);
    const apse1 = noticesBetween(before, after).find((n) => n.title === 'APSE1 window open');
    expect(apse1?.body).toBe('Its next step cannot start yet. Waits for "Disable maintenance mode — SDC/LON (~11:00 London)" in S01, S02, LON to be done.');
    expect(apse1?.body).not.toContain('may start now');
    const blocked = after.gates.flatMap((g) => g.steps).find((s) => s.key === 'regional-baseline@APSE1');
    expect(blocked?.state).toBe('blocked');
    // Once its next step is ready (as decide answers it for the view), the window's opening says it may start.
    const ready = { ...after, regions: after.regions.map((r) => (r.id === 'APSE1' && r.currentStep ? { ...r, currentStep: { ...r.currentStep, state: 'ready' as const, reasons: [] } } : r)) };
    expect(noticesBetween(before, ready).find((n) => n.title === 'APSE1 window open')?.body).toBe('Deployments to APSE1, Asia Pacific (Singapore), may start now: "Capture baseline — US, APAC and global regions" is ready.');
  });

  it('warn 30 minutes before gate 5 closes, not earlier', async () => {
    const { h } = await open('2026-03-20T09:20:00Z');
    const at920 = await view(h);
    await h.invoke('moveRehearsalClock', { advanceMs: 5 * 60_000 }, context);
    const at925 = await view(h);
    expect(noticesBetween(at920, at925)).toEqual([]);
    await h.invoke('moveRehearsalClock', { advanceMs: 10 * 60_000 }, context);
    const at935 = await view(h);
    expect(noticesBetween(at925, at935)).toEqual([expect.objectContaining({ severity: 'warning', title: 'Gate 5: Production Rollout Complete: 30 minutes left' })]);
  });

  it('raise a failed QA item to the PE and on-call', async () => {
    const { h } = await open('2026-03-19T10:55:00Z');
    // Seed 000: QA tests "After EU deploy"; a QA item is ticked only once something is deployed (S01 here).
    await deployToS01(h);
    const before = await view(h);
    await h.invoke('setOperator', { name: 'quinn', role: 'QA' }, context);
    const failed = await h.invoke('tickQaItem', { releaseId: PRODUCTION, itemId: 'qa-post-rollout#3', outcome: 'fail', note: 'Sanity call dropped after 4 s in EUW2' }, context);
    expect(failed.ok).toBe(true);
    const after = await view(h);
    expect(noticesBetween(before, after)).toEqual([
      expect.objectContaining({ severity: 'critical', title: 'QA failed: Sanity', body: expect.stringContaining('quinn: Sanity call dropped after 4 s in EUW2') }),
    ]);
  });
});
