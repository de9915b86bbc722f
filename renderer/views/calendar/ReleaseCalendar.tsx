import './calendar.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CalendarView } from '../../../shared/api';
import { send } from '../../api/actions';
import { downloadFile } from '../../api/files';
import { clockIn, operatorZone, readingPerZone, spanIn, zoneLabel } from '../../format/time';
import { useConsole } from '../../store/store';
import { useNow } from '../use-now';
import { ActionButton } from '../ActionButton';

type Lane = CalendarView['lanes'][number];
type Block = Lane['blocks'][number];

/** "Window: EUW2, Mon 30 Nov, 18:00 – 24:00 London", "Freeze: Holiday, Fri 25 Dec, all day in London": what a screen reader and the detail line say. */
function blockLabel(lane: Lane, block: Block, zone: string): string {
  const prefix = lane.kind === 'freeze' ? 'Freeze' : 'Window';
  const edges = [block.beganEarlier ? 'began earlier' : null, block.goesOn ? 'goes on after these two weeks' : null].filter((edge) => edge !== null);
  return `${prefix}: ${lane.title}, ${spanIn(block.start, block.end, zone)}${edges.length ? ` (${edges.join('; ')})` : ''}`;
}

function percent(t: number, calendar: CalendarView): number {
  return ((t - calendar.from) / (calendar.to - calendar.from)) * 100;
}

const dayOfMonthReading = readingPerZone({ day: 'numeric' });
const weekdayReading = readingPerZone({ weekday: 'short' });
const dayAndMonthReading = readingPerZone({ day: 'numeric', month: 'short' });

/** "Wed 23 Dec" on the first column and each month's first day, "Thu 24" between: fourteen columns stay legible. */
function dayHeading(start: number, zone: string, first: boolean): { weekday: string; date: string } {
  const dayOfMonth = dayOfMonthReading(zone).format(start);
  return {
    weekday: weekdayReading(zone).format(start),
    date: first || dayOfMonth === '1' ? dayAndMonthReading(zone).format(start) : dayOfMonth,
  };
}

interface Position {
  lane: number;
  block: number;
}

/** Arrow keys move along a lane and between lanes (to the block nearest in time), so the grid is one Tab stop. */
function moveFrom(lanes: readonly Lane[], at: Position, key: string): Position | null {
  const lane = lanes[at.lane];
  if (!lane) return null;
  if (key === 'ArrowRight') return at.block + 1 < lane.blocks.length ? { lane: at.lane, block: at.block + 1 } : null;
  if (key === 'ArrowLeft') return at.block > 0 ? { lane: at.lane, block: at.block - 1 } : null;
  if (key === 'Home') return { lane: at.lane, block: 0 };
  if (key === 'End') return { lane: at.lane, block: lane.blocks.length - 1 };
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return null;
  const step = key === 'ArrowDown' ? 1 : -1;
  const t = lane.blocks[at.block]?.start ?? 0;
  for (let i = at.lane + step; i >= 0 && i < lanes.length; i += step) {
    const blocks = lanes[i]?.blocks ?? [];
    if (!blocks.length) continue;
    let nearest = 0;
    blocks.forEach((b, j) => {
      if (Math.abs(b.start - t) < Math.abs((blocks[nearest]?.start ?? 0) - t)) nearest = j;
    });
    return { lane: i, block: nearest };
  }
  return null;
}

