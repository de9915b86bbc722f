import type { PastReleaseView } from '../../shared/api';
import type { ConsoleState } from '../../shared/engine/state';
import { recordOf } from '../../shared/engine/fold';
import { releaseOutcomeOf } from '../../shared/history/releaseOutcome';
import type { Workspace } from '../../shared/workspace/workspace';
import { releaseOutcome } from './evidence';
import type { ReleaseActivity } from './history';

export interface PastReleasesInput {
  workspace: Workspace;
  state: ConsoleState;
  /** The release intents act on now. */
  openRelease: string;
  /** Release id → the log entries naming it (main/release/history.ts). */
  activity: ReadonlyMap<string, ReleaseActivity>;
  now: number;
}

/**
 * Every release the workspace defines or the log names, with its outcome from shared/release/deployment.ts
 * (the exports' answer). One the log names and the workspace no longer defines is listed, without an
 * outcome: its packages and regions are in the YAML that was removed. Newest activity first.
 */
export function pastReleases({ workspace, state, openRelease, activity, now }: PastReleasesInput): PastReleaseView[] {
  const defined = workspace.releases.map((release, order) => {
    const record = recordOf(state, release.id);
    const { deployment } = releaseOutcome(workspace, release, record, state.world, now);
    const { outcome, detail } = releaseOutcomeOf(deployment, record);
    const view: PastReleaseView = {
      id: release.id,
      title: release.title,
      outcome,
      detail,
      open: release.id === openRelease,
      startedAt: deployment.startedAt,
      lastActivityAt: deployment.lastActivityAt,
      startedBy: deployment.startedBy,
      entries: activity.get(release.id)?.entries ?? 0,
      handovers: deployment.handovers.map((h) => ({ id: h.id, title: h.title, outcome: h.outcome, deployedIn: h.deployedIn, rolledBackIn: h.rolledBackIn })),
    };
    return { view, order };
  });
  const known = new Set(workspace.releases.map((r) => r.id));
  const logOnly = [...activity].filter(([id]) => !known.has(id)).map(([id, { entries, firstAt, lastAt }], i) => ({
    view: {
      id,
      title: null,
      outcome: 'not in this workspace' as const,
      detail: 'The log names this release; the workspace no longer defines it, so its outcome cannot be worked out here. Its entries are kept, each with its hash.',
      open: false,
      // When its entries were decided: what the log alone can say of a release it no longer has the definition of.
      startedAt: firstAt,
      lastActivityAt: lastAt,
      startedBy: null,
      entries,
      handovers: [],
    },
    order: defined.length + i,
  }));
  return [...defined, ...logOnly]
    .sort((a, b) => (b.view.lastActivityAt ?? -Infinity) - (a.view.lastActivityAt ?? -Infinity) || a.order - b.order)
    .map((r) => r.view);
}
