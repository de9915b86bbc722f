import { execFile } from 'node:child_process';
import type { RegionReconcileView } from '../../shared/api';
import type { Clock } from '../../shared/clock';
import { fillCommandTemplate } from '../../shared/workspace/commandTemplate';
import type { Region, Workspace } from '../../shared/workspace/workspace';
import { observedWorld, parseProbeOutput, type MaintenanceProbeReport, type ObservedWorld, type ProbeKind, type VersionsProbeReport } from '../../shared/world/probeReport';
import { believedWorldOf, reconcilable, regionReconcileView, worldDifferences, type BelievedWorld, type LastReconcile, type WorldDifference } from '../../shared/world/reconcile';
import { ApiFailure } from '../host/failure';
import type { Intent } from '../../shared/engine/intents';
import { isWithheldInRehearsal, wouldRunLine } from '../../shared/engine/rehearsalTools';
import type { ReleaseService } from './service';

/** A probe only reads (`maintenance status`, `rmht check-versions`); one that takes longer is stuck. */
export const PROBE_TIMEOUT_MS = 15_000;
/** A report is a few kilobytes (a row per package); anything near this is not a report. */
const PROBE_MAX_OUTPUT_BYTES = 1024 * 1024;

export interface ProbeOptions {
  /** The terminals' environment: the workspace's bin/ first on PATH, so probes find its tools. */
  env: Record<string, string>;
  timeoutMs?: number;
  /** In a rehearsal a probe that is not rehearsal-safe is not run: it would read production, not the rehearsal's world. */
  rehearsal?: boolean;
}

type Probed = { ok: true; observed: ObservedWorld } | { ok: false; error: string };

function firstLine(text: string): string {
  return text.trim().split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? '';
}

/** Runs one probe as argv (never through a shell) and returns its stdout, or why it has none to give. */
function runProbe(argv: readonly string[], options: ProbeOptions): Promise<{ ok: true; stdout: string } | { ok: false; error: string }> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const [program, ...args] = argv;
  return new Promise((resolve) => {
    execFile(
      program!,
      args,
      // NO_COLOR: the report is parsed, and an error line is shown on a tile.
      { env: { ...options.env, NO_COLOR: '1' }, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: PROBE_MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        const said = firstLine(stderr);
        const code = (error as NodeJS.ErrnoException).code;
        const child = error as { killed?: boolean; signal?: NodeJS.Signals | null };
        if (code === 'ENOENT') return resolve({ ok: false, error: `${program} was not found on PATH` });
        if (code === 'EACCES') return resolve({ ok: false, error: `${program} is not executable` });
        if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ ok: false, error: `it printed more than ${PROBE_MAX_OUTPUT_BYTES / 1024} KiB and was stopped` });
        if (child.killed && child.signal === 'SIGKILL') return resolve({ ok: false, error: `it did not answer within ${Math.round(timeoutMs / 100) / 10} s and was stopped` });
        if (typeof code === 'number') return resolve({ ok: false, error: `it exited with ${code}${said ? `: ${said}` : ''}` });
        if (child.signal) return resolve({ ok: false, error: `it was killed by ${child.signal}` });
        resolve({ ok: false, error: error.message });
      },
    );
  });
}

/**
 * Runs a region's probes and reads what they report. Every error names the probe and the argv it ran,
 * so a PE can run the same command in the region's terminal.
 */
export async function probeRegion(workspace: Workspace, region: Region, options: ProbeOptions): Promise<Probed> {
  const reports: { maintenance: MaintenanceProbeReport | null; versions: VersionsProbeReport | null } = { maintenance: null, versions: null };
  for (const kind of ['maintenance', 'versions'] as const satisfies readonly ProbeKind[]) {
    const commandId = region.probes?.[kind];
    if (commandId === undefined) continue;
    const name = `The ${kind} probe of ${region.id} (${commandId})`;
    const template = workspace.commands.find((c) => c.id === commandId);
    if (!template) return { ok: false, error: `${name} is not a command in commands.yaml.` };
    const filled = fillCommandTemplate(template.argv, { region: region.id }, workspace.patterns);
    if (!filled.ok) return { ok: false, error: `${name} cannot be filled: ${filled.error}` };
    if (isWithheldInRehearsal(template, options.rehearsal === true)) return { ok: false, error: `${name} is not rehearsal-safe. ${wouldRunLine(filled.argv)}.` };
    const ran = await runProbe(filled.argv, options);
    if (!ran.ok) return { ok: false, error: `${name}, \`${filled.argv.join(' ')}\`, failed: ${ran.error}.` };
    const parsed = parseProbeOutput(kind, ran.stdout);
    if (!parsed.ok) return { ok: false, error: `${name}, \`${filled.argv.join(' ')}\`, gave no report: ${parsed.error}.` };
    if (kind === 'maintenance') reports.maintenance = parsed.report as MaintenanceProbeReport;
    else reports.versions = parsed.report as VersionsProbeReport;
  }
  const observed = observedWorld(region.id, reports.maintenance, reports.versions);
  return observed.ok ? observed : { ok: false, error: `${observed.error[0]!.toUpperCase()}${observed.error.slice(1)}.` };
}

