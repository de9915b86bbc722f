// The release slice mirrors the view main pushed: a whole view with its number, then patches numbered one
// more each. A patch out of order, or one that does not fit what is held, is a gap: the slice keeps what it
// had and says so, and the window asks for the whole view again.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import type { ReleaseView, ReleaseViewPatch } from '../../../shared/api';
import { createReleaseSlice, type ReleaseSlice } from '../../../renderer/store/release-slice';

function view(over: Partial<ReleaseView> = {}): ReleaseView {
  return {
    now: Date.parse('2026-03-19T10:55:00Z'),
    operator: { name: 'alice', role: 'PE' },
    releases: [{ id: 'r1', title: 'Production rollout', type: 'product', typeTitle: 'Product' }],
    release: { id: 'r1', title: 'Production rollout', type: 'product', typeTitle: 'Product', runbookTitle: 'Friday', cycleStart: '2026-03-09', strategy: 'region-by-region' },
    gates: [],
    handovers: [],
    regions: [],
    qa: [{ id: 'qa#1', title: 'Sanity', source: 'QA', outcome: 'open', by: null, at: null, note: null, link: null, refused: null }],
    alerts: [],
    storageWarnings: [],
    ...over,
  };
}

function slice() {
  return createStore<ReleaseSlice>()((...args) => createReleaseSlice(...args));
}

const tick: ReleaseViewPatch['ops'] = [
  { op: 'replace', path: '/qa/0/outcome', value: 'pass' },
  { op: 'replace', path: '/qa/0/by', value: { name: 'quinn', role: 'QA' } },
];

describe('the release slice applying pushed patches', () => {
  it('applies the next numbered patch and leaves the view it replaced untouched', () => {
    const store = slice();
    const held = view();
    store.getState().setView(held, 5);
    expect(store.getState().applyViewPatch({ seq: 6, ops: tick })).toBe('applied');
    expect(store.getState().viewSeq).toBe(6);
    expect(store.getState().view!.qa[0]).toMatchObject({ outcome: 'pass', by: { name: 'quinn', role: 'QA' } });
    expect(held.qa[0]!.outcome).toBe('open');
  });

  it.each([
    ['skips a number (a patch was missed)', 7],
    ['repeats the number it holds', 5],
    ['goes back', 4],
  ])('reports a gap and keeps what it holds when a patch %s', (_case, seq) => {
    const store = slice();
    store.getState().setView(view(), 5);
    const before = store.getState().view;
    expect(store.getState().applyViewPatch({ seq, ops: tick })).toBe('gap');
    expect(store.getState().view).toBe(before);
    expect(store.getState().viewSeq).toBe(5);
  });

  it('reports a gap when nothing is held yet', () => {
    expect(slice().getState().applyViewPatch({ seq: 1, ops: tick })).toBe('gap');
  });

  it('reports a gap for a patch that does not fit the view held', () => {
    const store = slice();
    store.getState().setView(view(), 1);
    expect(store.getState().applyViewPatch({ seq: 2, ops: [{ op: 'remove', path: '/gates/3' }] })).toBe('gap');
    expect(store.getState().viewSeq).toBe(1);
  });

  it('takes another release whole, as a replace of the root', () => {
    const store = slice();
    store.getState().setView(view(), 1);
    const emergency = view({ release: { id: 'r2', title: 'Emergency SIP fix', type: 'emergency', typeTitle: 'Emergency', runbookTitle: 'Emergency', cycleStart: '2026-03-19', strategy: 'region-by-region' }, qa: [] });
    expect(store.getState().applyViewPatch({ seq: 2, ops: [{ op: 'replace', path: '', value: emergency }] })).toBe('applied');
    expect(store.getState().view).toEqual(emergency);
  });
});

describe('the screen a window opens on', () => {
  it("is the role's first screen when the person has not picked one", () => {
    const store = slice();
    store.getState().openFirstScreen('qa');
    expect(store.getState().screen).toBe('qa');
  });

  it('stays the one the person picked while the first view was on its way', () => {
    const store = slice();
    store.getState().showScreen('checklist');
    store.getState().openFirstScreen('regions');
    expect(store.getState().screen).toBe('checklist');
  });
});
