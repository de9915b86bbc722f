import './history.css';
import { useEffect, useRef, useState } from 'react';
import { consoleApi } from '../../api/boot';
import { useConsole } from '../../store/store';
import { operatorZone } from '../../format/time';
import type { HistoryPageView, PastReleaseView } from '../../../shared/api';
import { HistoryEntries } from './HistoryEntries';
import { HistoryFilters } from './HistoryFilters';
import { PastReleases } from './PastReleases';
import { ReleaseReadOnly } from './ReleaseReadOnly';
import { useHistoryLink } from './useHistoryLink';
import { useLongWait } from '../use-long-wait';

/** Entries per page: a screenful to scan; main filters the whole log and sends only these. */
const PAGE_SIZE = 100;
/**
 * The first page follows the log: main pushes the release view after every append, and the page is read
 * again at most this often after one, so a busy rollout costs a read a second, not one per event.
 */
const FOLLOW_MS = 1_000;

/**
 * Issue 19, item 4: the History and audit screen. Every entry of the release log, filtered and paged by
 * main, with its hash; every release with its outcome, each opening read-only with its evidence.
 */
export function History() {
  const connection = useConsole((s) => s.connection);
  const [link, setLink] = useHistoryLink();
  const [page, setPage] = useState<HistoryPageView | null>(null);
  const [releases, setReleases] = useState<PastReleaseView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reads, setReads] = useState(0);
  const [releaseReads, setReleaseReads] = useState(0);
  const zone = operatorZone();
  const view = useConsole((s) => s.view);
  const following = useRef<ReturnType<typeof setTimeout> | null>(null);
  const screen = useRef<HTMLElement>(null);
  // Where the keyboard goes once History is shown again after a release read-only: its View button, or its entries.
  // The button pressed there went with the view, and focus fell to the page's start, two dozen Tabs away.
  const focusOnReturn = useRef<{ to: 'release'; id: string } | { to: 'entries' } | null>(null);
  const slowRead = useLongWait(page === null && failure === null);

  // Later pages stay put while a person reads them; the newest page takes what was appended. A release open
  // read-only follows the log too: one still running (or rolling back) read "failed" and "rollback stopped" long
  // after the banner above it said the rollback was done.
  useEffect(() => {
    const followsEntries = link.page === 0 && link.open === null;
    if ((!followsEntries && link.open === null) || following.current) return;
    following.current = setTimeout(() => {
      following.current = null;
      if (followsEntries) setReads((n) => n + 1);
      else setReleaseReads((n) => n + 1);
    }, FOLLOW_MS);
  }, [view, link.page, link.open]);
  useEffect(
    () => () => {
      if (following.current) clearTimeout(following.current);
      following.current = null;
    },
    [],
  );

  useEffect(() => {
    if (connection !== 'open') return;
    let current = true;
    void consoleApi()
      .getHistory({ filter: link.filter, offset: link.page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((result) => {
        if (!current) return;
        setFailure(result.ok ? null : `${result.error.message}${result.error.issues?.length ? ` (${result.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''}`);
        if (result.ok) setPage(result.value);
      });
    return () => {
      current = false;
    };
  }, [connection, link.filter, link.page, reads]);

  useEffect(() => {
    if (connection !== 'open') return;
    let current = true;
    void consoleApi()
      .getPastReleases({})
      .then((result) => current && result.ok && setReleases(result.value.releases));
    return () => {
      current = false;
    };
  }, [connection, reads, releaseReads]);

  const opened = link.open === null ? null : (releases?.find((r) => r.id === link.open) ?? null);
  useEffect(() => {
    const target = focusOnReturn.current;
    const root = screen.current;
    if (target === null || root === null) return;
    const element =
      target.to === 'release'
        ? root.querySelector<HTMLElement>(`tr[data-release="${CSS.escape(target.id)}"] button`)
        : page === null
          ? null
          : root.querySelector<HTMLElement>('.history-entries');
    if (element === null) return;
    focusOnReturn.current = null;
    element.focus();
  }, [opened, releases, page]);
  if (link.open !== null && opened) {
    return (
      <ReleaseReadOnly
        release={opened}
        onBack={() => {
          focusOnReturn.current = { to: 'release', id: opened.id };
          setLink({ ...link, open: null });
        }}
        onShowEntries={() => {
          focusOnReturn.current = { to: 'entries' };
          setLink({ filter: { release: opened.id }, page: 0, open: null });
        }}
      />
    );
  }

  return (
    <section className="history" aria-label="History" ref={screen}>
      <div className="row">
        <h2>History</h2>
        <span className="muted">Newest first; the first page follows the log as entries are appended.</span>
      </div>
      {link.open !== null && releases && (
        <div role="alert" className="banner banner-warn">
          No release “{link.open}” is in this workspace or its log: the link that opened it names a release from elsewhere.
        </div>
      )}
      {releases && <PastReleases releases={releases} logEntries={page?.logEntries ?? null} onOpen={(id) => setLink({ ...link, open: id })} />}
      <HistoryFilters filter={link.filter} choices={page?.choices ?? null} zone={zone} onChange={(filter) => setLink({ filter, page: 0, open: null })} />
      {failure && (
        <div role="alert" className="banner banner-error">
          {failure}
        </div>
      )}
      {page ? (
        <HistoryEntries
          page={page}
          pageIndex={link.page}
          zone={zone}
          filteredRelease={link.filter.release}
          titleOf={(id) => releases?.find((r) => r.id === id)?.title ?? null}
          onPage={(index) => setLink({ ...link, page: index })}
        />
      ) : (
        slowRead && <p className="muted">Reading the release log…</p>
      )}
    </section>
  );
}
