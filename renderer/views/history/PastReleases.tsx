import type { PastReleaseView, ReleaseOutcomeLabel } from '../../../shared/api';
import { entryStamp } from './entry-time';

const OUTCOME_TONE: Record<ReleaseOutcomeLabel, string> = {
  completed: 'tag-ok',
  'in progress': 'tag-status',
  'not started': '',
  'step failed, can be retried': 'tag-warn',
  // Production is only partly rolled back: red, as the banner that says the rollback STOPPED.
  'rollback stopped, can be retried': 'tag-bad',
  failed: 'tag-bad',
  'rolling back': 'tag-warn',
  'rolled back': 'tag-bad',
  'partly rolled back': 'tag-warn',
  'backed out': 'tag-warn',
  'not in this workspace': '',
};

export function OutcomeTag({ outcome }: { outcome: ReleaseOutcomeLabel }) {
  return <span className={`tag ${OUTCOME_TONE[outcome]}`}>{outcome}</span>;
}

/**
 * The log's entries that name no release (its start, bookkeeping such as checkpoints, a lease given back): what
 * the Entries column leaves out of "N in the log". Null until both counts are read, or while one of them is
 * older than the other (the log grew between the two reads): a wrong number is worse than none.
 */
export function entriesNamingNoRelease(releases: readonly PastReleaseView[], logEntries: number | null): number | null {
  if (logEntries === null) return null;
  const named = releases.reduce((sum, r) => sum + r.entries, 0);
  return named <= logEntries ? logEntries - named : null;
}

/**
 * Every release the workspace or the log knows, newest activity first, each with its outcome; the last row counts
 * the entries naming none, so the column adds up to the "in the log" under it. It read 0 for every release beside
 * "1 in the log" on a fresh demo, with nothing saying where that one entry was.
 */
export function PastReleases({ releases, logEntries, onOpen }: { releases: readonly PastReleaseView[]; logEntries: number | null; onOpen: (releaseId: string) => void }) {
  const unfiled = entriesNamingNoRelease(releases, logEntries);
  return (
    <section className="past-releases" aria-label="Releases">
      <h3>
        Releases <span className="muted">({releases.length})</span>
      </h3>
      <div className="past-releases-scroll">
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">Release</th>
              <th scope="col">Outcome</th>
              <th scope="col">Last activity</th>
              <th scope="col">Owner</th>
              <th scope="col">Entries</th>
              <th scope="col">
                Evidence
              </th>
            </tr>
          </thead>
          <tbody>
            {releases.map((r) => (
              <tr key={r.id} data-release={r.id}>
                <td>
                  {r.title ?? r.id}
                  {r.title && <div className="muted mono release-id">{r.id}</div>}
                  {r.open && <span className="tag tag-demo">open on this desk</span>}
                  {r.definedAt !== null && <div className="muted release-id">no longer in the workspace: from its logged definition</div>}
                </td>
                <td>
                  <OutcomeTag outcome={r.outcome} />
                </td>
                {/* A release with no activity shows the owner's muted dash, not a narrower one in the times' mono. */}
                <td className={r.lastActivityAt === null ? undefined : 'mono nowrap'}>{r.lastActivityAt === null ? <span className="muted">—</span> : entryStamp(r.lastActivityAt)}</td>
                <td>{r.startedBy ?? <span className="muted">—</span>}</td>
                <td className="mono">{r.entries.toLocaleString('en-GB')}</td>
                <td>
                  <button type="button" onClick={() => onOpen(r.id)} aria-label={`View ${r.title ?? r.id} read-only`}>
                    View
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          {unfiled !== null && (
            <tfoot>
              <tr data-testid="entries-naming-no-release">
                <td colSpan={4} className="muted">
                  Naming no release (the console's starts, operator changes, clock moves…)
                </td>
                <td className="mono">{unfiled.toLocaleString('en-GB')}</td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}
