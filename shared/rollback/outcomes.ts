import type { RollbackOutcome } from '../api/rollback';
import type { RollbackRecord, RollbackStepRecord } from './record';

const CHANGES = new Set<RollbackStepRecord['kind']>(['rollback', 'remove']);

export function whyNot(step: RollbackStepRecord, run: RollbackRecord): string {
  // A person's Stop is not a failure: its step's words already say who stopped it ("stopped by oscar (on-call PE): …").
  if (step.state === 'failed' && run.stopping?.stepId === step.id && step.detail) return `${step.detail}${step.exitCode !== null ? ` (exit ${step.exitCode})` : ''}`;
  if (step.state === 'failed') return `failed${step.exitCode !== null ? ` (exit ${step.exitCode})` : ''}${step.detail ? `: ${step.detail}` : ''}`;
  if (step.state === 'skipped') return `skipped: ${step.detail ?? 'no reason given'}`;
  if (step.state === 'running') return 'running now';
  return run.status === 'aborted' ? 'not run: the rollback was aborted' : run.status === 'failed' ? 'not run: the rollback stopped before it' : 'not run yet';
}

/** Every package in every region, as rolled back or not, with why not: what the screen and the audit log say. */
export function rollbackOutcomes(run: RollbackRecord): { rolledBack: RollbackOutcome[]; notRolledBack: RollbackOutcome[] } {
  const rolledBack: RollbackOutcome[] = [];
  const notRolledBack: RollbackOutcome[] = [];
  for (const step of run.steps) {
    if (!CHANGES.has(step.kind) || step.package === null) continue;
    const outcome = { regionId: step.regionId, package: step.package, from: step.fromVersion ?? '?', to: step.toVersion };
    if (step.state === 'done') rolledBack.push({ ...outcome, why: null });
    else notRolledBack.push({ ...outcome, why: whyNot(step, run) });
  }
  return { rolledBack, notRolledBack };
}

export function outcomeLine(o: RollbackOutcome): string {
  return `${o.regionId} ${o.package} ${o.from} → ${o.to ?? '(removed)'}${o.why ? ` — ${o.why}` : ''}`;
}