/** What the console believes about a region: the world state it keeps once per workspace. */
export function believedWorld(workspace: Workspace, releases: ReleaseService, regionId: string): BelievedWorld {
  return believedWorldOf(workspace, releases.engineState().world, regionId);
}

/** One reconcile as the log records it: what the tools said, or why they could not. */
export type ReconcileLogEntry =
  | { regionId: string; phase: 'intent' }
  | { regionId: string; phase: 'result'; agrees: boolean; differences: WorldDifference[]; observed: ObservedWorld }
  | { regionId: string; phase: 'result'; error: string };

/**
 * A reconcile's result as the observation `decide` turns into a logged event (the differences are decided
 * there, against the world the log holds). The intent itself changes nothing, so only its result is logged.
 */
export function reconcileObservation(entry: ReconcileLogEntry): Intent | null {
  if (entry.phase === 'intent') return null;
  if ('error' in entry) return { kind: 'reconciled', region: entry.regionId, reported: { maintenance: null, deployed: null }, error: entry.error };
  return { kind: 'reconciled', region: entry.regionId, reported: { maintenance: entry.observed.maintenanceMode, deployed: entry.observed.versions }, error: null };
}

export interface RegionReconcilerOptions {
  workspace: Workspace;
  clock: Clock;
  probe: ProbeOptions;
  believedWorld: (regionId: string) => BelievedWorld;
  /** Writes to the log; awaited before the result is applied or shown. */
  log: (entry: ReconcileLogEntry) => Promise<void>;
  /** Called when a tile may show something new, so the host pushes the view. */
  onChange: () => void;
}

/**
 * Reconcile, the intent: run a region's probes, log what they found, keep it as the region's last
 * report, and push. Only the report is kept: each view compares it with what the console believes then.
 */
export class RegionReconciler {
  private readonly last = new Map<string, LastReconcile>();
  private readonly running = new Set<string>();

  constructor(private readonly options: RegionReconcilerOptions) {}

  async reconcile(regionId: string): Promise<RegionReconcileView> {
    const allowed = reconcilable(this.options.workspace.regions.find((r) => r.id === regionId), regionId);
    if (!allowed.ok) throw new ApiFailure(allowed.code, allowed.message);
    const { region } = allowed;
    // Claimed before the first await: a double click runs the probes once.
    if (this.running.has(regionId)) throw new ApiFailure('conflict', `${regionId} is being reconciled already.`);
    this.running.add(regionId);
    try {
      await this.options.log({ regionId, phase: 'intent' });
      const probed = await probeRegion(this.options.workspace, region, this.options.probe);
      const at = this.options.clock.now();
      if (!probed.ok) {
        await this.options.log({ regionId, phase: 'result', error: probed.error });
        this.last.set(regionId, { at, error: probed.error });
      } else {
        const differences = worldDifferences(this.options.believedWorld(regionId), probed.observed);
        await this.options.log({ regionId, phase: 'result', agrees: differences.length === 0, differences, observed: probed.observed });
        this.last.set(regionId, { at, observed: probed.observed });
      }
      this.options.onChange();
      return this.view(regionId);
    } finally {
      this.running.delete(regionId);
    }
  }

  view(regionId: string): RegionReconcileView {
    const region = this.options.workspace.regions.find((r) => r.id === regionId);
    return regionReconcileView(region?.probes !== undefined, this.last.get(regionId) ?? null, this.options.believedWorld(regionId));
  }
}
