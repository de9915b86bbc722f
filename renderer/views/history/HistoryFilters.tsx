import type { HistoryFilter, HistoryPageView } from '../../../shared/api';
import { instantOfLocalInput, localInputValue } from './entry-time';
import { ActionButton } from '../ActionButton';

type Choices = HistoryPageView['choices'];

const PICKS = [
  { key: 'release', label: 'Release', from: 'releases' },
  { key: 'region', label: 'Region', from: 'regions' },
  { key: 'person', label: 'Person', from: 'people' },
  { key: 'kind', label: 'Kind', from: 'kinds' },
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
      {PICKS.map(({ key, label, from }) => {
        const values = choices?.[from] ?? [];
        const chosen = filter[key];
        return (
          <label key={key}>
            {label}
            <select value={chosen ?? ''} onChange={(e) => set(key, e.target.value)}>
              <option value="">Any</option>
              {/* A link can name a value this log no longer holds: it stays chosen, so the empty result is explained. */}
              {chosen !== undefined && !values.includes(chosen) && <option value={chosen}>{chosen}</option>}
              {values.map((v) => (
                <option key={v} value={v}>
                  {v}
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
