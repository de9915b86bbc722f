import { z } from 'zod';
import { firstControlOrHidden } from '../../terminal/neutralise';
import { MAX_ROLE_CHARS } from '../../api/bounds';

/** The screens a window can open on; a role names the one it does its first work on. */
export const ROLE_SCREENS = ['regions', 'checklist', 'board', 'qa', 'evidence'] as const;

/**
 * A role in the workspace's own words, declared once in workspace.yaml (seed 002's "Governance Sentinel",
 * seed 004's "engineer"). Every step owner, approver, override or freeze-exception approver, rollback role
 * and identity mapping names one of these; the engine compares names ignoring case, so the runbook's
 * "release manager" is the declared "Release Manager".
 */
export const RoleDeclaration = z.strictObject({
  name: z
    .string({ error: 'a role name as people say it, such as "Governance Sentinel"' })
    .trim()
    .min(1)
    // The API bounds a persona's role the same way: a declared role must be one a window can choose.
    .max(MAX_ROLE_CHARS)
    .refine((name) => firstControlOrHidden(name) === null, { message: 'must not contain control or invisible characters (such as U+202E)' }),
  /** What the role does in this workspace, shown beside it in the role picker. */
  description: z.string().optional(),
  /**
   * Roles whose steps this role may also do (seed 000: the on-call PE is a PE on rotation, and runs PE steps
   * in an emergency). Approvals still ask for a role by its name: a sign-off is the named role's.
   */
  actsAs: z.array(z.string().trim().min(1)).default([]),
  /** The screen a window in this role opens on (seed 000: QA on its checklist, the release manager on the board). */
  opens: z.enum(ROLE_SCREENS, { error: `one of the screens ${ROLE_SCREENS.join(', ')}` }).optional(),
});
export type RoleDeclaration = z.infer<typeof RoleDeclaration>;
