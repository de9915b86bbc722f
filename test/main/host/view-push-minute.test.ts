// The minute re-decide: with no intent and no poll, main still rebuilds every watched window's view on each
// minute of the console clock, so a window opening at 18:00 shows open at 18:00 and not at the next event.
// The event bus, the window sessions and the push are the real ones; the view builder is the only stand-in:
// a region whose window opens on a minute boundary the test's clock is about to cross.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReleaseView, ReleaseViewPatch } from '../../../shared/api';
import { createEventBus } from '../../../main/host/events';
import { ViewPush } from '../../../main/host/view-push';
import { WindowSessions } from '../../../main/host/window-session';

let push: ViewPush | null = null;

afterEach(() => {
  push?.close();
  push = null;
});

function viewAt(now: number, opensAt: number): ReleaseView {
  const open = now >= opensAt;
  return {
    now,
    operator: { name: 'alice', role: 'PE' },
    releases: [],
    release: { id: 'r1', title: 'Production rollout', type: 'product', typeTitle: 'Product', runbookTitle: 'Friday', cycleStart: '2026-03-09', strategy: 'region-by-region' },
    gates: [],
    handovers: [],
    regions: [
      {
        id: 'EUW2', name: 'Europe (London)', zone: 'Europe/London', awsRegion: 'eu-west-2', sibling: 'EUC1',
        maintenance: { on: false, redirectedTo: null }, versions: [], currentStep: null, health: 'unknown', healthDetail: 'No metrics yet', baseline: null,
        reconcile: { status: 'not-reconciled', at: null, differences: [], error: null },
        window: { open, opensAt: open ? null : opensAt, nextOpensAt: open ? null : opensAt, closesAt: null, ruleZone: 'Europe/London', reasons: open ? [] : ['EUW2 deploys open after 18:00 Europe/London'] },
        lease: null,
      },
    ],
    qa: [],
    alerts: [],
    storageWarnings: [],
  };
}

describe('the minute re-decide', () => {
  it('pushes a window its re-decided view when the console clock crosses a minute, with nothing else happening', async () => {
    // A console clock 150 ms before a whole minute: the push must come at the minute, not in 5 s or never.
    const opensAt = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
    const offset = opensAt - 150 - Date.now();
    const clock = { now: () => Date.now() + offset };
    const bus = createEventBus();
    const sessions = new WindowSessions({ releaseId: () => 'r1', operator: () => ({ name: 'alice', role: 'PE' }), isRelease: (id) => id === 'r1' });
    const observed: string[][] = [];
    push = new ViewPush({
      bus,
      sessions,
      clock,
      buildView: () => viewAt(clock.now(), opensAt),
      observe: async (releaseIds) => void observed.push([...releaseIds]),
      noticesBetween: () => [],
    });
    const patches: { at: number; patch: ReleaseViewPatch }[] = [];
    bus.subscribe((event, payload, target) => {
      if (event === 'releaseViewPatch' && target === 'w1') patches.push({ at: clock.now(), patch: payload as ReleaseViewPatch });
    });
    const watched = push.watch('w1');
    expect(watched.view.regions[0]!.window.open).toBe(false);
    push.start();
    await expect.poll(() => patches.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const first = patches[0]!;
    expect(first.at).toBeGreaterThanOrEqual(opensAt);
    expect(first.patch.seq).toBe(watched.seq + 1);
    expect(first.patch.ops).toContainEqual({ op: 'replace', path: '/regions/0/window/open', value: true });
    // Time passed: what holds over time was observed first, for the release the window shows.
    expect(observed).toEqual([['r1']]);
  });
});
