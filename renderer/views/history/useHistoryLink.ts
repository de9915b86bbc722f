import { useCallback, useEffect, useState } from 'react';
import { formatHistoryLink, parseHistoryLink, type HistoryLink } from './history-link';

/**
 * The History screen's filters, page and open release, kept in `location.hash` both ways: a pasted link
 * or Back restores them, and each change writes the link (a new history step, so Back undoes a filter).
 */
export function useHistoryLink(): [HistoryLink, (next: HistoryLink) => void] {
  const [link, setLink] = useState<HistoryLink>(() => parseHistoryLink(location.hash));
  useEffect(() => {
    const onHash = () => {
      if (/^#\/?history(\?|$)/.test(location.hash)) setLink(parseHistoryLink(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const change = useCallback((next: HistoryLink) => {
    setLink(next);
    const hash = formatHistoryLink(next);
    if (location.hash !== hash) location.hash = hash;
  }, []);
  return [link, change];
}
