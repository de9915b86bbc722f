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
      /** The first instant every rule allows, today or later (within the rules' horizon); null when none is found or a block waits for state. */
      nextOpensAt: number | null;
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

/**
 * How many times to chase the next opening when one rule opens as another is still closed; each round
 * moves to a later rule opening, so a step behind a freeze and a weekly window settles in a few.
 */
const NEXT_OPENING_ROUNDS = 32;

const earliestOpening = (verdict: RuleVerdict): number | null => verdict.opensAt ?? verdict.nextOpensAt;

/**
 * The first instant at which every rule allows (not one rule at a time: a freeze that ends on Sunday
 * does not open a Mon–Thu window). Null when some rule does not open within its horizon.
 */
function firstOpeningOfAll(rules: readonly AppliedRule[], verdicts: readonly RuleVerdict[]): number | null {
  let blocked = verdicts.filter((v) => !v.allowed);
  for (let round = 0; round < NEXT_OPENING_ROUNDS; round++) {
    const openings = blocked.map(earliestOpening);
    if (openings.includes(null)) return null;
    const candidate = Math.max(...(openings as number[]));
    blocked = rules.map((rule) => rule.verdict(candidate)).filter((v) => !v.allowed);
    if (blocked.length === 0) return candidate;
  }
  return null;
}

export function evaluateRules(rules: readonly AppliedRule[], now: number, stateBlocks: readonly Block[] = []): Evaluation {
  let closesAt: number | null = null;
  const verdicts = rules.map((rule) => rule.verdict(now));
  const ruleBlocked = verdicts.some((v) => !v.allowed);
  if (!ruleBlocked && stateBlocks.length === 0) {
    for (const verdict of verdicts) {
      if (verdict.closesAt !== null) closesAt = closesAt === null ? verdict.closesAt : Math.min(closesAt, verdict.closesAt);
    }
    return { allowed: true, closesAt };
  }

  // A block waiting for state (maintenance mode) lifts when someone acts, not at any instant the clock gives.
  const nextOpensAt = stateBlocks.length === 0 && ruleBlocked ? firstOpeningOfAll(rules, verdicts) : null;
  const blocks: Block[] = [...stateBlocks];
  rules.forEach((rule, i) => {
    const verdict = verdicts[i] as RuleVerdict;
    if (verdict.allowed) return;
    // Each sentence names the step's next opening, the one every rule allows, not this rule's own.
    const told: RuleVerdict = { ...verdict, nextOpensAt: verdict.opensAt === null ? nextOpensAt : verdict.nextOpensAt };
    blocks.push({ rule: rule.id, reason: rule.reason(now, told), opensAt: verdict.opensAt, override: rule.override(now) });
  });

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
  return { allowed: false, reasons: blocks.map((b) => b.reason), opensAt, nextOpensAt, waitsForState: stateBlocks.length > 0, closesAt: null, blocks, override };
}
