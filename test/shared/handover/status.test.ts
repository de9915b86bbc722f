import { beforeAll, describe, expect, test } from 'vitest';
import { transition } from '../../../shared/handover/status';
import type { HandoverState } from '../../../shared/handover/status';
import { reviewHandover } from '../../../shared/handover/peReview';
import type { HandoverStatus, Workspace } from '../../../shared/workspace/workspace';
import { loadTemplate } from '../loadTemplate';

function walk(path: HandoverStatus[]): HandoverState {
  let ho: HandoverState = { id: 'HO-1234', status: path[0] as HandoverStatus };
  for (const to of path.slice(1)) {
    const result = transition(ho, to);
    if (!result.ok) throw new Error(result.error);
    ho = result.handover;
  }
  return ho;
}

describe("seed 000's handover statuses", () => {
  test.each([
    [['Draft', 'HO Peer Review', 'Ready for P.E Review', 'Released to Stage', 'Ready for Production', 'Rollout Complete']],
    [['Ready for P.E Review', 'Failed P.E Review', 'HO Peer Review']],
    [['Released to Stage', 'Stage Rollback Required', 'Failed Stage Rollout', 'HO Peer Review']],
    [['Ready for P.E Review', 'Stage Rollback Required', 'Failed Stage Rollout']],
    [['Ready for Production', 'Production Rollback Required', 'Stage Rollback Required', 'Failed Production Rollout', 'HO Peer Review']],
    [['Rollout Complete', 'Production Rollback Required', 'Stage Rollback Required', 'Failed Production Rollout']],
  ] as HandoverStatus[][][])('allows the path %j', (path) => {
    expect(walk(path).status).toBe(path[path.length - 1]);
  });

  test.each([
    [['HO Peer Review'], 'Released to Stage', /HO-1234 cannot move from "HO Peer Review" to "Released to Stage"; it can move to "Ready for P.E Review"\./],
    [['Rollout Complete'], 'Stage Rollback Required', /it can move to "Production Rollback Required"/],
    [['Released to Stage', 'Stage Rollback Required'], 'Failed Production Rollout', /only after "Production Rollback Required"/],
    [['Ready for Production', 'Production Rollback Required', 'Stage Rollback Required'], 'Failed Stage Rollout', /it can move to "Failed Production Rollout"/],
    [['Ready for Production', 'Production Rollback Required'], 'Failed Production Rollout', /it can move to "Stage Rollback Required"/],
  ] as Array<[HandoverStatus[], HandoverStatus, RegExp]>)('after %j refuses %s with a sentence', (path, to, error) => {
    expect(transition(walk(path), to)).toEqual({ ok: false, error: expect.stringMatching(error) });
  });
});

describe("seed 000's PE review", () => {
  let demo: Workspace;
  beforeAll(async () => {
    demo = await loadTemplate('demo');
  });

  test.each([
    ['HO-1234', []],
    ['HO-1240', []],
    [
      'HO-1242',
      [
        'HO-1242: voicemail-service has no new version.',
        'HO-1242: sentiment-worker 0.3.0 is not deployed to QA (it is not on QA); rmht verify-handover shows it red.',
        'HO-1242: sentiment-worker has no runbook.',
        'HO-1242: sentiment-worker is a new package and the HO has no rollback instructions.',
        'HO-1242: portal-web 12.5.0 is not deployed to QA (QA runs 12.4.0); rmht verify-handover shows it red.',
      ],
    ],
  ])('reviews %s with failures %j', (id, failures) => {
    const ho = demo.releases.flatMap((r) => r.handovers).find((h) => h.id === id);
    if (!ho) throw new Error(`no ${id}`);
    expect(reviewHandover(ho, demo)).toEqual({ passed: failures.length === 0, failures });
  });
});
