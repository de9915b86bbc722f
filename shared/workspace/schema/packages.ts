import { z } from 'zod';
import { Id } from './common';

/** Seed 000's CAI table: deploy any time / Friday afternoon only / scheduled release with maintenance mode. */
export const PackagePolicy = z.strictObject({
  id: Id,
  title: z.string().min(1),
  /** Whether the region's own timing policy applies (seed 000: RT releases align with out-of-hours periods). */
  followsRegionTiming: z.boolean().default(false),
  /** Window ids from rules.yaml the package may only be deployed inside. */
  windows: z.array(Id).default([]),
  needsMaintenanceMode: z.boolean().default(false),
});
export type PackagePolicy = z.infer<typeof PackagePolicy>;

export const PackageName = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a package name in lower case (letters, digits, ".", "_", "-")');

export const PackageKind = z.enum(['RT', 'CAI', 'platform', 'app', 'infra', 'database', 'frontend', 'config']);

export const Package = z.strictObject({
  name: PackageName,
  title: z.string().optional(),
  kind: PackageKind,
  /** Seed 000: RT packages need maintenance mode (traffic moved to the sibling region). */
  needsMaintenanceMode: z.boolean(),
  policy: Id,
  /** Seed 000 PE review: every package needs a runbook. */
  runbook: z.string().optional(),
  /** Seed 001/002: the Kubernetes deployment it runs as ("deployment/api-server"), for {deployment}. */
  deployment: z.string().min(1).optional(),
  /** Seed 001: the canary deployment beside it ("deployment/api-server-canary"). */
  canaryDeployment: z.string().min(1).optional(),
  /** Seed 001/002: the container the image is set on ("api-server" in `api-server=registry/…`). */
  container: z.string().min(1).optional(),
});
export type Package = z.infer<typeof Package>;

export const PackagesFile = z.strictObject({
  policies: z.array(PackagePolicy).default([]),
  packages: z.array(Package).default([]),
});
