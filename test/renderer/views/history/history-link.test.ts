import { describe, expect, it } from 'vitest';
import { formatHistoryLink, parseHistoryLink, type HistoryLink } from '../../../../renderer/views/history/history-link';

const FROM = Date.UTC(2026, 2, 19, 10, 0);
const TO = Date.UTC(2026, 2, 20, 0, 0);

describe('History links: the filters, page and open release in the URL hash', () => {
  it.each<[string, HistoryLink]>([
    ['#/history', { filter: {}, page: 0, open: null }],
    ['#/history?person=Sam+Okafor&kind=refused', { filter: { person: 'Sam Okafor', kind: 'refused' }, page: 0, open: null }],
    ['#/history?release=2026-03-product-rollout&region=EUW2&from=2026-03-19T10%3A00%3A00.000Z&to=2026-03-20T00%3A00%3A00.000Z&page=3', { filter: { release: '2026-03-product-rollout', region: 'EUW2', from: FROM, to: TO }, page: 2, open: null }],
    ['#/history?open=2026-03-emergency-sip', { filter: {}, page: 0, open: '2026-03-emergency-sip' }],
  ])('%s round-trips', (hash, link) => {
    expect(parseHistoryLink(hash)).toEqual(link);
    expect(formatHistoryLink(link)).toBe(hash);
  });

  it.each([
    ['#/history?from=yesterday', { filter: {}, page: 0, open: null }, 'a time that is not one is dropped'],
    ['#/history?from=2026-03-20T00:00:00Z&to=2026-03-19T10:00:00Z&kind=refused', { filter: {}, page: 0, open: null }, 'a range that ends before it starts shows everything'],
    ['#/history?page=0', { filter: {}, page: 0, open: null }, 'pages count from 1'],
    ['#/board?person=Sam', { filter: {}, page: 0, open: null }, 'another screen has no history filters'],
  ])('%s reads as %j (%s)', (hash, link) => {
    expect(parseHistoryLink(hash)).toEqual(link);
  });
});
