// Issue 16: operator names and roles are recorded with every action, so a hidden character (U+202E, U+0085)
// in one is refused at the contract, before a handler or the audit log sees it.
import { describe, expect, it } from 'vitest';
import { calls } from '../../../shared/api';

const setOperator = calls.setOperator.request;

describe('setOperator', () => {
  it.each([
    ['Ada\u202eecalevoL', 'name'],
    ['Ada\u0085Lovelace', 'name'],
    ['Ada\u200bLovelace', 'name'],
    ['Ada\u2066Lovelace\u2069', 'name'],
    ['Ada\x1b[31mLovelace', 'name'],
  ])('refuses the name %j', (name, field) => {
    const parsed = setOperator.safeParse({ name, role: 'PE' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: [field], message: expect.stringMatching(/control or invisible characters/) });
  });

  it.each([['on-call\u202ePE'], ['QA\u0085']])('refuses the role %j', (role) => {
    const parsed = setOperator.safeParse({ name: 'Ada Lovelace', role });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['role'] });
  });

  it.each([['Ada Lovelace'], ['Zoë Ó Briain'], ['山田 太郎'], ['Ana-María']])('accepts %j', (name) => {
    expect(setOperator.safeParse({ name, role: 'on-call PE' }).success).toBe(true);
  });
});

describe('overrideStep approvers', () => {
  const overrideStep = calls.overrideStep.request;
  const ref = { releaseId: '2026-03-product-rollout', stepId: 'euw2-deploy', regionId: 'EUW2', reason: 'Customer-impacting fix, agreed on the bridge' };

  it.each([['Bob\u202eyraM'], ['Bob\u0085'], ['B\ufeffob']])('refuses an approver named %j', (name) => {
    const parsed = overrideStep.safeParse({ ...ref, approvers: [{ name, role: 'on-call PE' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['approvers', 0, 'name'] });
  });

  it('accepts named approvers', () => {
    expect(overrideStep.safeParse({ ...ref, approvers: [{ name: 'Mary Bob', role: 'on-call PE' }] }).success).toBe(true);
  });
});
