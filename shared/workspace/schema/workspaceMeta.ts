import { z } from 'zod';

export const WorkspaceMeta = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  source: z.string().optional(),
  /** The release the console opens first. */
  defaultRelease: z.string().optional(),
});
export type WorkspaceMeta = z.infer<typeof WorkspaceMeta>;
