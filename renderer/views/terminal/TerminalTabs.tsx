import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { TerminalInfo } from '../../../shared/api';
import { useConsole } from '../../store/store';
import { ActionButton } from '../ActionButton';
import { tabLabels, type TabLabel } from './sessionLabels';


interface Props {
  sessions: TerminalInfo[];
  currentId: string | null;
  onShow: (sessionId: string) => void;
  onClose: (session: TerminalInfo) => void;
  onNewShell: () => void;
  maximized: boolean;
  onToggleMaximized: () => void;
  historyOpen: boolean;
  onToggleHistory: () => void;
  /** The shown terminal's controls (Options, ⌕), on this row between History and ⤢. */
  controls: ReactNode;
}

/** One row of tabs that scrolls sideways: free shells can be closed, any tab renamed (double-click or right-click). */
export function TerminalTabs({ sessions, currentId, onShow, onClose, onNewShell, maximized, onToggleMaximized, historyOpen, onToggleHistory, controls }: Props) {
  const attention = useConsole((s) => s.attention);
  const names = useConsole((s) => s.tabNames);
  const gates = useConsole((s) => s.view?.gates);
  const labels = tabLabels(sessions, names, gates?.flatMap((g) => g.steps) ?? []);
  const renameTab = useConsole((s) => s.renameTab);
  const [renaming, setRenaming] = useState<string | null>(null);
  // A tab that grows when its run ends (" · stopped") is brought whole into view again, as a new one is.
  const ends = labels.map((label) => label.end).join('|');
  const { ref: tabsRef, more, scrollBy } = useSideScroll([sessions.length, currentId, names, renaming, attention, ends]);

  return (
    <div className="terminal-strip">
      {/* As VS Code's tab bar: tabs cut at an edge fade there, and an arrow says more lie that way (and scrolls to them). */}
      {(more.left || more.right) && (
        <ActionButton
          className={`icon tabs-scroll${more.attentionLeft ? ' tabs-scroll-attention' : ''}`}
          aria-label="Scroll the tabs left"
          title={more.attentionLeft ? ATTENTION_LEFT : 'More tabs to the left'}
          disabledReason={more.left ? null : 'The first tab is in view: no more tabs to the left.'}
          onClick={() => scrollBy(-1)}
        >
          ‹
        </ActionButton>
      )}
      <div
        ref={tabsRef}
        className={`tabs${more.left ? ' tabs-more-left' : ''}${more.right ? ' tabs-more-right' : ''}`}
        style={{ '--tabs-cut-left': `${more.cutLeft}px` } as CSSProperties}
        role="tablist"
        aria-label="Terminals"
      >
        {sessions.map((s, i) => {
          const tab = labels[i]!;
          const label = tab.lead ? `${tab.lead} ${tab.name}` : tab.name;
          const classes = ['tab', `tab-${s.phase}`, s.exit && s.exit.code !== 0 ? 'tab-failed' : '', attention[s.sessionId] ? 'tab-attention' : ''];
          return (
            <span key={s.sessionId} className="tab-slot" style={{ minWidth: tabMinWidth(tab, s.kind === 'shell') }}>
              {renaming === s.sessionId ? (
                <input
                  className="tab tab-rename"
                  aria-label={`Rename ${label}`}
                  autoFocus
                  defaultValue={label}
                  maxLength={80}
                  onBlur={(e) => {
                    renameTab(s.sessionId, e.target.value);
                    setRenaming(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') e.currentTarget.blur();
                    if (e.key === 'Escape') setRenaming(null);
                  }}
                />
              ) : (
                <button
                  type="button"
                  role="tab"
                  aria-selected={!historyOpen && currentId === s.sessionId}
                  className={classes.filter(Boolean).join(' ')}
                  onClick={() => onShow(s.sessionId)}
                  onDoubleClick={() => setRenaming(s.sessionId)}
                  onContextMenu={(e) => {
                    e.preventDefault();
                    setRenaming(s.sessionId);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'F2') setRenaming(s.sessionId);
                    if (e.key === 'Delete' && s.kind === 'shell') onClose(s);
                  }}
                  aria-keyshortcuts={s.kind === 'shell' ? 'F2 Delete' : 'F2'}
                  title={tab.title}
                  aria-label={tab.accessibleName ?? undefined}
                >
                  {/* The lead the runs share ("deploy") gives way first, then the name ("stats-tr…"), before how the session
                      ended, which stays whole: " · lost", " · stopped". */}
                  {tab.lead && (
                    <>
                      <span className="tab-lead" style={tab.leadKept ? LEAD_KEPT_STYLE : LEAD_STYLE}>
                        {tab.lead}
                      </span>
                      <span style={SPACE_STYLE}> </span>
                    </>
                  )}
                  <span className="tab-name">{tab.name}</span>
                  {tab.end && <span className="tab-end">{tab.end}</span>}
                </button>
              )}
              {s.kind === 'shell' && (
                // A tab list holds tabs only (ARIA): the × is the mouse's way, Delete on the tab the keyboard's.
                <button type="button" className="tab-close" aria-hidden="true" tabIndex={-1} title="Close this shell (ends what runs in it)" onClick={() => onClose(s)}>
                  ×
                </button>
              )}
            </span>
          );
        })}
      </div>
      {(more.left || more.right) && (
        <ActionButton
          className={`icon tabs-scroll${more.attentionRight ? ' tabs-scroll-attention' : ''}`}
          aria-label="Scroll the tabs right"
          title={more.attentionRight ? ATTENTION_RIGHT : 'More tabs to the right'}
          disabledReason={more.right ? null : 'The last tab is in view: no more tabs to the right.'}
          onClick={() => scrollBy(1)}
        >
          ›
        </ActionButton>
      )}
      {/* In a narrow panel the words give way to a sign (.strip-word, .strip-sign); the name stays the words. */}
      <button type="button" className="tab tab-new" title="Open a shell in the region" onClick={onNewShell}>
        +<span className="strip-word"> Shell</span>
      </button>
      <button type="button" className="terminal-history-toggle" aria-pressed={historyOpen} title="Every step run in this region, whole and searchable" onClick={onToggleHistory}>
        <span className="strip-word">History</span>
        <span className="strip-sign" aria-hidden="true">
          ☰
        </span>
      </button>
      {controls}
      <button
        type="button"
        className="icon terminal-maximize"
        aria-pressed={maximized}
        aria-label={maximized ? 'Restore the terminal panel' : 'Maximize the terminal panel'}
        title={`${maximized ? 'Restore' : 'Maximize'} (Ctrl+Shift+M)`}
        onClick={onToggleMaximized}
      >
        {maximized ? '⤡' : '⤢'}
      </button>
    </div>
  );
}

