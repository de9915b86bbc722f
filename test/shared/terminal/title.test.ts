import { describe, expect, it } from 'vitest';
import { sanitiseTitle, TITLE_MAX_CHARS } from '../../../shared/terminal/title';

describe('sanitiseTitle', () => {
  it.each([
    ['keeps an ordinary title', 'pe@bastion: ~/releases', 'pe@bastion: ~/releases'],
    ['puts a multi-line title on one line', 'one\ntwo\r\nthree', 'one two three'],
    ['removes escape characters so the title cannot restyle the page', 'a\x1b[31mb', 'a [31mb'],
    ['removes bidirectional overrides', 'safe\u202eexe.txt', 'safeexe.txt'],
    ['trims surrounding space', '   spaced   ', 'spaced'],
  ])('%s', (_name, input, expected) => {
    expect(sanitiseTitle(input)).toBe(expected);
  });

  it(`truncates to ${TITLE_MAX_CHARS} characters with an ellipsis, never splitting an emoji`, () => {
    const title = sanitiseTitle('🚀'.repeat(200));
    expect(Array.from(title)).toHaveLength(TITLE_MAX_CHARS);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
