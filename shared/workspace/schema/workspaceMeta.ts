import { z } from 'zod';
import { SharedStore } from '../../team/sharedStore';
import { RoleDeclaration } from './roles';
import { Announcements } from '../../announce/channels';
import { DeliveryGoals } from './delivery';

export const WorkspaceMeta = z.strictObject({
  /** Names the workspace's own data folder, so moving the folder keeps its records (shared/workspace/dataKey.ts). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes, like rt-platform').optional(),
  name: z.string().min(1),
  /** The workspace's own documentation, linked from Help; its host must be in externalLinks to open. */
  docs: z.url({ protocol: /^https?$/ }).optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  /** The release the console opens first. */
  defaultRelease: z.string().optional(),
  /** The workspace's roles, declared once; the first is who a desk without a team store acts as. */
  roles: z.array(RoleDeclaration).default([]),
  /**
   * Hosts whose http(s) links the desktop app may open in the browser (a ticket link printed in a
   * terminal, say). Any other link stays unopened.
   */
  externalLinks: z
    .array(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'must be a bare host name in lower case, like jira.example.com (no scheme, port or path)'))
    .optional(),
  /** A team's shared release log (DynamoDB). Without one, the console works alone. */
  sharedStore: SharedStore.optional(),
  /** Issue 19: where announcements are posted (Slack channels, each naming where its webhook URL is kept) and how tickets link. */
  announcements: Announcements.optional(),
  /** Issue 19: seed 001's delivery metrics table, each metric's Target and Threshold (schema/delivery.ts). */
  delivery: DeliveryGoals.optional(),
});
export type WorkspaceMeta = z.infer<typeof WorkspaceMeta>;
