import type { RollbackStepKind } from '../rollback/plan';
import type { CommandTemplate } from '../workspace/workspace';
import type { WorldEffect } from './events';

/**
 * What a successful command leaves in a region, as the workspace declares it (seed 000): maintenance mode
 * (traffic to the sibling) or the package version a deploy or rollback leaves running. The one place a
 * command's effect is worked out, for the rollout's steps and the rollback's alike.
 */
export function commandEffects(effect: CommandTemplate['effect'], values: Readonly<Record<string, string | undefined>>, regionId: string | null): WorldEffect[] {
  if (regionId === null || effect === undefined) return [];
  if (effect === 'maintenance-on' || effect === 'maintenance-off') return [{ kind: 'maintenance', region: regionId, on: effect === 'maintenance-on' }];
  const { package: pkg, version } = values;
  return pkg && version ? [{ kind: 'version', region: regionId, package: pkg, version }] : [];
}

/** A rollback step's effect, in the same terms: a removal leaves no version, a rollback the one it rolled back to. */
export function rollbackStepEffects(step: { kind: RollbackStepKind; regionId: string; package: string | null; toVersion: string | null }): WorldEffect[] {
  if (step.kind === 'maintenance-on' || step.kind === 'maintenance-off') return commandEffects(step.kind, {}, step.regionId);
  if (step.package === null || (step.kind !== 'rollback' && step.kind !== 'remove')) return [];
  return [{ kind: 'version', region: step.regionId, package: step.package, version: step.kind === 'remove' ? null : step.toVersion }];
}
