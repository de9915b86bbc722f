import { afterEach, describe, expect, it } from 'vitest';
import type { StepView } from '../../../shared/api';
import type { Host } from '../../../main/host/host';
import { call, openConsole, PRODUCTION } from './console-calls';

let host: Host | null = null;

async function open(at: string): Promise<Host> {
  ({ host } = await openConsole('release', { at }));
  return host;
}

afterEach(async () => {
  await host?.close();
  host = null;
});

describe('the release service', () => {
  it('refuses to start a blocked step when asked directly, not only through a disabled button', async () => {
    const h = await open('2026-03-19T10:55:00Z');
    const result = await call(h, 'startStep', { releaseId: PRODUCTION, stepId: 'eu-first-maintenance-on', regionId: 'EUW2' });
    expect(result).toMatchObject({ ok: false, error: { code: 'blocked' } });
    if (!result.ok) expect(result.error.message).toContain('Waits for "Capture baseline — first EU region');
  });

  it('will not let the author of the Production CR approve it as the second PE', async () => {
    const h = await open('2026-03-19T10:55:00Z');
    expect((await call(h, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' })).ok).toBe(true);
    const own = await call(h, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    expect(own).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('alice did "PE writes Production CR instructions" and cannot also approve') } });
    await call(h, 'setOperator', { name: 'bob', role: 'PE' });
    const second = await call<StepView>(h, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    expect(second.ok && second.value.state).toBe('done');
  });

  it('refuses an override of a production step: only emergencies may override, and maintenance mode never', async () => {
    const h = await open('2026-03-19T10:55:00Z');
    const refused = await call(h, 'overrideStep', { releaseId: PRODUCTION, stepId: 'eu-first-maintenance-on', regionId: 'EUW2', reason: 'customer escalation, need it now', approvers: [{ name: 'olu', role: 'on-call PE' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked' } });
  });

  it('records an emergency override with its reason and approvers, and marks the step as overridden', async () => {
    const h = await open('2026-03-13T15:00:00Z');
    const R = '2026-03-emergency-sip';
    await call(h, 'selectRelease', { releaseId: R });
    // Seed 000: the on-call PE owns the emergency's form and its #rm-netops post.
    await call(h, 'setOperator', { name: 'olu', role: 'on-call PE' });
    expect((await call(h, 'completeStep', { releaseId: R, stepId: 'emergency-form', regionId: null, outcome: 'done' })).ok).toBe(true);
    expect((await call(h, 'approveStep', { releaseId: R, stepId: 'consult-on-call', regionId: null })).ok).toBe(true);
    expect((await call(h, 'completeStep', { releaseId: R, stepId: 'raise-rm-netops', regionId: null, outcome: 'done' })).ok).toBe(true);
    await call(h, 'setOperator', { name: 'alice', role: 'PE' });
    expect((await call(h, 'startStep', { releaseId: R, stepId: 'emergency-baseline', regionId: 'EUW2' })).ok).toBe(true);
    const ref = { releaseId: R, stepId: 'emergency-maintenance-on', regionId: 'EUW2' };
    // 15:00 London: EUW2's RT window opens at 18:00, which an emergency may override with the on-call PE's approval.
    const started = await call(h, 'startStep', ref);
    expect(started).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('18:00') } });
    const missing = await call(h, 'overrideStep', { ...ref, reason: 'SIP proxy crash loop in production', approvers: [{ name: 'dana', role: 'QA' }] });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs approval from') } });
    const granted = await call<StepView>(h, 'overrideStep', { ...ref, reason: 'SIP proxy crash loop in production', approvers: [{ name: 'olu', role: 'on-call PE' }] });
    expect(granted.ok && granted.value).toMatchObject({ state: 'ready', override: { reason: 'SIP proxy crash loop in production', approvers: [{ name: 'olu', role: 'on-call PE' }] } });
  });

  // Before, a second override of a step already overridden (a double click, another window) was granted too,
  // with the same approvals: the step then showed the later request's reason as the one its approvers had agreed to.
  it('grants an override once: a second request for a step already overridden is refused, naming the first', async () => {
    const h = await open('2026-03-13T15:00:00Z');
    const R = '2026-03-emergency-sip';
    await call(h, 'selectRelease', { releaseId: R });
    await call(h, 'setOperator', { name: 'olu', role: 'on-call PE' });
    await call(h, 'completeStep', { releaseId: R, stepId: 'emergency-form', regionId: null, outcome: 'done' });
    await call(h, 'approveStep', { releaseId: R, stepId: 'consult-on-call', regionId: null });
    await call(h, 'completeStep', { releaseId: R, stepId: 'raise-rm-netops', regionId: null, outcome: 'done' });
    await call(h, 'setOperator', { name: 'alice', role: 'PE' });
    await call(h, 'startStep', { releaseId: R, stepId: 'emergency-baseline', regionId: 'EUW2' });
    const ref = { releaseId: R, stepId: 'emergency-maintenance-on', regionId: 'EUW2' };
    const approvers = [{ name: 'olu', role: 'on-call PE' }];
    expect((await call(h, 'overrideStep', { ...ref, reason: 'SIP proxy crash loop in production', approvers })).ok).toBe(true);
    await call(h, 'setOperator', { name: 'bob', role: 'PE' });
    const again = await call<StepView>(h, 'overrideStep', { ...ref, reason: 'routine maintenance, nothing urgent', approvers });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: '"Enable maintenance mode — each region" in EUW2 is already overridden by alice at 15:00 UTC: "SIP proxy crash loop in production".' } });
    const view = await call<{ gates: { steps: StepView[] }[] }>(h, 'getReleaseView', {});
    const step = view.ok ? view.value.gates.flatMap((g) => g.steps).find((s) => s.key === 'emergency-maintenance-on@EUW2') : undefined;
    expect(step?.override).toMatchObject({ reason: 'SIP proxy crash loop in production' });
  });

  it('starts a command step once even when asked twice at the same moment', async () => {
    const h = await open('2026-03-19T10:55:00Z');
    await call(h, 'completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call(h, 'setOperator', { name: 'bob', role: 'PE' });
    await call(h, 'approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    await call(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    const ref = { releaseId: PRODUCTION, stepId: 'sdc-maintenance-on', regionId: 'S01' };
    const [a, b] = await Promise.all([call(h, 'startStep', ref), call(h, 'startStep', ref)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = a.ok ? b : a;
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