/** A tab's padding and borders (.tab), and the width of its × (.tab-close). */
const TAB_CHROME_PX = 22;
const TAB_CLOSE_PX = 24;

/** The lead shrinks a hundred times faster than the name, so "deploy" is cut to nothing before "stats-transcribed" loses a character. */
const LEAD_STYLE = { flexShrink: 100, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' } as const;
/** A lead that tells the tab from another whose name starts alike ("deploy" and "rmht" before "stats-tr…") is not cut. */
const LEAD_KEPT_STYLE = { flex: 'none' } as const;
/** The space after the lead, kept when the lead is cut away: a flex row drops a bare space between its items. */
const SPACE_STYLE = { flex: 'none', width: '1ch' } as const;
/**
 * Slack for the ellipsis: at 12 px a character is 7.2 px, and Chromium cut a name laid out to the pixel of its
 * 8 characters and "…" one character sooner ("rmht ch…" for "rmht che…"), leaving a gap before its end.
 */
const ELLIPSIS_SLACK_PX = 2;

/**
 * How narrow a tab may shrink: the characters its name keeps (TabLabel.kept), the space after a lead cut away,
 * and the whole of how its session ended. The tab's font is monospaced, so a text's width in `ch` is its length.
 */
function tabMinWidth(tab: TabLabel, closable: boolean): string {
  // A kept lead is in `kept` with its space; a lead cut away leaves its space.
  const chars = tab.kept.length + (tab.lead && !tab.leadKept ? 1 : 0) + tab.end.length;
  return `calc(${chars}ch + ${TAB_CHROME_PX + ELLIPSIS_SLACK_PX + (closable ? TAB_CLOSE_PX : 0)}px)`;
}

/** What an arrow says when a flashing tab (a step's command that started while a shell was typed in) lies out of sight its way. */
const ATTENTION_LEFT = "A step's command started in a tab to the left: scroll to see it";
const ATTENTION_RIGHT = "A step's command started in a tab to the right: scroll to see it";

/** How far one arrow press moves the tabs: most of the strip, so the tab cut at its edge comes whole into view. */
const SCROLL_SHARE = 0.8;

/**
 * Whether the tab row hides tabs to its left or right, kept up to date as it scrolls, resizes or gains tabs;
 * and whether a tab flagged for attention is among those hidden; the selected tab, with its ×, is scrolled
 * into view when it changes (a new shell opens at the far end).
 */
/**
 * How far the tab row scrolls sideways to show a tab whole: the row alone, never the page. scrollIntoView
 * scrolled every scrolling ancestor as well, so a region opened at 1024x720 with a command's tab chosen
 * below the fold jumped 544 px down the page, its header (name, health, Back out region) out of sight.
 */
export function sidewaysToShow(row: { left: number; right: number }, tab: { left: number; right: number }): number {
  if (tab.left < row.left) return tab.left - row.left;
  if (tab.right > row.right) return Math.min(tab.right - row.right, tab.left - row.left);
  return 0;
}

/**
 * How much of a tab cut at the row's left edge still shows, in px: the row hides it. Scrolled to show the chosen tab
 * at its right end, the row's left edge falls inside a tab, and at 1280 px its last few pixels read as a tab of its
 * own ("9", "0", the end of "· exit 0") beside the ‹ that already says more tabs lie that way.
 */
export function cutAtLeft(row: { left: number }, tabs: readonly { left: number; right: number }[]): number {
  const cut = tabs.find((tab) => tab.left < row.left - 1 && tab.right > row.left);
  return cut === undefined ? 0 : Math.ceil(cut.right - row.left);
}

function useSideScroll(deps: readonly unknown[]) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [more, setMore] = useState({ left: false, right: false, attentionLeft: false, attentionRight: false, cutLeft: 0 });
  // Whether the row follows the selected tab: it does until scrolled away from it (an arrow, the wheel), and again once
  // scrolled back or another tab is chosen. A row that resizes keeps a followed tab whole and leaves a row scrolled
  // elsewhere where it is: brought back on every resize, the row jumped from the tabs the PE had scrolled to (as the
  // page's scrollbar came with late graphs and narrowed it) and the arrow under the pointer was refused.
  const following = useRef(true);
  /** Where showSelected last scrolled the row: its own scroll event comes a frame later, maybe after the arrows narrowed the row. */
  const scrolledTo = useRef<number | null>(null);
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    // By the first and last tab's edges, not scrollWidth: the row's own padding is no tab to scroll to. One
    // pixel of slack: a fractional zoom leaves a tab a hair past the edge.
    const box = el.getBoundingClientRect();
    const first = el.firstElementChild?.getBoundingClientRect();
    const last = el.lastElementChild?.getBoundingClientRect();
    // A tab that flashes for attention while scrolled out of sight flashes for no one: its arrow carries it.
    const flagged = [...el.querySelectorAll('.tab-attention')].map((tab) => tab.getBoundingClientRect());
    const next = {
      left: first !== undefined && first.left < box.left - 1,
      right: last !== undefined && last.right > box.right + 1,
      attentionLeft: flagged.some((tab) => tab.left < box.left - 1),
      attentionRight: flagged.some((tab) => tab.right > box.right + 1),
      cutLeft: cutAtLeft(box, [...el.children].map((slot) => slot.getBoundingClientRect())),
    };
    setMore((prev) => (Object.keys(next).every((key) => prev[key as keyof typeof next] === next[key as keyof typeof next]) ? prev : next));
  }, []);
  const showSelected = useCallback(() => {
    // The tab with its ×: the tab alone left its × and end under the row's fade and a › toward nothing.
    const row = ref.current;
    const slot = row?.querySelector('[aria-selected="true"]')?.closest('.tab-slot');
    following.current = true;
    if (!row || !slot) return;
    const by = sidewaysToShow(row.getBoundingClientRect(), slot.getBoundingClientRect());
    if (by === 0) return;
    row.scrollLeft += by;
    scrolledTo.current = row.scrollLeft;
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const scrolled = () => {
      const own = scrolledTo.current !== null && Math.abs(el.scrollLeft - scrolledTo.current) < 1;
      scrolledTo.current = null;
      if (own) return measure();
      const slot = el.querySelector('[aria-selected="true"]')?.closest('.tab-slot');
      // A pixel of slack: the row scrolls by whole pixels, a tab's edges fall between them.
      following.current = slot === null || slot === undefined || Math.abs(sidewaysToShow(el.getBoundingClientRect(), slot.getBoundingClientRect())) < 1;
      measure();
    };
    el.addEventListener('scroll', scrolled, { passive: true });
    // A row that narrows (its arrows come once it overflows, the window shrinks) shows the selected tab whole again:
    // shown before the arrows took their 50 px, LON's "deploy apply · exit 0" read "deploy … · ex" at 1024 px.
    const observer = new ResizeObserver(() => {
      if (following.current) showSelected();
      measure();
    });
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', scrolled);
      observer.disconnect();
    };
  }, [measure, showSelected]);
  useEffect(() => {
    showSelected();
    measure();
  }, deps);
  const scrollBy = (direction: 1 | -1) => {
    const el = ref.current;
    if (el) el.scrollBy({ left: direction * el.clientWidth * SCROLL_SHARE, behavior: 'smooth' });
  };
  return { ref, more, scrollBy };
}