/** Refused while its file is being made, as every refused action is: it keeps its focus and says why (ActionButton). */
function ExportButton() {
  const [busy, setBusy] = useState(false);
  const exportCalendar = async () => {
    setBusy(true);
    try {
      const file = await send('exportCalendar', {});
      if (file) downloadFile(file);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ActionButton disabledReason={busy ? 'The calendar is being exported; its file downloads in a moment.' : null} onClick={() => void exportCalendar()}>
      Export calendar (.ics)
    </ActionButton>
  );
}

/**
 * Issue 19: the coming two weeks of every region's window, every release type's window and every freeze,
 * in the operator's zone, with a line at the console's "now" (a rehearsal's simulated time). Main computes
 * the blocks (shared/calendar); this draws them.
 */
export function ReleaseCalendar() {
  const zone = operatorZone();
  const now = useNow();
  const [calendar, setCalendar] = useState<CalendarView | null>(null);
  const [active, setActive] = useState<Position | null>(null);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  // Asked again when the console's day changes (midnight, or a rehearsal clock moved to another day).
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
  // And when a freeze calendar was read again: its freezes may have changed.
  const calendarsRead = useConsole((s) => s.session?.workspace.calendars.map((c) => `${c.freeze}@${c.fetchedAt ?? ''}:${c.error ?? ''}`).join('|') ?? '');
  useEffect(() => {
    let current = true;
    void send('getCalendar', { zone }).then((answer) => current && answer && setCalendar(answer));
    return () => {
      current = false;
    };
  }, [zone, dayKey, calendarsRead]);

  const lanes = calendar?.lanes ?? [];
  const first = useMemo(() => {
    const lane = lanes.findIndex((l) => l.blocks.length > 0);
    return lane < 0 ? null : { lane, block: 0 };
  }, [lanes]);
  // A block that went away with a new day's calendar hands the Tab stop back to the first one.
  const focusable = active && lanes[active.lane]?.blocks[active.block] ? active : first;
  const described = focusable ? lanes[focusable.lane] : undefined;
  const describedBlock = described?.blocks[focusable?.block ?? 0];

  if (!calendar) return <p className="muted">Loading the calendar…</p>;
  const nowLeft = percent(now, calendar);
  const showNow = nowLeft >= 0 && nowLeft <= 100;

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!focusable) return;
    const next = moveFrom(lanes, focusable, e.key);
    if (!next) return;
    e.preventDefault();
    setActive(next);
    refs.current.get(`${next.lane}:${next.block}`)?.focus();
  }

  return (
    <section className="calendar" aria-label="Calendar">
      <header className="calendar-head">
        <h2>Windows and freezes, the coming two weeks</h2>
        <span className="muted">Times in {zoneLabel(zone) === zone ? zone : `${zoneLabel(zone)} (${zone})`}</span>
        <span className="spacer" />
        <span className="calendar-legend" aria-hidden="true">
          <span className="calendar-swatch calendar-swatch-window" /> window open
          <span className="calendar-swatch calendar-swatch-freeze" /> freeze
        </span>
        <ExportButton />
      </header>
      <div className="calendar-scroll">
      <div className="calendar-grid" role="group" aria-label={`Windows and freezes, ${spanIn(calendar.from, calendar.to, zone)}; arrow keys move between them`} onKeyDown={onKeyDown}>
        <div className="calendar-corner muted">{showNow && <>Now {clockIn(now, zone)}</>}</div>
        <div className="calendar-days" aria-hidden="true">
          {calendar.days.map((day, i) => {
            const { weekday, date } = dayHeading(day.start, zone, i === 0);
            const today = day.start <= now && now < day.end;
            return (
              <div key={day.start} className={`calendar-day${day.weekday >= 6 ? ' weekend' : ''}${today ? ' today' : ''}`} style={{ width: `${percent(day.end, calendar) - percent(day.start, calendar)}%` }}>
                <span className="calendar-weekday">{weekday}</span> <span>{date}</span>
              </div>
            );
          })}
        </div>
        {lanes.map((lane, i) => (
          <LaneRow
            key={lane.id}
            lane={lane}
            index={i}
            calendar={calendar}
            zone={zone}
            tabStop={focusable}
            nowLeft={showNow ? nowLeft : null}
            onFocusBlock={(block) => setActive({ lane: i, block })}
            register={(block, el) => (el ? refs.current.set(`${i}:${block}`, el) : refs.current.delete(`${i}:${block}`))}
          />
        ))}
      </div>
      </div>
      {lanes.length === 0 && <p className="muted">This workspace names no region windows, release-type windows or freezes.</p>}
      <p className="calendar-detail" aria-live="polite">
        {described && describedBlock ? (
          <>
            <strong>{blockLabel(described, describedBlock, zone)}</strong>
            <span className="muted"> · {described.detail}</span>
          </>
        ) : (
          <span className="muted">Nothing is open or frozen in these two weeks.</span>
        )}
      </p>
    </section>
  );
}

interface LaneRowProps {
  lane: Lane;
  index: number;
  calendar: CalendarView;
  zone: string;
  tabStop: Position | null;
  nowLeft: number | null;
  onFocusBlock: (block: number) => void;
  register: (block: number, el: HTMLButtonElement | null) => void;
}

function LaneRow({ lane, index, calendar, zone, tabStop, nowLeft, onFocusBlock, register }: LaneRowProps) {
  return (
    <>
      <div className={`calendar-lane-label calendar-lane-${lane.kind}`} title={lane.detail}>
        <span className="calendar-lane-title">{lane.title}</span>
        <span className="calendar-lane-detail muted">{lane.summary}</span>
      </div>
      <div className="calendar-track">
        {calendar.days.map((day) => (
          <span key={day.start} className={`calendar-gridline${day.weekday >= 6 ? ' weekend' : ''}`} style={{ left: `${percent(day.start, calendar)}%`, width: `${percent(day.end, calendar) - percent(day.start, calendar)}%` }} />
        ))}
        {lane.blocks.length === 0 && <span className="calendar-empty muted">{lane.kind === 'freeze' ? 'not frozen in these two weeks' : 'not open in these two weeks'}</span>}
        {lane.blocks.map((block, j) => {
          const label = blockLabel(lane, block, zone);
          const left = percent(block.start, calendar);
          const width = percent(block.end, calendar) - left;
          return (
            <button
              key={block.start}
              type="button"
              ref={(el) => register(j, el)}
              className={`calendar-block calendar-block-${lane.kind}${block.beganEarlier ? ' began-earlier' : ''}${block.goesOn ? ' goes-on' : ''}`}
              style={{ left: `${left}%`, width: `${width}%` }}
              aria-label={label}
              title={`${label}\n${lane.detail}`}
              tabIndex={tabStop && tabStop.lane === index && tabStop.block === j ? 0 : -1}
              onFocus={() => onFocusBlock(j)}
              onClick={() => onFocusBlock(j)}
            >
              {lane.kind === 'freeze' && width > 6 ? lane.title : ''}
            </button>
          );
        })}
        {nowLeft !== null && <span className="calendar-now" style={{ left: `${nowLeft}%` }} aria-hidden="true" />}
      </div>
    </>
  );
}
