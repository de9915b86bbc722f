import { copyText } from '../../api/files';
import { useConsole } from '../../store/store';
import type { HistoryEntryView, HistoryPageView } from '../../../shared/api';
import { describeKind } from '../../../shared/history/entryKind';
import { entryStamp } from './entry-time';
import { ActionButton } from '../ActionButton';

/** As on the Record panel: the characters people compare by eye; the full hash is on hover and in the copy. */
const SHORT_HASH_CHARS = 12;

/**
 * On a desk sharing the team's log (issue 15), an event the shared log holds shows the shared chain's hash,
 * the one every desk agrees on and the Record panel's head belongs to; this desk's replica line is named too.
 */
function hashTitle(e: HistoryEntryView): string {
  return e.shared
    ? `Shared log seq ${e.shared.seq}, sha256 ${e.shared.hash}; this desk's replica: seq ${e.seq}, sha256 ${e.hash} — click to copy`
    : `sha256 ${e.hash} — click to copy`;
}

function EntryHash({ hash, title, onCopy }: { hash: string; title: string; onCopy: (hash: string) => void }) {
  return (
    <button type="button" className="hash mono" title={title} aria-label={`Copy hash ${hash}`} data-hash={hash} onClick={() => onCopy(hash)}>
      {hash.slice(0, SHORT_HASH_CHARS)}
    </button>
  );
}

/** "2026-03-19 10:55:00", breaking only between the date and the time. */
function EntryStamp({ at }: { at: number }) {
  const [date, time] = entryStamp(at).split(' ');
  return time === undefined ? (
    <>{date}</>
  ) : (
    <>
      <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
    </>
  );
}

/**
 * The release an entry names, under what happened, with its title on hover. It stood in a column of its own, kept
 * on one line (an id broken at its hyphens read as two): at 1024 px that column took ~180 px and left "What
 * happened" ~100 px, a narrow column of words. Filtered by a release, every row names it: the filter says it once.
 */
function EntryRelease({ release, titleOf, filtered }: { release: string | null; titleOf: (release: string) => string | null; filtered: string | undefined }) {
  if (release === null || release === filtered) return null;
  const title = titleOf(release);
  return (
    <div className="history-release muted" title={title ?? undefined}>
      Release <span className="mono">{release}</span>
    </div>
  );
}

/** One page of log entries, newest first, with the pager; each hash copies in full. */
export function HistoryEntries({
  page,
  pageIndex,
  zone,
  filteredRelease,
  titleOf,
  onPage,
}: {
  page: HistoryPageView;
  pageIndex: number;
  zone: string;
  /** The release the entries are filtered by, if any. */
  filteredRelease: string | undefined;
  /** A release's title, where the workspace or its logged definition names one. */
  titleOf: (release: string) => string | null;
  onPage: (index: number) => void;
}) {
  const toast = useConsole((s) => s.toast);
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.entries.length;
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  return (
    <section className="history-entries" aria-label="Log entries" tabIndex={-1}>
      <div className="row">
        <span data-testid="history-count">
          {page.total === 0 ? 'No entry matches' : `Entries ${first.toLocaleString('en-GB')}–${last.toLocaleString('en-GB')} of ${page.total.toLocaleString('en-GB')}`}
          <span className="muted"> · {page.logEntries.toLocaleString('en-GB')} in the log</span>
        </span>
        <span className="spacer" />
        <ActionButton disabledReason={pageIndex === 0 ? 'This is the newest page' : null} onClick={() => onPage(pageIndex - 1)}>
          ← Newer
        </ActionButton>
        <span className="muted">
          Page {pageIndex + 1} of {pages}
        </span>
        <ActionButton disabledReason={last >= page.total ? 'This is the oldest page' : null} onClick={() => onPage(pageIndex + 1)}>
          Older →
        </ActionButton>
      </div>
      <table className="history-table">
        <thead>
          <tr>
            <th scope="col">Seq</th>
            <th scope="col">Time ({zone})</th>
            <th scope="col">Kind</th>
            <th scope="col">Region</th>
            <th scope="col">Person</th>
            <th scope="col">What happened</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {page.entries.map((e) => (
            <tr key={e.seq} data-seq={e.seq}>
              <td className="mono">{e.seq}</td>
              {/* The date stands over the time where the table is narrow (1024 px): kept on one line it left "What happened" a
                  word wide and pushed the hashes off the screen. Neither breaks inside ("2026-03-" over "19"). */}
              <td className="mono">
                <EntryStamp at={e.at} />
              </td>
              {/* A kind is one tag: "Console" over "started" read as two. */}
              <td className="nowrap">
                {/* In words; the log's own name stays on hover and in data-kind, for a search of the JSONL file. */}
                <span className="tag" title={e.kind} data-kind={e.kind}>
                  {e.kindWords ?? describeKind(e.kind)}
                </span>
              </td>
              <td>{e.region ?? <span className="muted">—</span>}</td>
              <td>{e.person ? <span title={e.role ?? undefined}>{e.person}</span> : <span className="muted">—</span>}</td>
              <td className="history-summary">
                {e.summary}
                <EntryRelease release={e.release} titleOf={titleOf} filtered={filteredRelease} />
              </td>
              <td>
                <EntryHash hash={e.shared?.hash ?? e.hash} title={hashTitle(e)} onCopy={(hash) => void copyText(hash, toast, `the hash of seq ${e.shared?.seq ?? e.seq}`)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
