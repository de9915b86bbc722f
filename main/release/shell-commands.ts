import { readOnlyCommandOf } from '../../shared/engine/decideShellCommand';
import type { Actor } from '../../shared/engine/state';
import type { Workspace } from '../../shared/workspace/workspace';
import type { GuardedShell, ShellDecider } from '../terminal/shell-guard';
import type { IntentLoop } from './loop';

export interface ShellCommandsOptions {
  workspace: Workspace;
  loop: IntentLoop;
  /** The release a shell's tool is decided against when the shell names none (opened outside a window): the one last selected. */
  releaseId: () => string;
  operator: () => Actor;
  rehearsal: boolean;
  /** Runs a region's probes and logs what they found (RegionReconciler). */
  reconcile: (regionId: string) => Promise<unknown>;
}

/**
 * A console shell's tool, as intents: asked (`shellCommand`), answered after a refusal
 * (`answerShellCommand`), and its exit observed (`shellCommandExited`), each decided by shared/engine and
 * logged before the shim goes on. After a tool that can change a region has run, the regions it touched
 * are reconciled: the console applied no effect of its own, so only the tools can say what changed.
 */
export function shellCommands(options: ShellCommandsOptions): ShellDecider {
  const { loop, workspace } = options;
  const effectTools = new Set(workspace.commands.filter((c) => c.effect !== undefined).map((c) => c.argv[0]));
  const regionIds = new Set(workspace.regions.map((r) => r.id));
  // A shell opened in a window acts as that window did: not as whoever was signed in, or whichever release was chosen, last.
  const releaseOf = (shell: GuardedShell) => shell.openedBy?.releaseId ?? options.releaseId();
  const operatorOf = (shell: GuardedShell) => shell.openedBy?.operator ?? options.operator();
  return {
    async ask(shell, argv) {
      const decision = await loop.handle({ kind: 'shellCommand', release: releaseOf(shell), region: shell.regionId, argv, rehearsal: options.rehearsal }, operatorOf(shell));
      // A rehearsal shell never runs the real tool, whatever was decided (a refusal is logged as one).
      if (options.rehearsal) return { verdict: 'rehearsal' };
      return decision.allowed ? { verdict: 'allowed' } : { verdict: 'blocked', message: decision.message, reasons: decision.reasons, instants: decision.instants ?? [] };
    },
    async answer(shell, argv, runAnyway, blockedBy) {
      await loop.require({ kind: 'answerShellCommand', release: releaseOf(shell), region: shell.regionId, argv, runAnyway, blockedBy }, operatorOf(shell));
    },
    async exited(shell, argv, ended) {
      await loop.require({ kind: 'shellCommandExited', release: releaseOf(shell), region: shell.regionId, argv, ...ended }, operatorOf(shell));
      // A read-only command (the workspace declares no effect for it) changed nothing to reconcile.
      if (!effectTools.has(argv[0]) || readOnlyCommandOf(workspace, argv)) return;
      // The shell's region, and any region the argv names (`maintenance enable --region EUW2` typed in S01's shell).
      const touched = new Set([...(shell.regionId === null ? [] : [shell.regionId]), ...argv.filter((arg) => regionIds.has(arg))]);
      for (const regionId of touched) {
        options.reconcile(regionId).catch((error: unknown) => console.error(`release-console: ${regionId} could not be reconciled after ${argv[0]}:`, error instanceof Error ? error.message : error));
      }
    },
  };
}
