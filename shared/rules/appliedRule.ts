import type { ApproverRequirement } from '../workspace/workspace';
import type { RuleVerdict } from './verdict';

/** One rule as it applies to one step in one region: a verdict at an instant and the words for a block. */
export interface AppliedRule {
  id: string;
  verdict(now: number): RuleVerdict;
  reason(now: number, verdict: RuleVerdict): string;
  /** Who may override a block by this rule at that instant; null when nobody may (freezes, maintenance mode). */
  override(now: number): readonly ApproverRequirement[] | null;
}

export interface Block {
  rule: string;
  reason: string;
  opensAt: number | null;
  override: readonly ApproverRequirement[] | null;
}

export type Evaluation =
  | { allowed: true; closesAt: number | null }
  | {
      allowed: false;
      /** Every reason, each a sentence naming the rule, the zone and the local time. */
      reasons: string[];
      /** When every block lifts today; null when it will not open today (the reasons say so). */
      opensAt: number | null;
      /** A block depends on the release's state (maintenance mode), not the clock: it lifts when someone acts. */
      waitsForState: boolean;
      closesAt: null;
      blocks: Block[];
      /** The approvers who may override every block together; null when some block cannot be overridden. */
      override: ApproverRequirement[] | null;
    };

/** Merges approver requirements: the strictest count per role. */
export function mergeApprovers(lists: ReadonlyArray<readonly ApproverRequirement[]>): ApproverRequirement[] {
  const byRole = new Map<string, number>();
  for (const list of lists) for (const { role, count } of list) byRole.set(role, Math.max(byRole.get(role) ?? 0, count));
  return [...byRole].map(([role, count]) => ({ role, count }));
}

/** How many times to chase "opens at" when one rule opens as another closes. */
const OPENS_AT_ROUNDS = 6;

export function evaluateRules(rules: readonly AppliedRule[], now: number, stateBlocks: readonly Block[] = []): Evaluation {
  const blocks: Block[] = [...stateBlocks];
  let closesAt: number | null = null;
  const verdicts = rules.map((rule) => rule.verdict(now));
  rules.forEach((rule, i) => {
    const verdict = verdicts[i] as RuleVerdict;
    if (verdict.allowed) {
      if (verdict.closesAt !== null) closesAt = closesAt === null ? verdict.closesAt : Math.min(closesAt, verdict.closesAt);
    } else {
      blocks.push({ rule: rule.id, reason: rule.reason(now, verdict), opensAt: verdict.opensAt, override: rule.override(now) });
    }
  });
  if (blocks.length === 0) return { allowed: true, closesAt };

  let opensAt: number | null = null;
  if (stateBlocks.length === 0 && blocks.every((b) => b.opensAt !== null)) {
    let candidate = Math.max(...blocks.map((b) => b.opensAt as number));
    for (let round = 0; round < OPENS_AT_ROUNDS; round++) {
      const later = rules.map((rule) => rule.verdict(candidate));
      if (later.every((v) => v.allowed)) {
        opensAt = candidate;
        break;
      }
      const stillBlocked = later.filter((v) => !v.allowed);
      if (stillBlocked.some((v) => v.opensAt === null)) break;
      candidate = Math.max(...stillBlocked.map((v) => v.opensAt as number));
    }
  }
  const override = blocks.every((b) => b.override !== null) ? mergeApprovers(blocks.map((b) => b.override ?? [])) : null;
  return { allowed: false, reasons: blocks.map((b) => b.reason), opensAt, waitsForState: stateBlocks.length > 0, closesAt: null, blocks, override };
}
