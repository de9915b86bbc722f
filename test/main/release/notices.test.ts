import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice, ReleaseView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { noticesBetween } from '../../../main/release/notices';
import { noticeBody } from '../../../renderer/api/notices';
import { until } from '../until';
import { demoToolsAtFullSpeed } from './demo-console';

// What the notices and the view say is tested, not how long the demo's tools take to say it.
demoToolsAtFullSpeed();
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
  it('announce EUW2 and EUC1 opening at 18:00 London once, in one notice naming both and what each waits for', async () => {
    const { h, notices } = await open('2026-03-19T17:55:00Z');
    const before = await view(h);
    await h.invoke('moveRehearsalClock', { advanceMs: 10 * 60_000 }, context);
    const after = await view(h);
    const opened = noticesBetween(before, after).filter((n) => /windows? open$/.test(n.title));
    // A notice for each, a line or two apiece, took a fifth of a 720 px window below the screens.
    expect(opened.map((n) => n.title)).toEqual(['EUW2 and EUC1 windows open']);
    expect(opened.map((n) => n.title)).not.toContain('LON window open');
    // Their first steps still wait: the notice says what for, as the steps' panes do, not "may start now".
    expect(opened[0]?.body).toBe('EUW2: Waits for "Disable maintenance mode — SDC/LON (~11:00 London)" in S01, S02, LON to be done. EUC1: Waits for "Soak EUW2 before the next EU region" in EUW2 to be done.');
    await expect.poll(() => notices.some((n) => n.title === 'EUW2 and EUC1 windows open')).toBe(true);
    expect(noticesBetween(after, after)).toEqual([]);
  });

  it("say APSE1's and APSE2's windows opened at 11:00 London but not that they may start: their steps still wait for SDC and LON, and decide would refuse them", async () => {
    const { h } = await open('2026-03-19T10:55:00Z');
    const before = await view(h);
    await h.invoke('moveRehearsalClock', { advanceMs: 10 * 60_000 }, context);
    const after = await view(h);
    const windows = (next: ReleaseView, previous = before) => noticesBetween(previous, next).filter((n) => /windows? open$/.test(n.title));
    // Both wait for the same step: one sentence says it for both.
    expect(windows(after)).toEqual([expect.objectContaining({ title: 'APSE1 and APSE2 windows open', body: 'Their next steps cannot start yet. Waits for "Disable maintenance mode — SDC/LON (~11:00 London)" in S01, S02, LON to be done.' })]);
    const blocked = after.gates.flatMap((g) => g.steps).find((s) => s.key === 'regional-baseline@APSE1');
    expect(blocked?.state).toBe('blocked');
    // Once a next step is ready (as decide answers it for the view), the window's opening says it may start.
    const readyIn = (ids: string[]) => ({ ...after, regions: after.regions.map((r) => (ids.includes(r.id) && r.currentStep ? { ...r, currentStep: { ...r.currentStep, state: 'ready' as const, reasons: [] } } : r)) });
    const apse2AlreadyOpen = { ...before, regions: before.regions.map((r) => (r.id === 'APSE2' ? { ...r, window: { ...r.window, open: true } } : r)) };
    expect(windows(readyIn(['APSE1']), apse2AlreadyOpen)).toEqual([
      expect.objectContaining({ title: 'APSE1 window open', body: 'Deployments to APSE1, Asia Pacific (Singapore), may start now: "Capture baseline — US, APAC and global regions" is ready.' }),
    ]);
    expect(windows(readyIn(['APSE1', 'APSE2']))[0]?.body).toBe(
      'Deployments to APSE1, Asia Pacific (Singapore), and APSE2, Asia Pacific (Sydney), may start now: "Capture baseline — US, APAC and global regions" is ready in each.',
    );
    // One ready, one waiting: each in its own words, in one notice.
    expect(windows(readyIn(['APSE1']))[0]?.body).toBe(
      'APSE1: may start now, "Capture baseline — US, APAC and global regions" is ready. APSE2: Waits for "Disable maintenance mode — SDC/LON (~11:00 London)" in S01, S02, LON to be done.',
    );
  });

  it("carry the instants their waiting steps' reasons name, for a desk to read them in its own zone", async () => {
    const { h } = await open('2026-03-19T10:55:00Z');
    const before = await view(h);
    await h.invoke('moveRehearsalClock', { advanceMs: 10 * 60_000 }, context);
    const after = await view(h);
    // A sign-off QA reopened holds APSE1's and APSE2's next steps: their reasons name when, as the step's pane reads it.
    const reopenedAt = Date.parse('2026-03-19T10:58:00Z');
    const reason = 'Testing failure: QA\'s sign-off “QA signs off EU” was reopened by quinn (QA) at Thu 19 Mar, 10:58 UTC: call drops.';
    const instants = [{ at: reopenedAt, words: 'Thu 19 Mar, 10:58 UTC' }];
    const held = { ...after, regions: after.regions.map((r) => (r.currentStep && ['APSE1', 'APSE2'].includes(r.id) ? { ...r, currentStep: { ...r.currentStep, reasons: [reason], instants } } : r)) };
    const [opened] = noticesBetween(before, held).filter((n) => /windows? open$/.test(n.title));
    expect(opened).toEqual(expect.objectContaining({ title: 'APSE1 and APSE2 windows open', body: `Their next steps cannot start yet. ${reason}`, instants }));
    // Before: the body alone, read in UTC on every desk ("at Thu 19 Mar, 10:58 UTC" in New York).
    expect(noticeBody(opened!, 'America/New_York')).toBe('Their next steps cannot start yet. Testing failure: QA\'s sign-off “QA signs off EU” was reopened by quinn (QA) at Thu 19 Mar, 06:58 New York: call drops.');
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
