// Issue 14: the log is the truth. Through the repository over today's audit log and state file, every
// accepted intent's events reach the log before the state, and folding the log alone gives the state.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { decide } from '../../../shared/engine/decide';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { ReleaseEvent } from '../../../shared/engine/events';
import type { Intent } from '../../../shared/engine/intents';
import { ConsoleStateFile, emptyConsoleState, type ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { AuditLogRepository, eventOfAuditEntry } from '../../../main/release/repository';
import { AuditLog } from '../../../main/storage/audit-log';
import { StateStore } from '../../../main/storage/state-store';
import { loadTemplate } from '../../shared/loadTemplate';

const R = '2026-03-product-rollout';
const NOW = Date.parse('2026-03-19T10:55:00Z');
let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

async function open(dir: string) {
  const clock = simulatedClock(NOW);
  const audit = new AuditLog({ file: path.join(dir, 'audit.jsonl'), clock });
  const store = new StateStore({ file: path.join(dir, 'state.json'), schema: ConsoleStateFile, defaults: emptyConsoleState(), clock });
  await store.load();
  return { audit, repository: await AuditLogRepository.open(audit, store, initialState(store.state)) };
}

function replay(dir: string): { state: ConsoleState; events: ReleaseEvent[] } {
  const entries = readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Parameters<typeof eventOfAuditEntry>[0]);
  const events = entries.map(eventOfAuditEntry).filter((e) => e !== null);
  return { state: applyEvents(initialState(), events), events };
}

describe('the repository over the audit log', () => {
  it('appends each event to the log before folding it, and a replay of the log equals the state and its snapshot', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-repo-'));
    const { audit, repository } = await open(dir);
    const alice = { name: 'alice', role: 'PE' };
    const bob = { name: 'bob', role: 'PE' };
    const intents: Array<[Intent, typeof alice]> = [
      [{ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done', note: 'CR-8812' }, alice],
      [{ kind: 'approveStep', release: R, step: 'review-prod-cr', region: null }, bob],
      [{ kind: 'startStep', release: R, step: 'sdc-baseline', region: 'S01' }, alice],
      [{ kind: 'baselineCaptured', release: R, step: 'sdc-baseline', region: 'S01', baselines: [], missing: [{ regionId: 'S01', metricId: 'errorRate' }] }, alice],
      [{ kind: 'startStep', release: R, step: 'sdc-baseline', region: 'S01' }, alice],
      [{ kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'fail', note: 'regression in call transfer' }, { name: 'quinn', role: 'QA' }],
      [{ kind: 'transitionHandover', release: R, handover: 'HO-1240', to: 'Production Rollback Required' }, alice],
      [{ kind: 'setOperator', operator: bob }, alice],
    ];
    let appended = 0;
    for (const [intent, actor] of intents) {
      const decision = decide(intent, { ...repository.state, metrics: {} }, NOW, actor, demo);
      if (!decision.allowed) throw new Error(decision.message);
      const before = (await audit.read()).length;
      const head = await repository.append(decision.events);
      appended += decision.events.length;
      // Durable in the log when append resolves, one entry per event, and the head is the last of them.
      const after = await audit.read();
      expect(after.length - before).toBe(decision.events.length);
      expect(head).toEqual({ seq: after.at(-1)!.seq, hash: after.at(-1)!.hash });
    }
    const replayed = replay(dir);
    expect(replayed.events).toHaveLength(appended);
    expect(replayed.state).toEqual(repository.state);
    expect(ConsoleStateFile.parse(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')))).toEqual(repository.state);
    expect(repository.state.releases[R]!.steps['sdc-baseline@S01']).toMatchObject({ status: 'running', by: 'alice' });
    expect(repository.state.operator).toEqual(bob);
    await audit.close();
  });

  it('reads data saved before the world moved out of the releases into the world, once', async () => {
    const legacy = ConsoleStateFile.parse({ releases: { [R]: { maintenance: { S01: true }, deployed: { S01: { 'rt-media-gateway': '4.13.0' } } }, '2026-03-emergency-sip': { deployed: { S01: { 'sip-proxy': '9.1.1' } } } } });
    const lifted = initialState(legacy);
    expect(lifted.world).toEqual({ maintenance: { S01: true }, deployed: { S01: { 'rt-media-gateway': '4.13.0', 'sip-proxy': '9.1.1' } } });
    expect(lifted.releases[R]!.maintenance).toBeUndefined();
    expect(initialState(lifted)).toEqual(lifted);
  });
});
