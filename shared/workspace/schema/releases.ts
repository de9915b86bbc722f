import { z } from 'zod';
import { ApproverRequirement, Id, IsoDate } from './common';
import { PackageName } from './packages';

/** Seed 000's handover statuses, in the words the team uses. */
export const HANDOVER_STATUSES = [
  'Draft',
  'HO Peer Review',
  'Ready for P.E Review',
  'Failed P.E Review',
  'Released to Stage',
  'Ready for Production',
  'Rollout Complete',
  'Stage Rollback Required',
  'Failed Stage Rollout',
  'Production Rollback Required',
  'Failed Production Rollout',
] as const;
export const HandoverStatus = z.enum(HANDOVER_STATUSES);
export type HandoverStatus = z.infer<typeof HandoverStatus>;

export const HandoverPackage = z.strictObject({
  name: PackageName,
  currentVersion: z.string().optional(),
  newVersion: z.string().optional(),
  diffUrl: z.string().optional(),
  isNew: z.boolean().default(false),
  /** What rmht verify-handover finds on QA; a package not on its new version there is "red". */
  qaVersion: z.string().optional(),
  /** Seed 002's DEPLOY_COMMIT: the commit the new version was built from, for the deployment log; left out where unknown. */
  commit: z.string().regex(/^[0-9a-f]{7,40}$/, 'a git commit hash in lower-case hex (7 to 40 characters)').optional(),
  /** Seed 001/002: the image the new version ships as, "container=registry/name:tag" (kubectl set image). */
  image: z.string().min(1).optional(),
});
export type HandoverPackage = z.infer<typeof HandoverPackage>;

export const Handover = z.strictObject({
  id: z.string().regex(/^HO-[0-9]+$/, 'a handover id such as HO-1234'),
  title: z.string().min(1),
  status: HandoverStatus,
  author: z.string().optional(),
  /** Issue 19: when the handover was raised (an ISO instant); its lead time runs from here to production complete. */
  createdAt: z.iso.datetime({ offset: true, error: 'an ISO 8601 instant such as 2026-03-02T09:30:00Z' }).optional(),
  packages: z.array(HandoverPackage).min(1, 'at least one package'),
  tickets: z.array(z.string()).default([]),
  instructions: z
    .strictObject({
      pre: z.array(z.string()).default([]),
      post: z.array(z.string()).default([]),
      sql: z.array(z.string()).default([]),
    })
    .default({ pre: [], post: [], sql: [] }),
  /** Seed 000: required for new packages, step by step. */
  rollback: z.array(z.string()).default([]),
  /**
   * Issue 19: the handover whose incident this one fixes forward (seed 002's fast-track hotfix). Once it
   * runs in every region of the breach and the metrics recover, the fix forward has landed.
   */
  fixes: z.string().regex(/^HO-[0-9]+$/, 'a handover id such as HO-1234').optional(),
});
export type Handover = z.infer<typeof Handover>;

export const DeploymentWindowRef = z.strictObject({
  window: Id,
  /** Seed 001: the Extended window needs manager approval; Emergency needs VP approval. */
  approvers: z.array(ApproverRequirement).optional(),
});
export type DeploymentWindowRef = z.infer<typeof DeploymentWindowRef>;

export const ReleaseType = z.strictObject({
  id: Id,
  title: z.string().min(1),
  cadence: z.string().optional(),
  processOwner: z.string().optional(),
  /** Omitted: this release type has no deployment windows of its own. */
  deploymentWindows: z.array(DeploymentWindowRef).optional(),
  /** Seed 001/002/003: who may override a blocked step of this release type (emergencies, with named approvers). */
  override: z.strictObject({ approvers: z.array(ApproverRequirement).min(1) }).optional(),
  approvals: z.array(ApproverRequirement).default([]),
  monitoringMinutes: z.number().int().min(0).optional(),
  note: z.string().optional(),
});
export type ReleaseType = z.infer<typeof ReleaseType>;

export const Release = z.strictObject({
  id: Id,
  title: z.string().min(1),
  type: Id,
  runbook: Id,
  /** The Monday of the sprint's first week; gate deadlines count weeks from here. */
  cycleStart: IsoDate,
  handovers: z.array(Handover).default([]),
});
export type Release = z.infer<typeof Release>;

/**
 * Who may move a handover to one status, as the runbook gives it (seed 000 gate 2: "QA moves HO to "HO Peer
 * Review" status"). `source` is the runbook's own line, which a refusal quotes.
 */
export const HandoverMove = z.strictObject({
  to: HandoverStatus,
  by: z.array(z.string().trim().min(1)).min(1, 'at least one role'),
  source: z.string({ error: 'the runbook line that gives this move, such as \'seed 000 gate 2: "QA moves HO to …"\'' }).trim().min(1),
});
export type HandoverMove = z.infer<typeof HandoverMove>;

export const ReleasesFile = z.strictObject({
  releaseTypes: z.array(ReleaseType).min(1, 'at least one release type'),
  releases: z.array(Release).default([]),
  /**
   * Who may move a handover to each status. A status no entry names is anyone's, and so is every status of a
   * workspace that declares none: the console then checks only that a move is legal, as it always did.
   */
  handoverMoves: z.array(HandoverMove).default([]),
});
