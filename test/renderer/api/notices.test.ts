import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertView, ReleaseView } from '../../../shared/api';
import { noticeBody, showNotice } from '../../../renderer/api/notices';
import { consoleStore } from '../../../renderer/store/store';

const release = 'production';
const done: AlertView = {
  id: 'rollback:HO-1234:done',
  severity: 'info',
  regionId: null,
  title: 'HO-1234 rolled back by olu (on-call PE)',
  detail: 'HO-1234 runs its earlier versions again in S01. It is now “Failed Production Rollout”.',
  at: 0,
  actions: [{ kind: 'rollback', label: 'HO-1234 rolled back: open the record', handoverId: 'HO-1234' }],
};
const notice = { id: done.id, severity: done.severity, title: done.title, body: done.detail };

function onDesk(rollbackTarget: { releaseId: string; handoverId: string } | null): void {
  consoleStore.setState({ view: { release: { id: release }, alerts: [done] } as unknown as ReleaseView, rollbackTarget, toasts: [] });
}

const shown = () => consoleStore.getState().toasts.map((t) => t.text);

describe("a finished rollback's notice", () => {
  beforeEach(() => onDesk(null));

  it('is not shown on the desk whose dialog shows that rollback: the dialog says "rolled back" itself', () => {
    onDesk({ releaseId: release, handoverId: 'HO-1234' });
    showNotice(notice);
    // Before: "HO-1234 rolled back by olu (on-call PE)", "its banner is behind this dialog…", in the dialog's one notice line.
    expect(shown()).toEqual([]);
  });

  it.each([
    ['no dialog open', null],
    ["another handover's rollback dialog", { releaseId: release, handoverId: 'HO-1240' }],
    ["another release's dialog of the same handover", { releaseId: 'other', handoverId: 'HO-1234' }],
  ])('is shown with %s', (_, target) => {
    onDesk(target);
    showNotice(notice);
    expect(shown()).toEqual(['HO-1234 rolled back by olu (on-call PE)']);
  });

  it("leaves other notices of that handover in its dialog: a breach's is not what the dialog shows", () => {
    onDesk({ releaseId: release, handoverId: 'HO-1234' });
    showNotice({ id: 'breach:S01:1', severity: 'critical', title: 'S01 breached its rollback criteria', body: 'Roll back HO-1234.' });
    expect(shown()).toEqual(['S01 breached its rollback criteria — Roll back HO-1234.']);
  });
});

describe("a notice's body", () => {
  // A window's opening names what its regions' next steps wait for, and those reasons may name instants (main/release/notices.ts).
  const opened = { body: 'Its next step cannot start yet. S01 is held by carol (on-call PE) for HO-1234\'s rollback since 10:55 UTC, until 11:00 UTC.', instants: [{ at: Date.parse('2026-03-19T10:55:00Z'), words: '10:55 UTC' }, { at: Date.parse('2026-03-19T11:00:00Z'), words: '11:00 UTC' }] };

  it.each([
    ['America/New_York', "Its next step cannot start yet. S01 is held by carol (on-call PE) for HO-1234's rollback since Thu 19 Mar, 06:55 New York, until Thu 19 Mar, 07:00 New York."],
    ['UTC', "Its next step cannot start yet. S01 is held by carol (on-call PE) for HO-1234's rollback since Thu 19 Mar, 10:55 UTC, until Thu 19 Mar, 11:00 UTC."],
  ])('reads the instants it names on a desk in %s as the step\'s pane does', (zone, words) => {
    expect(noticeBody(opened, zone)).toBe(words);
  });

  it('is as main wrote it when it names no instant', () => {
    expect(noticeBody({ body: '3 steps still open before the deadline.' }, 'America/New_York')).toBe('3 steps still open before the deadline.');
  });
});
