import { describe, expect, test } from 'vitest';
import { archivedRehearsalName, archivesOf, basicInstant, latestRehearsal, parseRehearsalFolderName, rehearsalFolderName } from '../../../shared/rehearsal/folder';

const START = Date.parse('2026-03-19T10:55:00Z');
const NEXT_WEEK = Date.parse('2026-03-26T10:55:00Z');

describe("a rehearsal's folder, named by its start time", () => {
  test('is the start in ISO 8601 basic format, with no colon a file system would refuse', () => {
    expect(rehearsalFolderName(START)).toBe('20260319T105500Z');
    expect(basicInstant(Date.parse('2026-10-25T00:30:00.250Z'))).toBe('20261025T003000.250Z');
    expect(() => rehearsalFolderName(Number.NaN)).toThrow(/finite epoch time/);
  });

  test('an archive keeps the start and adds when it was archived; both read back', () => {
    const name = archivedRehearsalName(START, Date.parse('2026-11-29T00:15:07.123Z'));
    expect(name).toBe('20260319T105500Z~archived-20261129T001507.123Z');
    expect(parseRehearsalFolderName(name)).toEqual({ name, start: START, archivedAt: Date.parse('2026-11-29T00:15:07.123Z') });
    expect(parseRehearsalFolderName('20260319T105500Z')).toEqual({ name: '20260319T105500Z', start: START, archivedAt: null });
  });

  test.each(['rehearsal', '2026-03-19T10:55:00Z', '20260231T105500Z', '20260319T105500Z~archived-', '20260319T105500Z~archived-x', '20260319T105500Z~archived-20261129T001507Z~archived-20261129T001507Z', '.DS_Store'])(
    '"%s" is not a rehearsal folder',
    (name) => {
      expect(parseRehearsalFolderName(name)).toBeNull();
    },
  );

  test("lists one start time's archives, newest first, and finds the latest rehearsal in use", () => {
    const names = [
      '20260319T105500Z',
      archivedRehearsalName(START, Date.parse('2026-11-28T09:00:00Z')),
      archivedRehearsalName(START, Date.parse('2026-11-29T09:00:00Z')),
      archivedRehearsalName(NEXT_WEEK, Date.parse('2026-11-30T09:00:00Z')),
      rehearsalFolderName(NEXT_WEEK),
      'notes.txt',
    ];
    expect(archivesOf(names, START).map((f) => f.archivedAt)).toEqual([Date.parse('2026-11-29T09:00:00Z'), Date.parse('2026-11-28T09:00:00Z')]);
    expect(latestRehearsal(names)?.name).toBe('20260326T105500Z');
    expect(latestRehearsal(['notes.txt'])).toBeNull();
  });
});
