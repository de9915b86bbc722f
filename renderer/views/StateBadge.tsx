import type { StepState } from '../../shared/api';

const LABEL: Record<StepState, string> = { done: 'Done', ready: 'Ready', blocked: 'Blocked', running: 'Running', failed: 'Failed' };

export function StateBadge({ state }: { state: StepState }) {
  return <span className={`badge badge-${state}`}>{LABEL[state]}</span>;
}
