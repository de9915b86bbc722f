import { beforeAll, describe, expect, test } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { missingApprovers } from '../../../shared/engine/override';
import type { Actor, ConsoleState } from '../../../shared/engine/state';
import type { Decision } from '../../../shared/engine/decision';
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

describe('an override\'s approvers approve on their own desk', () => {
  const E = '2026-03-emergency-sip';
  const AFTERNOON = at('2026-03-13T15:00:00Z');
  const olu: Actor = { name: 'olu', role: 'on-call PE', arn: `${ACCOUNT}/oncall-olu`, osUser: 'olu' };
  const qa: Actor = { name: 'dana', role: 'QA', arn: `${ACCOUNT}/qa-dana`, osUser: 'dana' };
  const where = { release: E, step: 'emergency-maintenance-on', region: 'EUW2' };
  const approve: Intent = { kind: 'approveOverride', ...where };
  const override = (approvers: Array<{ name: string; role: string }> = []): Intent => ({ kind: 'overrideStep', ...where, reason: 'SIP proxy crash loop in production', approvers, personas: false });

  /** 15:00 London: EUW2's RT window opens at 18:00, which an emergency may override with the on-call PE's approval. */
  function blockedUntilEvening(): ConsoleState {
    let state = initialState();
    const steps: Array<[Intent, Actor]> = [
      // Seed 000: the emergency's process owner is the on-call PE, who fills out its form and raises the RM-NETOPS.
      [{ kind: 'completeStep', release: E, step: 'emergency-form', region: null, outcome: 'done' }, olu],
      [{ kind: 'approveStep', release: E, step: 'consult-on-call', region: null }, olu],
      [{ kind: 'completeStep', release: E, step: 'raise-rm-netops', region: null, outcome: 'done' }, olu],
    ];
    for (const [intent, actor] of steps) state = applied(state, decide(intent, { ...state, metrics: {} }, AFTERNOON, actor, demo));
    return applyEvents(state, [{ type: 'stepFinished', actor: priya, at: AFTERNOON, release: E, step: 'emergency-baseline', region: 'EUW2', outcome: 'done', cause: 'baseline', note: null, exitCode: null }]);
  }
  function applied(state: ConsoleState, decision: Decision): ConsoleState {
    if (!decision.allowed) throw new Error(`refused in setup: ${decision.message}`);
    return applyEvents(state, decision.events);
  }
  const ask = (intent: Intent, state: ConsoleState, actor: Actor) => decide(intent, { ...state, metrics: {} }, AFTERNOON, actor, demo);

  test('the on-call PE approves on their desk, and the override then counts that identity, not a typed name', () => {
    const blocked = blockedUntilEvening();
    expect(ask(override(), blocked, priya)).toMatchObject({ allowed: false, code: 'blocked', message: expect.stringContaining('needs approval from 1 more on-call PE') });
    expect(ask(override([{ name: 'olu', role: 'on-call PE' }]), blocked, priya)).toMatchObject({ allowed: false, code: 'invalid_request', message: expect.stringContaining('approve it on their own desk') });

    const approved = ask(approve, blocked, olu);
    expect(approved).toMatchObject({ allowed: true, events: [{ type: 'overrideApproved', actor: { arn: olu.arn }, approver: { name: 'olu', arn: olu.arn } }] });
    const granted = ask(override(), applied(blocked, approved), priya);
    expect(granted).toMatchObject({ allowed: true, events: [{ type: 'overrideGranted', override: { by: 'priya', approvers: [{ name: 'olu', role: 'on-call PE', arn: olu.arn }] } }] });
  });

  test.each([
    ['QA cannot approve what the on-call PE must', () => blockedUntilEvening(), qa, /approved by on-call PE, not QA/],
    ['one identity approves once, whatever it is called', () => applied(blockedUntilEvening(), ask(approve, blockedUntilEvening(), olu)), { ...olu, name: 'someone else' }, /someone else has already approved overriding/],
  ] as Array<[string, () => ConsoleState, Actor, RegExp]>)('%s', (_name, state, approver, message) => {
    expect(ask(approve, state(), approver)).toMatchObject({ allowed: false, message: expect.stringMatching(message) });
  });

  test('once EUW2\'s window is open there is no override to approve', () => {
    const evening = at('2026-03-13T18:30:00Z');
    expect(decide(approve, { ...blockedUntilEvening(), metrics: {} }, evening, olu, demo)).toMatchObject({ allowed: false, message: expect.stringContaining('is not blocked; there is no override to approve') });
  });
});
