import { beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

const R = '2026-03-product-rollout';
const pe = { name: 'sam', role: 'PE' };
let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

describe('releaseDefined: a release logs its definition when it starts (issue 19)', () => {
  it('logs the definition with each handover\'s target regions before the first step, and never again', () => {
    const state = { ...initialState(), metrics: {} };
    const first = decide({ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' }, state, at('2026-03-16T09:00:00Z'), pe, demo);
    expect(first.allowed).toBe(true);
    if (!first.allowed) return;
    const [defined] = first.events;
    expect(ReleaseEvent.parse(defined)).toEqual(defined);
    if (defined?.type !== 'releaseDefined') throw new Error(`expected releaseDefined first, got ${defined?.type}`);
    expect(defined.definition.handovers.map((h) => h.id)).toEqual(demo.releases.find((r) => r.id === R)!.handovers.map((h) => h.id));
    // Seed 000: S01 first, EUC1 last: the product rollout's deploy steps in the workspace's region order.
    const targets = defined.definition.targets['HO-1234']!;
    expect(targets.production).toContain('S01');
    expect(targets.production).toContain('EUC1');
    expect(targets.staging).toEqual([]);

    const after = { ...applyEvents(initialState(), first.events), metrics: {} };
    const second = decide({ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' }, after, at('2026-03-16T09:05:00Z'), pe, demo);
    expect(second.allowed ? second.events.map((e) => e.type) : second).not.toContain('releaseDefined');
  });

  it('reads a handover createdAt from the workspace YAML as an ISO instant, and refuses a date without a time', async () => {
    const { Handover } = await import('../../../shared/workspace/schema/releases');
    const base = { id: 'HO-1', title: 't', status: 'Draft', packages: [{ name: 'api', newVersion: '2' }] };
    expect(Handover.parse({ ...base, createdAt: '2026-03-02T09:30:00Z' }).createdAt).toBe('2026-03-02T09:30:00Z');
    expect(Handover.safeParse({ ...base, createdAt: '2026-03-02' }).error?.issues[0]?.message).toMatch(/ISO 8601 instant/);
  });
});
