import { describe, expect, it } from 'vitest';
import { formatScreenLink, parseScreenLink, type ScreenLink } from '../../../renderer/store/screen-link';

describe('screen links: the screen and open region in the URL hash', () => {
  it.each<[string, ScreenLink]>([
    ['#/checklist', { screen: 'checklist', regionId: null }],
    ['#/board', { screen: 'board', regionId: null }],
    ['#/qa', { screen: 'qa', regionId: null }],
    ['#/evidence', { screen: 'evidence', regionId: null }],
    ['#/history', { screen: 'history', regionId: null }],
    ['#/regions', { screen: 'regions', regionId: null }],
    ['#/regions/EUW2', { screen: 'regions', regionId: 'EUW2' }],
    ['#/regions/Global%20Platform', { screen: 'regions', regionId: 'Global Platform' }],
  ])('%s round-trips', (hash, link) => {
    expect(parseScreenLink(hash)).toEqual(link);
    expect(formatScreenLink(link)).toBe(hash);
  });

  it.each([
    ['', 'no hash'],
    ['#', 'an empty hash'],
    ['#/settings', 'an unknown screen'],
    ['#/checklist/EUW2', 'a region on a screen without regions'],
    ['#/regions/', 'an empty region'],
    ['#/regions/EUW2/extra', 'a longer path'],
    ['#/regions/%E0%A4%A', 'a malformed escape'],
  ])('names nothing for %j (%s)', (hash) => {
    expect(parseScreenLink(hash)).toBeNull();
  });

  it("opens the History screen from a link that carries its filters", () => {
    expect(parseScreenLink('#/history?person=Sam+Okafor&kind=refused')).toEqual({ screen: 'history', regionId: null });
  });

  it('names only the screen for a region chosen on another screen', () => {
    expect(formatScreenLink({ screen: 'checklist', regionId: 'EUW2' })).toBe('#/checklist');
  });
});
