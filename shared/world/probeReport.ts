import { z } from 'zod';

/**
 * What a region's probes print on stdout, one JSON document each (see the demo tools' `--json`).
 * Extra fields are ignored, so a team's own tool may say more; the fields below must be there.
 */
export const MaintenanceProbeReport = z.object({
  region: z.string().min(1),
  /** Seed 000: maintenance mode on means the region's traffic is served by its sibling. */
  maintenanceMode: z.boolean(),
  redirectedTo: z.string().min(1).nullable().optional(),
});
export type MaintenanceProbeReport = z.infer<typeof MaintenanceProbeReport>;

export const VersionsProbeReport = z.object({
  /** One row per region × package; a probe may report every region (`rmht check-versions PKG`) or one. */
  versions: z.array(
    z.object({
      region: z.string().min(1),
      package: z.string().min(1),
      /** null: the package does not run in the region. */
      version: z.string().min(1).nullable(),
    }),
  ),
});
export type VersionsProbeReport = z.infer<typeof VersionsProbeReport>;

/** What the tools say one region is. A null part means the region has no probe for it. */
export type ObservedWorld = {
  regionId: string;
  maintenanceMode: boolean | null;
  /** Package → version running there (null: not running); only the rows for this region. */
  versions: Record<string, string | null> | null;
};

export type ProbeKind = 'maintenance' | 'versions';

export type ParsedProbe<T> = { ok: true; report: T } | { ok: false; error: string };

/** Parses one probe's stdout; the error says what is wrong in words a PE can act on. */
export function parseProbeOutput<K extends ProbeKind>(kind: K, stdout: string): ParsedProbe<K extends 'maintenance' ? MaintenanceProbeReport : VersionsProbeReport> {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (error) {
    const firstLine = stdout.trim().split('\n')[0] ?? '';
    return { ok: false, error: `its output is not JSON (${error instanceof Error ? error.message : String(error)}); it began "${firstLine.slice(0, 80)}"` };
  }
  const schema = kind === 'maintenance' ? MaintenanceProbeReport : VersionsProbeReport;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.map(String).join('.') : 'the document';
    return { ok: false, error: `its JSON does not match the ${kind} report: ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, report: parsed.data as K extends 'maintenance' ? MaintenanceProbeReport : VersionsProbeReport };
}

/**
 * One region's observation from its probes' reports. A maintenance report about another region is an
 * error, not a fact: the probe was filled for this region and answered for a different one.
 */
export function observedWorld(
  regionId: string,
  maintenance: MaintenanceProbeReport | null,
  versions: VersionsProbeReport | null,
): { ok: true; observed: ObservedWorld } | { ok: false; error: string } {
  if (maintenance && maintenance.region !== regionId) {
    return { ok: false, error: `the maintenance probe for ${regionId} reported region ${maintenance.region}` };
  }
  // fromEntries, not assignment: a package named "__proto__" stays a package.
  const byPackage = versions ? Object.fromEntries(versions.versions.filter((row) => row.region === regionId).map((row) => [row.package, row.version])) : null;
  return { ok: true, observed: { regionId, maintenanceMode: maintenance ? maintenance.maintenanceMode : null, versions: byPackage } };
}
