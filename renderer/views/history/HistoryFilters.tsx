import type { HistoryFilter, HistoryPageView } from '../../../shared/api';
import { describeKind } from '../../../shared/history/entryKind';
import { instantOfLocalInput, localInputValue } from './entry-time';
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
  return (
    <fieldset className="history-filters" aria-label="Filters">
      <legend>Filters</legend>
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
      <label>
        <span>
          From <span className="muted">({zone})</span>
        </span>
        <input type="datetime-local" value={localInputValue(filter.from)} onChange={(e) => set('from', instantOfLocalInput(e.target.value))} />
      </label>
      <label>
        <span>
          Before <span className="muted">({zone})</span>
        </span>
        <input type="datetime-local" value={localInputValue(filter.to)} onChange={(e) => set('to', instantOfLocalInput(e.target.value))} />
      </label>
      <ActionButton disabledReason={empty ? 'No filter is set' : null} onClick={() => onChange({})}>
        Clear filters
      </ActionButton>
    </fieldset>
  );
}
