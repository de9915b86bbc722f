import type { HistoryFilter } from '../api/history';
import type { EntryFacts } from './entryFacts';

/** Whether an entry passes every filter given; a filter left out passes everything. Time is `[from, to)`. */
export function matchesHistoryFilter(facts: EntryFacts, filter: HistoryFilter): boolean {
  if (filter.release !== undefined && facts.release !== filter.release) return false;
  if (filter.region !== undefined && facts.region !== filter.region) return false;
  if (filter.person !== undefined && facts.person !== filter.person) return false;
  if (filter.kind !== undefined && facts.kind !== filter.kind) return false;
  if (filter.from !== undefined && !(facts.at >= filter.from)) return false;
  if (filter.to !== undefined && !(facts.at < filter.to)) return false;
  return true;
}
