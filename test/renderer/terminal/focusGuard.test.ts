import { describe, expect, it } from 'vitest';
import { TYPING_GUARD_MS, mayTakeView } from '../../../renderer/views/terminal/focusGuard';
import { multilinePasteQuestion } from '../../../renderer/views/terminal/pasteGuard';
import { matchCountLabel } from '../../../renderer/views/terminal/TerminalSearch';

const NOW = 1_700_000_000_000;

describe('a new step terminal and the shell being typed in', () => {
  it.each([
    ['a shell never typed in', null, true],
    ['a keystroke this instant', NOW, false],
    ['a keystroke 9.999 s ago', NOW - TYPING_GUARD_MS + 1, false],
    ['a keystroke exactly 10 s ago', NOW - TYPING_GUARD_MS, true],
    ['a keystroke a minute ago', NOW - 60_000, true],
  ])('after %s, may take the view: %s', (_, typedAt, expected) => {
    expect(mayTakeView(typedAt, NOW)).toBe(expected);
  });

  it('names ten seconds', () => {
    expect(TYPING_GUARD_MS).toBe(10_000);
  });
});

describe('the multi-line paste guard', () => {
  it.each([
    ['one line, rollback running', 'rmht check-versions\n', true, null],
    ['three lines, no rollback', 'a\nb\nc', false, null],
    ['three lines, rollback running', 'a\nb\nc\n', true, 'A rollback is running. Paste 3 lines into this terminal? Pasted lines can run as commands.'],
    ['CRLF lines, rollback running', 'a\r\nb', true, 'A rollback is running. Paste 2 lines into this terminal? Pasted lines can run as commands.'],
    ['bare CR lines, rollback running', 'a\rb\rc', true, 'A rollback is running. Paste 3 lines into this terminal? Pasted lines can run as commands.'],
  ])('%s', (_, text, rollbackActive, question) => {
    expect(multilinePasteQuestion(text, rollbackActive)).toBe(question);
  });
});

describe('the search match count', () => {
  it.each([
    ['', { index: 0, count: 3 }, ''],
    ['needle', null, ''],
    ['needle', { index: 2, count: 12 }, '3 of 12'],
    ['needle', { index: 0, count: 0 }, 'No results'],
    ['needle', { index: -1, count: 12 }, '12 matches'],
    ['e', { index: -1, count: 1_000 }, '1000+ matches'],
  ])('for %j and %j reads %j', (query, results, label) => {
    expect(matchCountLabel(query, results)).toBe(label);
  });

  it.each([
    ['row (1', null, 'Invalid pattern'],
    ['row (1', { index: 0, count: 3 }, 'Invalid pattern'],
    // The box emptied after a half-typed pattern: nothing is searched, so nothing is invalid.
    ['', null, ''],
    ['', { index: 0, count: 3 }, ''],
  ])('with a pattern that does not compile, for %j and %j reads %j', (query, results, label) => {
    expect(matchCountLabel(query, results, 'Unterminated group')).toBe(label);
  });
});
