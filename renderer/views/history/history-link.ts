import { HistoryFilter } from '../../../shared/api';

/** What the History screen's link holds: its filters, the page, and the release opened read-only. */
export interface HistoryLink {
  filter: HistoryFilter;
  page: number;
  open: string | null;
}

export const EMPTY_HISTORY_LINK: HistoryLink = { filter: {}, page: 0, open: null };

const TEXT_KEYS = ['release', 'region', 'person', 'kind'] as const;
const TIME_KEYS = ['from', 'to'] as const;

/** "#/history?person=Sam+Okafor&kind=refused": a filtered audit view a PE can paste into a CR or a channel. */
export function formatHistoryLink({ filter, page, open }: HistoryLink): string {
  const query = new URLSearchParams();
  for (const key of TEXT_KEYS) if (filter[key] !== undefined) query.set(key, filter[key]);
  // Instants, not local times: the link means the same moment on a desk in another zone.
  for (const key of TIME_KEYS) if (filter[key] !== undefined) query.set(key, new Date(filter[key]).toISOString());
  if (page > 0) query.set('page', String(page + 1));
  if (open !== null) query.set('open', open);
  const text = query.toString();
  return text ? `#/history?${text}` : '#/history';
}

/** The link's filters; a value that does not parse is dropped (the screen then shows everything it would have). */
export function parseHistoryLink(hash: string): HistoryLink {
  const at = hash.indexOf('?');
  if (!/^#?\/?history(\?|$)/.test(hash) || at < 0) return EMPTY_HISTORY_LINK;
  const query = new URLSearchParams(hash.slice(at + 1));
  const raw: Record<string, string | number> = {};
  for (const key of TEXT_KEYS) {
    const value = query.get(key);
    if (value) raw[key] = value;
  }
  for (const key of TIME_KEYS) {
    const value = Date.parse(query.get(key) ?? '');
    if (Number.isFinite(value)) raw[key] = value;
  }
  const parsed = HistoryFilter.safeParse(raw);
  const page = Number(query.get('page'));
  return {
    filter: parsed.success ? parsed.data : {},
    page: Number.isInteger(page) && page > 1 ? page - 1 : 0,
    open: query.get('open') || null,
  };
}

/**
 * The link History's own button in the navigation goes to from `hash`: the list, with its filters and page, when a
 * release is open read-only; null when the list is already shown. Pressing History there did nothing, and only the
 * release's "← History" went back.
 */
export function historyListLink(hash: string): string | null {
  const link = parseHistoryLink(hash);
  return link.open === null ? null : formatHistoryLink({ ...link, open: null });
}
