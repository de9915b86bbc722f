import { describe, expect, it } from 'vitest';
import type { TranscriptSummary } from '../../../shared/api';
import { emptyTranscriptWords, exitLabelOf, foldedShellsLabel, historyEntries, isOpenShell, runDurationLabel, transcriptTitle } from '../../../renderer/views/terminal/transcriptLabels';

const AT = Date.parse('2026-03-19T10:55:00Z');
const entry = (id: string, over: Partial<TranscriptSummary> = {}): TranscriptSummary => ({
  id,
  kind: 'shell',
  commandId: null,
  releaseId: null,
  regionId: 'S01',
  argv: ['/bin/bash'],
  title: null,
  startedAt: AT,
  endedAt: null,
  elapsedMs: null,
  exitCode: null,
  signal: null,
  size: 0,
  omittedChars: 0,
  ...over,
});
const live = { 'term-3': { startedAt: AT, exit: null }, 'term-4': { startedAt: AT, exit: { code: 0, signal: null } } };

describe("a history entry's title", () => {
  it.each<[string, Partial<TranscriptSummary>, string]>([
    ['a shell, by the name its tab had', { title: 'Shell 2' }, 'Shell 2 (/bin/bash)'],
    ['a shell kept before shells were named', { title: null }, 'Shell (/bin/bash)'],
    ["a step's command, by its command line", { kind: 'command', argv: ['maintenance', 'enable', '--region', 'S01'] }, 'maintenance enable --region S01'],
  ])('%s', (_, over, title) => {
    expect(transcriptTitle(entry('x', over))).toBe(title);
  });
});

describe("a region's history entries", () => {
  it.each<[string, TranscriptSummary, boolean]>([
    ['a shell open now', entry('shell-1773917700000-term-3'), true],
    ['a shell whose session has ended', entry('shell-1773917700000-term-4'), false],
    ["an earlier console's shell of the same session id", entry('shell-1773917700000-term-3', { startedAt: AT - 60_000 }), false],
    ['a shell with no live session', entry('shell-1773917700000-term-9'), false],
    ['an ended shell', entry('shell-1773917700000-term-3', { endedAt: AT + 1_000, exitCode: 0 }), false],
    ['a step run', entry('2026-03-product-rollout~4', { kind: 'command', endedAt: AT, exitCode: 0 }), false],
  ])('%s: open is %s', (_, run, open) => {
    expect(isOpenShell(run, live)).toBe(open);
  });

  it.each<[string, Pick<TranscriptSummary, 'exitCode' | 'signal' | 'endedAt'>, boolean, string]>([
    ['open', { exitCode: null, signal: null, endedAt: null }, true, 'open now, in its tab'],
    ['not open, no exit', { exitCode: null, signal: null, endedAt: null }, false, 'no exit recorded (the console stopped first)'],
    ['exited', { exitCode: 0, signal: null, endedAt: AT }, false, 'exit 0'],
    ['hung up', { exitCode: 129, signal: 'SIGHUP', endedAt: AT }, false, 'SIGHUP (129)'],
  ])('%s reads %j', (_, run, open, words) => {
    expect(exitLabelOf(run, open)).toBe(words);
  });

  it('lists step runs and shells that kept something; folds shells open now and empty ended ones into one line', () => {
    const step = entry('2026-03-product-rollout~4', { kind: 'command', endedAt: AT, exitCode: 0, size: 331 });
    const open = entry('shell-1773917700000-term-3');
    const empty = entry('shell-1773917600000-term-1', { endedAt: AT, exitCode: 0 });
    const kept = entry('shell-1773917500000-term-2', { endedAt: AT, exitCode: 0, size: 120 });
    expect(historyEntries([open, empty, kept, step], live)).toEqual({ listed: [kept, step], open: [open], empty: [empty] });
    expect(foldedShellsLabel(1, 1)).toBe('1 shell open now (in its tab) and 1 empty shell not listed');
    expect(foldedShellsLabel(3, 0)).toBe('3 shells open now (in their tabs) not listed');
  });
});

describe('an empty transcript, in words', () => {
  it.each<[string, Pick<TranscriptSummary, 'kind'>, boolean, string]>([
    ['a step run', { kind: 'command' }, false, 'This run printed nothing: its transcript is empty.'],
    ['a shell open now', { kind: 'shell' }, true, 'This shell is still open: its output is kept here once it ends. Its tab shows it now.'],
    ['an ended shell', { kind: 'shell' }, false, 'Nothing was shown in this shell: its transcript is empty.'],
  ])('%s: %j', (_, run, open, words) => {
    expect(emptyTranscriptWords(run, open)).toBe(words);
  });
});

describe("an ended run's duration in the history", () => {
  it('reads its wall-clock time, not the rehearsal clock that stood still while it ran', () => {
    expect(runDurationLabel(entry('a~0', { kind: 'command', endedAt: AT, elapsedMs: 41_300 }))).toBe('41.3 s');
  });
  it('falls back to the console clock for runs recorded before the wall-clock time was kept', () => {
    expect(runDurationLabel(entry('a~1', { kind: 'command', endedAt: AT + 125_000 }))).toBe('2 min 05 s');
  });
  it('has none while a shell is open', () => {
    expect(runDurationLabel(entry('shell-1-term-1'))).toBeNull();
  });
});
