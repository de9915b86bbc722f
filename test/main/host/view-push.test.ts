// Issue 14, point 6: each window has its own view (its release, its operator), and main sends it only what
// changed, numbered. Through the real console (the demo workspace in a rehearsal) and the real event bus:
// what a window holds after applying its patches must be exactly the view main would build for it now.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsonPatch from 'fast-json-patch';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice, QaItemView, ReleaseView, ReleaseViewPatch, Result, WatchedReleaseView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { logEvents, rehearsalDir } from '../../release-log';

const PRODUCTION = '2026-03-product-rollout';
const EMERGENCY = '2026-03-emergency-sip';
const QA_ITEM = 'qa-post-rollout#3';
/** The figure issue 14 sets for one tick reaching a window. */
const TICK_BUDGET_BYTES = 4_096;

let host: Host | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
});

/** A window as the renderer is one: it watches, then applies each patch main sends it, in order. */
interface Window {
  id: string;
  seq: number;
  view: ReleaseView;
  patches: ReleaseViewPatch[];
  notices: Notice[];
  /** Bytes of every patch event sent to it, as the server would write them. */
  bytes: number;
}

async function open(at: string): Promise<Host> {
  ({ host } = await createConsole({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-push-')), rehearsalStart: Date.parse(at), operator: { name: 'alice', role: 'PE' } }));
  return host!;
}

async function call<T>(h: Host, win: Window | string, name: string, payload: unknown): Promise<T> {
  const connectionId = typeof win === 'string' ? win : win.id;
  const result = (await h.invoke(name, payload, { transport: 'browser', connectionId })) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function watch(h: Host, id: string, shown: object = {}): Promise<Window> {
  const win: Window = { id, seq: 0, view: null as unknown as ReleaseView, patches: [], notices: [], bytes: 0 };
  h.onEvent((event, payload, target) => {
    if (target !== undefined && target !== id) return;
    if (event === 'notice') win.notices.push(payload as Notice);
    if (event !== 'releaseViewPatch') return;
    const patch = payload as ReleaseViewPatch;
    win.bytes += Buffer.byteLength(JSON.stringify({ event, payload }));
    win.patches.push(patch);
    // Over the wire, as JSON: what the renderer receives, not main's objects.
    const ops = JSON.parse(JSON.stringify(patch.ops)) as ReleaseViewPatch['ops'];
    expect(patch.seq, `${id} gets patches in order`).toBe(win.seq + 1);
    win.view = jsonPatch.applyPatch(win.view, ops as Parameters<typeof jsonPatch.applyPatch>[1], true, false).newDocument;
    win.seq = patch.seq;
  });
  const watched = await call<WatchedReleaseView>(h, id, 'watchReleaseView', shown);
  win.seq = watched.seq;
  win.view = JSON.parse(JSON.stringify(watched.view)) as ReleaseView;
  return win;
}

/** Lets a push that is due go out (pushes are gathered for up to 30 ms). */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** Until every region's first poll has landed: a poll landing is a change a window is rightly sent. */
async function metricsLanded(h: Host): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const view = await call<ReleaseView>(h, 'probe', 'getReleaseView', {});
    if (view.regions.every((region) => region.health !== 'unknown')) return;
    await settle();
  }
  throw new Error('the first metrics poll never landed for every region');
}

async function expectInStep(h: Host, win: Window): Promise<void> {
  await settle();
  expect(win.view, `${win.id} holds the view main builds for it`).toEqual(JSON.parse(JSON.stringify(await call<ReleaseView>(h, win, 'getReleaseView', {}))));
}

const qaItem = (view: ReleaseView) => view.qa.find((item) => item.id === QA_ITEM)!;

describe('views pushed to windows', () => {
  it('gives two windows with different releases each its own view, and a tick reaches the other window on that release as a small patch', async () => {
    const h = await open('2026-03-19T10:55:00Z');
    const pe = await watch(h, 'pe-window');
    const qa = await watch(h, 'qa-window');
    const onCall = await watch(h, 'on-call-window');
    expect([pe, qa, onCall].map((w) => w.view.release.id)).toEqual([PRODUCTION, PRODUCTION, PRODUCTION]);

    await call(h, onCall, 'setOperator', { name: 'olu', role: 'on-call PE' });
    await call(h, onCall, 'selectRelease', { releaseId: EMERGENCY });
    await call(h, qa, 'setOperator', { name: 'quinn', role: 'QA' });
    await settle();
    expect(onCall.view.release.id).toBe(EMERGENCY);
    expect(onCall.view.operator).toEqual({ name: 'olu', role: 'on-call PE', persona: true });
    expect(qa.view.operator).toEqual({ name: 'quinn', role: 'QA', persona: true });
    expect(pe.view).toMatchObject({ release: { id: PRODUCTION }, operator: { name: 'alice', role: 'PE' } });
    for (const win of [pe, qa, onCall]) await expectInStep(h, win);

    const before = { pe: { ...pe }, onCall: { ...onCall } };
    const ticked = await call<QaItemView>(h, qa, 'tickQaItem', { releaseId: PRODUCTION, itemId: QA_ITEM, outcome: 'open', note: 'Sanity call to retest after the deploy' });
    // Done as the window's operator, not as whoever set a name last in another window.
    expect(ticked.by).toEqual({ name: 'quinn', role: 'QA', persona: true });
    await settle();
    expect(qaItem(pe.view)).toMatchObject({ outcome: 'open', by: { name: 'quinn', role: 'QA' }, note: 'Sanity call to retest after the deploy' });
    expect(pe.seq).toBe(before.pe.seq + 1);
    expect(pe.bytes - before.pe.bytes).toBeLessThan(TICK_BUDGET_BYTES);
    // The emergency release does not show the product release's QA checklist: nothing is sent there.
    expect(onCall.seq).toBe(before.onCall.seq);
    for (const win of [pe, qa, onCall]) await expectInStep(h, win);
  });

  it('gives a reloaded window the whole view again and numbers its patches from there', async () => {
    const h = await open('2026-03-19T10:55:00Z');
    const first = await watch(h, 'tab');
    await call(h, first, 'selectRelease', { releaseId: EMERGENCY });
    await settle();
    expect(first.patches.at(-1)!.ops).toEqual([expect.objectContaining({ op: 'replace', path: '' })]);

    // The same tab reconnecting names what it showed; its session survives, the whole view comes first.
    const again = await watch(h, 'tab-reconnected', { releaseId: EMERGENCY, operator: { name: 'alice', role: 'PE' } });
    expect(again.view.release.id).toBe(EMERGENCY);
    await call(h, 'other', 'moveRehearsalClock', { advanceMs: 60_000 });
    await settle();
    expect(again.patches.map((p) => p.seq)).toEqual([again.seq]);
    expect(again.patches[0]!.ops).toContainEqual({ op: 'replace', path: '/now', value: Date.parse('2026-03-19T10:56:00Z') });
    await expectInStep(h, again);
  });

  it("takes a window's persona after main restarted as the picker would: decided and logged, a role the workspace does not declare refused", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-push-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
    // Windows that showed quinn (QA) and "mallory (Intern)" before main restarted: their sessions are new.
    const unknown = await watch(host!, 'odd-tab', { releaseId: PRODUCTION, operator: { name: 'mallory', role: 'Intern' } });
    const qa = await watch(host!, 'qa-tab', { releaseId: PRODUCTION, operator: { name: 'quinn', role: 'QA' } });
    expect(unknown.view.operator).toMatchObject({ name: 'alice', role: 'PE' });
    expect(qa.view.operator).toEqual({ name: 'quinn', role: 'QA', persona: true });
    const ticked = await call<QaItemView>(host!, qa, 'tickQaItem', { releaseId: PRODUCTION, itemId: QA_ITEM, outcome: 'open', note: 'retest' });
    expect(ticked.by).toEqual({ name: 'quinn', role: 'QA', persona: true });
    // The same window reconnecting again (its session kept) names the same persona: nothing more to log.
    await watch(host!, 'qa-tab', { releaseId: PRODUCTION, operator: { name: 'quinn', role: 'QA' } });

    const logged = logEvents(rehearsalDir(dataDir)).flatMap((event) => {
      if (event.type === 'operatorSet') return [`${event.from.name} → ${event.to.name} (${event.to.role})`];
      if (event.type === 'refused' && event.intent === 'setOperator') return [`refused: ${event.reasons.join(' ')}`];
      return [];
    });
    expect(logged).toEqual([expect.stringMatching(/^refused: "Intern" is not a role of this workspace/), 'alice → quinn (QA)']);
  });

  it('sends nothing to a window whose view did not change, and a window that went away gets nothing', async () => {
    const h = await open('2026-03-19T10:55:00Z');
    await metricsLanded(h);
    const stays = await watch(h, 'stays');
    const leaves = await watch(h, 'leaves');
    h.disconnect('leaves');
    await call(h, 'cli', 'getReleaseView', {});
    await settle();
    expect(stays.patches).toEqual([]);
    await call(h, stays, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await settle();
    expect(stays.patches).toHaveLength(1);
    expect(leaves.patches).toEqual([]);
    await expectInStep(h, stays);
  });

  it('re-decides on a clock move so EUW2 opens at 18:00 London in each window, each told once', async () => {
    const h = await open('2026-03-19T17:59:00Z');
    const product = await watch(h, 'product');
    const emergency = await watch(h, 'emergency');
    await call(h, emergency, 'selectRelease', { releaseId: EMERGENCY });
    await settle();
    const euw2 = (view: ReleaseView) => view.regions.find((r) => r.id === 'EUW2')!;
    expect(euw2(product.view).window.open).toBe(false);
    await call(h, product, 'moveRehearsalClock', { advanceMs: 60_000 });
    await settle();
    expect(euw2(product.view).window.open).toBe(true);
    expect(euw2(emergency.view).window.open).toBe(true);
    // Each window hears it once: its own notice, not every window's.
    for (const win of [product, emergency]) expect(win.notices.filter((n) => /^EUW2\b.*windows? open$/.test(n.title)), win.id).toHaveLength(1);
    await expectInStep(h, product);
    await expectInStep(h, emergency);
  });
});
