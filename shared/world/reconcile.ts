import type { RegionReconcileView } from '../api/world';
import type { ObservedWorld } from './probeReport';

/**
 * What the console believes about one region: the maintenance mode its own steps left and, per package,
 * the version it expects to be running (null: it expects the package not to run there).
 */
export interface BelievedWorld {
  regionId: string;
  maintenanceMode: boolean;
  versions: Record<string, string | null>;
}

/**
 * What the console believes about a region, from the world it keeps once per workspace: the maintenance
 * mode its steps left and, per package of every release's handovers, the version it deployed there, else
 * the version the handover says runs before it (null for a new package).
 */
export function believedWorldOf(
  workspace: { releases: ReadonlyArray<{ handovers: ReadonlyArray<{ packages: ReadonlyArray<{ name: string; currentVersion?: string | undefined; isNew?: boolean | undefined }> }> }> },
  world: { maintenance: Record<string, boolean>; deployed: Record<string, Record<string, string>> },
  regionId: string,
): BelievedWorld {
  const versions: Record<string, string | null> = {};
  for (const release of workspace.releases) {
    for (const ho of release.handovers) {
      for (const pkg of ho.packages) {
        if (pkg.currentVersion !== undefined) versions[pkg.name] = pkg.currentVersion;
        else if (pkg.isNew) versions[pkg.name] = null;
      }
    }
  }
  for (const [pkg, version] of Object.entries(world.deployed[regionId] ?? {})) versions[pkg] = version;
  return { regionId, maintenanceMode: world.maintenance[regionId] === true, versions };
}

export type WorldDifference =
  | { kind: 'maintenance'; regionId: string; tools: boolean; console: boolean; sentence: string }
  /** `reported` false: the versions probe said nothing about the package in this region. */
  | { kind: 'version'; regionId: string; package: string; reported: boolean; tools: string | null; console: string | null; sentence: string };

/**
 * Where the tools and the console disagree about a region, each with the sentence a PE reads on the tile
 * and in the log. Packages the console has no belief about are not differences: the tools may know
 * packages no release of this workspace touches.
 */
export function worldDifferences(believed: BelievedWorld, observed: ObservedWorld): WorldDifference[] {
  const region = believed.regionId;
  const differences: WorldDifference[] = [];
  if (observed.maintenanceMode !== null && observed.maintenanceMode !== believed.maintenanceMode) {
    differences.push({
      kind: 'maintenance',
      regionId: region,
      tools: observed.maintenanceMode,
      console: believed.maintenanceMode,
      sentence: observed.maintenanceMode
        ? `tools say ${region} is in maintenance; the console did not put it there`
        : `tools say ${region} is serving its own traffic; the console believes it is in maintenance`,
    });
  }
  if (observed.versions !== null) {
    for (const [pkg, expected] of Object.entries(believed.versions).sort(([a], [b]) => a.localeCompare(b))) {
      const isReported = Object.hasOwn(observed.versions, pkg);
      const reported = isReported ? (observed.versions[pkg] ?? null) : null;
      if (isReported ? reported === expected : expected === null) continue;
      const sentence = !isReported
        ? `tools do not report ${pkg} in ${region}; the console expected ${expected}`
        : reported === null
            ? `tools say ${region} does not run ${pkg}; the console expected ${expected}`
            : expected === null
              ? `tools say ${region} runs ${pkg} ${reported}; the console expected it not to run there`
              : `tools say ${region} runs ${pkg} ${reported}; the console expected ${expected}`;
      differences.push({ kind: 'version', regionId: region, package: pkg, reported: isReported, tools: reported, console: expected, sentence });
    }
  }
  return differences;
}

/** Whether a region may be reconciled: only a known region, and only with the probes it declares. */
export function reconcilable<R extends { id: string; probes?: object }>(
  region: R | undefined,
  regionId: string,
): { ok: true; region: R } | { ok: false; code: 'not_found' | 'conflict'; message: string } {
  if (!region) return { ok: false, code: 'not_found', message: `There is no region ${regionId}.` };
  if (!region.probes) return { ok: false, code: 'conflict', message: `${regionId} is not reconciled: regions.yaml declares no probes for it.` };
  return { ok: true, region };
}

/** The last reconcile of a region: what the tools reported, or why its probes could not say. */
export type LastReconcile = { at: number; observed: ObservedWorld } | { at: number; error: string };

/** What the region's tile shows: differences against what the console believes now, not then. */
export function regionReconcileView(hasProbes: boolean, last: LastReconcile | null, believed: BelievedWorld): RegionReconcileView {
  if (!hasProbes) return { status: 'no-probes', at: null, differences: [], error: null };
  if (!last) return { status: 'not-reconciled', at: null, differences: [], error: null };
  if ('error' in last) return { status: 'failed', at: last.at, differences: [], error: last.error };
  const differences = worldDifferences(believed, last.observed).map((d) => d.sentence);
  return { status: differences.length ? 'differs' : 'agrees', at: last.at, differences, error: null };
}
