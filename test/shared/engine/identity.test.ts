import { beforeAll, describe, expect, test } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { missingApprovers } from '../../../shared/engine/override';
import type { Actor, ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

const R = '2026-03-product-rollout';
const MORNING = at('2026-03-19T10:55:00Z');
const ACCOUNT = 'arn:aws:iam::123456789012:user';
/** Issue 15: the actor outside rehearsals is the desk's STS identity, and its display name is only a label. */
const priya: Actor = { name: 'priya', role: 'PE', arn: `${ACCOUNT}/pe-priya`, osUser: 'priya' };
const priyaRenamed: Actor = { ...priya, name: 'sam' };
const sam: Actor = { name: 'sam', role: 'PE', arn: `${ACCOUNT}/pe-sam`, osUser: 'sam' };
/** Another person who happens to share priya's display name: a different ARN. */
const otherPriya: Actor = { name: 'priya', role: 'PE', arn: 'arn:aws:iam::210987654321:user/pe-priya', osUser: 'priya' };

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

const writeCr: Intent = { kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' };
const reviewCr: Intent = { kind: 'approveStep', release: R, step: 'review-prod-cr', region: null };

function after(steps: Array<[Intent, Actor]>): ConsoleState {
  let state = initialState();
  for (const [intent, actor] of steps) {
    const decision = decide(intent, { ...state, metrics: {} }, MORNING, actor, demo);
    if (!decision.allowed) throw new Error(`${intent.kind} refused in setup: ${decision.message}`);
    state = applyEvents(state, decision.events);
  }
  return state;
}

describe('"not the writer" compares identities, not typed names', () => {
  test.each([
    ['the writer, renamed, is still the writer', [[writeCr, priya]], priyaRenamed, /sam did "PE writes Production CR instructions" and cannot also approve/],
    ['the writer cannot approve their own instructions', [[writeCr, priya]], priya, /priya did "PE writes Production CR instructions" and cannot also approve/],
    ['a second identity approves, whatever its name', [[writeCr, priya]], otherPriya, null],
    ['a second PE identity approves', [[writeCr, priya]], sam, null],
  ] as Array<[string, Array<[Intent, Actor]>, Actor, RegExp | null]>)('%s', (_name, setup, approver, refusal) => {
    const decision = decide(reviewCr, { ...after(setup), metrics: {} }, MORNING, approver, demo);
    if (refusal === null) {
      expect(decision).toMatchObject({ allowed: true, events: [{ type: 'approvalGiven', approver: { name: approver.name, arn: approver.arn } }] });
    } else {
      expect(decision).toMatchObject({ allowed: false, code: 'blocked', message: expect.stringMatching(refusal) });
    }
  });

  test('the step record keeps the writer\'s ARN beside the name', () => {
    expect(after([[writeCr, priya]]).releases[R]?.steps['write-prod-cr@*']).toMatchObject({ status: 'done', by: 'priya', byArn: priya.arn });
  });
});

describe('"2 × engineer" counts identities', () => {
  const twoEngineers = [{ role: 'engineer', count: 2 }];
  test.each([
    ['one ARN under two names is one engineer', [{ name: 'ann', role: 'engineer', arn: `${ACCOUNT}/ann` }, { name: 'ann2', role: 'engineer', arn: `${ACCOUNT}/ann` }], ['1 more engineer']],
    ['two ARNs are two engineers, even with one name', [{ name: 'ann', role: 'engineer', arn: `${ACCOUNT}/ann` }, { name: 'ann', role: 'engineer', arn: `${ACCOUNT}/ann-b` }], []],
    ['personas without ARNs are counted by name', [{ name: 'ann', role: 'engineer' }, { name: 'ANN', role: 'engineer' }], ['1 more engineer']],
  ])('%s', (_name, approvers, missing) => {
    expect(missingApprovers(twoEngineers, approvers)).toEqual(missing);
  });
});

describe('who sits at the desk', () => {
  test.each([
    ['outside a rehearsal or the demo, a name cannot be chosen', false, { allowed: false, code: 'conflict', message: expect.stringMatching(/priya \(arn:aws:iam::123456789012:user\/pe-priya\), as AWS and the OS say/) }],
    ['in a rehearsal, a simulated persona is chosen', true, { allowed: true, events: [{ type: 'operatorSet', to: { name: 'quinn', role: 'QA', persona: true } }] }],
  ])('%s', (_name, personas, expected) => {
    const intent: Intent = { kind: 'setOperator', operator: { name: 'quinn', role: 'QA', persona: true }, personas };
    expect(decide(intent, { ...initialState(), metrics: {} }, MORNING, priya, demo)).toMatchObject(expected);
  });
});
