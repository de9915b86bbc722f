import type { ApproverRequirement } from '../workspace/workspace';

/** A step runs once, or once per region: `${stepId}@${region}` or `${stepId}@*`. */
export type StepInstanceKey = string;

export function instanceKey(stepId: string, region: string | null): StepInstanceKey {
  return `${stepId}@${region ?? '*'}`;
}

/** An instance key back into its step and region (`*`: none), as `instanceKey` made it. */
export function instanceOf(key: StepInstanceKey): { stepId: string; region: string | null } {
  const at = key.lastIndexOf('@');
  const region = key.slice(at + 1);
  return { stepId: key.slice(0, at), region: region === '*' ? null : region };
}

export interface StepRecord {
  status: 'running' | 'done' | 'failed';
  /** Epoch ms of the last change. */
  at: number;
  by?: string | undefined;
  byArn?: string | undefined;
  note?: string | undefined;
}

export interface NamedApprover {
  name: string;
  role: string;
  /** The approver's STS ARN, when AWS said who they are (issue 15). */
  arn?: string | undefined;
}

/** Seed 001/002: overriding a blocked step needs a reason and named approvers; it is recorded, never silent. */
export interface OverrideRecord {
  stepId: string;
  region: string | null;
  reason: string;
  approvers: NamedApprover[];
  by: string;
  at: number;
  /** The approvers the rules asked for when it was granted. */
  required: ApproverRequirement[];
}

export interface ApprovalRecord extends NamedApprover {
  at: number;
}

/** What main holds for a release and pushes to the renderer; the engine derives every state from it. */
export interface ReleaseProgress {
  steps: Record<StepInstanceKey, StepRecord>;
  approvals: Record<StepInstanceKey, ApprovalRecord[]>;
  overrides: OverrideRecord[];
  /** Region id → whether maintenance mode is on. */
  maintenance: Record<string, boolean>;
  /** Region id → when its maintenance mode was last switched off (its sibling carried its traffic until then). Absent: never, as far as the log knows. */
  maintenanceOffAt?: Readonly<Record<string, number>>;
  /** The release's baselines (when each region's was taken): a deploy needs a fresh one. Absent: none taken. */
  baselines?: readonly { regionId: string; endMs: number }[];
  /** Step instance → the last `stepReopened` of it (a QA failure after its sign-off): it stands until the step is done again. */
  reopened?: Readonly<Record<StepInstanceKey, Reopen>>;
}

/** Who reopened a sign-off, when, and the record's reason (which item failed, with QA's note). */
export interface Reopen {
  by: { name: string; role: string };
  at: number;
  reason: string;
}

export function emptyProgress(): ReleaseProgress {
  return { steps: {}, approvals: {}, overrides: [], maintenance: {} };
}
