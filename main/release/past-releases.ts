import type { PastReleaseView } from '../../shared/api';
import type { ConsoleState } from '../../shared/engine/state';
import type { ReleaseDefinition } from '../../shared/engine/events';
import { recordOf } from '../../shared/engine/fold';
import { releaseOutcomeOf, unbuiltFromDefinition } from '../../shared/history/releaseOutcome';
import type { Release, Workspace } from '../../shared/workspace/workspace';
import { releaseOutcome } from './evidence';
import type { LoggedDefinition, ReleaseActivity } from './history';

export interface PastReleasesInput {
  workspace: Workspace;
  state: ConsoleState;
  /** The release intents act on now. */
  openRelease: string;
  /** Release id → the log entries naming it (main/release/history.ts). */
  activity: ReadonlyMap<string, ReleaseActivity>;
  /** Release id → its definition as last logged (main/release/history.ts). */
  definitions: ReadonlyMap<string, LoggedDefinition>;
  now: number;
}

/**
 * Every release the workspace defines or the log names, with its outcome from shared/release/deployment.ts
 * (the exports' answer). One the workspace no longer defines is worked out from the definition its
 * `releaseDefined` logged, through the same code; one with no logged definition is listed without an
 * outcome: its packages and regions were in YAML that was removed. Newest activity first.
 */
export function pastReleases({ workspace, state, openRelease, activity, definitions, now }: PastReleasesInput): PastReleaseView[] {
  const withOutcome = (release: Release | ReleaseDefinition, logged: LoggedDefinition | null): PastReleaseView => {
    const record = recordOf(state, release.id);
    const { deployment } = releaseOutcome(workspace, release, record, state.world, now);
    const { outcome, detail } = releaseOutcomeOf(deployment, record, logged !== null);
    return {
      id: release.id,
      title: release.title,
      outcome,
      detail,
      open: release.id === openRelease,
      definedAt: logged?.at ?? null,
      unbuilt: logged ? unbuiltFromDefinition(workspace, logged.definition) : [],
      startedAt: deployment.startedAt,
      lastActivityAt: deployment.lastActivityAt,
      // With no step on record, whoever's first step logged its definition: deploymentOwner's own fallback.
      startedBy: deployment.startedBy ?? logged?.by ?? null,
      entries: activity.get(release.id)?.entries ?? 0,
      handovers: deployment.handovers.map((h) => ({ id: h.id, title: h.title, outcome: h.outcome, deployedIn: h.deployedIn, rolledBackIn: h.rolledBackIn })),
    };
  };
  const defined = workspace.releases.map((release, order) => ({ view: withOutcome(release, null), order }));
  const known = new Set(workspace.releases.map((r) => r.id));
  const logOnly = [...activity].filter(([id]) => !known.has(id)).map(([id, { entries, firstAt, lastAt }], i) => {
    const logged = definitions.get(id);
    const order = defined.length + i;
    if (logged) return { view: withOutcome(logged.definition, logged), order };
    const view: PastReleaseView = {
      id,
      title: null,
      outcome: 'not in this workspace',
      detail: 'The log names this release but holds no definition of it, and the workspace no longer defines it, so its outcome cannot be worked out here. Its entries are kept, each with its hash.',
      open: false,
      definedAt: null,
      unbuilt: ['All of it: neither the workspace nor the log describes its handovers, packages or runbook.'],
      // When its entries were decided: what the log alone can say of a release it has no definition of.
      startedAt: firstAt,
      lastActivityAt: lastAt,
      startedBy: null,
      entries,
      handovers: [],
    };
    return { view, order };
  });
  return [...defined, ...logOnly]
    .sort((a, b) => (b.view.lastActivityAt ?? -Infinity) - (a.view.lastActivityAt ?? -Infinity) || a.order - b.order)
    .map((r) => r.view);
}
