// Issue 14: the log is the truth. Through the release log repository, every accepted intent's events reach
// the log before the state, and folding the log alone gives the state, as a reopened repository does.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { decide } from '../../../shared/engine/decide';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { ReleaseEvent } from '../../../shared/engine/events';
import type { Intent } from '../../../shared/engine/intents';
import { ConsoleStateFile, type ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { openReleaseRepository } from '../../../main/release/repository';
import { logEvents } from '../../release-log';
import { LOG_FILE } from '../../../main/storage/repository';
import { loadTemplate } from '../../shared/loadTemplate';

const R = '2026-03-product-rollout';
const NOW = Date.parse('2026-03-19T10:55:00Z');
let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

function replay(dir: string): { state: ConsoleState; events: ReleaseEvent[] } {
  const events = logEvents(dir);
  return { state: applyEvents(initialState(), events), events };
}

describe('the release log repository', () => {
  it('appends each event to the log before folding it, and a replay of the log equals the state and its snapshot', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-repo-'));
    const repository = await openReleaseRepository(dir, simulatedClock(NOW));
    const alice = { name: 'alice', role: 'PE' };
    const bob = { name: 'bob', role: 'PE' };
    const intents: Array<[Intent, typeof alice]> = [
      [{ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done', note: 'CR-8812' }, alice],
      [{ kind: 'approveStep', release: R, step: 'review-prod-cr', region: null }, bob],
      [{ kind: 'startStep', release: R, step: 'sdc-baseline', region: 'S01' }, alice],
      [{ kind: 'baselineCaptured', release: R, step: 'sdc-baseline', region: 'S01', baselines: [], missing: [{ regionId: 'S01', metricId: 'errorRate' }] }, alice],
      [{ kind: 'startStep', release: R, step: 'sdc-baseline', region: 'S01' }, alice],
      [{ kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'open', note: 'regression in call transfer, retest after the deploy' }, { name: 'quinn', role: 'QA' }],
      // (HO-1240 runs nowhere here, so "Production Rollback Required" would be refused: QA re-uses the handover pulled at review.)
      [{ kind: 'transitionHandover', release: R, handover: 'HO-1242', to: 'HO Peer Review' }, { name: 'quinn', role: 'QA' }],
      [{ kind: 'setOperator', operator: bob }, alice],
    ];
    let appended = 0;
    for (const [intent, actor] of intents) {
      const decision = decide(intent, { ...repository.state, metrics: {} }, NOW, actor, demo);
      if (!decision.allowed) throw new Error(decision.message);
      const before = existsSync(path.join(dir, LOG_FILE)) ? logEvents(dir).length : 0;
      const head = await repository.append(decision.events);
      appended += decision.events.length;
      // Durable in the log when append resolves, one entry per event, and the head moved past them.
      expect(logEvents(dir).length - before).toBe(decision.events.length);
      expect(head.seq).toBeGreaterThanOrEqual(decision.events.length);
    }
    const replayed = replay(dir);
    expect(replayed.events).toHaveLength(appended);
    expect(replayed.state).toEqual(repository.state);
    await repository.close();
    const reopened = await openReleaseRepository(dir, simulatedClock(NOW));
    expect(reopened.findings).toEqual([]);
    expect(reopened.state).toEqual(repository.state);
    expect(repository.state.releases[R]!.steps['sdc-baseline@S01']).toMatchObject({ status: 'running', by: 'alice' });
    expect(repository.state.operator).toEqual(bob);
    await reopened.close();
  });

  it('reads data saved before the world moved out of the releases into the world, once', async () => {
    const legacy = ConsoleStateFile.parse({ releases: { [R]: { maintenance: { S01: true }, deployed: { S01: { 'rt-media-gateway': '4.13.0' } } }, '2026-03-emergency-sip': { deployed: { S01: { 'sip-proxy': '9.1.1' } } } } });
    const lifted = initialState(legacy);
    expect(lifted.world).toEqual({ maintenance: { S01: true }, deployed: { S01: { 'rt-media-gateway': '4.13.0', 'sip-proxy': '9.1.1' } } });
    expect(lifted.releases[R]!.maintenance).toBeUndefined();
    expect(initialState(lifted)).toEqual(lifted);
  });
});
