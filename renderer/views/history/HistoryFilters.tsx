import type { HistoryFilter, HistoryPageView } from '../../../shared/api';
import { describeKind } from '../../../shared/history/entryKind';
import { useId, useState } from 'react';
import { parseStampInput, STAMP_INPUT_FORMAT, stampInputValue } from './entry-time';
import { ActionButton } from '../ActionButton';

type Choices = HistoryPageView['choices'];

const PICKS = [
  { key: 'release', label: 'Release', from: 'releases', word: (v: string) => v },
  { key: 'region', label: 'Region', from: 'regions', word: (v: string) => v },
  { key: 'person', label: 'Person', from: 'people', word: (v: string) => v },
  // In the Kind column's words; the value (and the link's `kind=`) stays the log's own name.
  { key: 'kind', label: 'Kind', from: 'kinds', word: describeKind },
] as const;

/** Release, region, person, kind and a time range; every choice is a value the log holds. */
export function HistoryFilters({ filter, choices, zone, onChange }: { filter: HistoryFilter; choices: Choices | null; zone: string; onChange: (filter: HistoryFilter) => void }) {
  const set = (key: keyof HistoryFilter, value: string | number | undefined) => {
    const next: Record<string, unknown> = { ...filter };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next as HistoryFilter);
  };
  const empty = Object.keys(filter).length === 0;
  const [cleared, setCleared] = useState(0);
  return (
    <fieldset className="history-filters" aria-label="Filters">
      {/*
        Clear filters stands beside the legend, not after the fields: at 1280 px, once a rollout's ids, names and kinds
        widened the fields, it wrapped to a row of its own and left a band as tall as a field's caption and margins
        empty above it. Here it takes no row, and nothing a time bound's problem adds under its field moves it.
      */}
      <legend className="history-filters-legend">
        Filters
        <ActionButton
          disabledReason={empty ? 'No filter is set' : null}
          onClick={() => {
            setCleared((n) => n + 1);
            onChange({});
          }}
        >
          Clear filters
        </ActionButton>
      </legend>
      {/* Two groups that wrap whole: the picks, and the time range (From with Before, never Before alone on a row). */}
      <div className="history-filter-group">
        {PICKS.map(({ key, label, from, word }) => {
          const values = choices?.[from] ?? [];
          const chosen = filter[key];
          return (
            <label key={key}>
              {label}
              <select value={chosen ?? ''} onChange={(e) => set(key, e.target.value)}>
                <option value="">Any</option>
                {/* A link can name a value this log no longer holds: it stays chosen, so the empty result is explained. */}
                {chosen !== undefined && !values.includes(chosen) && <option value={chosen}>{word(chosen)}</option>}
                {values
                  .map((v) => ({ v, text: word(v) }))
                  // Kinds in their words' order, as they read; the others as main sorted them.
                  .sort((a, b) => (key === 'kind' ? a.text.localeCompare(b.text) : 0))
                  .map(({ v, text }) => (
                    <option key={v} value={v} title={text === v ? undefined : v}>
                      {text}
                    </option>
                  ))}
              </select>
            </label>
          );
        })}
      </div>
      {/* Cleared, the fields start afresh: text that was not a time is no filter, but it goes with the rest. */}
      <div className="history-filter-group">
        <TimeFilter key={`from-${cleared}`} label="From" zone={zone} at={filter.from} onChange={(at) => set('from', at)} />
        <TimeFilter key={`to-${cleared}`} label="Before" zone={zone} at={filter.to} onChange={(at) => set('to', at)} />
      </div>
    </fieldset>
  );
}

/**
 * A time bound typed as History's rows show times ("2026-03-19 10:55"), in the operator's zone. The browser's
 * date input wrote it in its locale's order (mm/dd/yyyy) beside rows in ISO order, and a locale cannot be asked
 * of it in Chromium or Electron. The filter follows the text as soon as it is a time, as the date input did;
 * text that is not one says what is wrong, under the field, when the field is left or Enter is pressed.
 */
function TimeFilter({ label, zone, at, onChange }: { label: string; zone: string; at: number | undefined; onChange: (at: number | undefined) => void }) {
  const problemId = useId();
  const [text, setText] = useState(() => stampInputValue(at));
  const [problem, setProblem] = useState<string | null>(null);
  const [shownAt, setShownAt] = useState(at);
  if (at !== shownAt) {
    // The filter moved from elsewhere (Clear filters, a pasted link) or from this field: the text follows unless it already says it.
    setShownAt(at);
    const typed = parseStampInput(text);
    if ((typed.kind === 'instant' ? typed.at : undefined) !== at || typed.kind === 'invalid') {
      setText(stampInputValue(at));
      setProblem(null);
    }
  }
  const follow = (value: string) => {
    setText(value);
    const typed = parseStampInput(value);
    if (typed.kind === 'invalid') return;
    setProblem(null);
    const next = typed.kind === 'instant' ? typed.at : undefined;
    if (next !== at) onChange(next);
  };
  const check = () => {
    const typed = parseStampInput(text);
    setProblem(typed.kind === 'invalid' ? `${label}: ${typed.problem}.` : null);
  };
  return (
    <div className="history-time-filter">
      <label>
        <span>
          {label} <span className="muted">({zone})</span>
        </span>
        <input
          type="text"
          className="mono"
          placeholder={STAMP_INPUT_FORMAT}
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={problem !== null || undefined}
          aria-describedby={problem === null ? undefined : problemId}
          onChange={(e) => follow(e.target.value)}
          onBlur={check}
          onKeyDown={(e) => e.key === 'Enter' && check()}
        />
      </label>
      {problem !== null && (
        <p id={problemId} className="history-time-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
