import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import { createUiSlice, foldNotices, NOTICES_FOLDED_IN_DIALOG, noticesHead, noticesShownIn, noticeWords, type Theme, type Toast, type UiSlice } from '../../../renderer/store/ui-slice';

function store() {
  return createStore<UiSlice>()(createUiSlice);
}

describe('the theme: the operator’s choice, else the operating system’s', () => {
  it.each<[string, Theme | null, Theme, Theme]>([
    ['follows a light OS when nothing was chosen', null, 'light', 'light'],
    ['follows a dark OS when nothing was chosen', null, 'dark', 'dark'],
    ['keeps a chosen dark theme on a light OS', 'dark', 'light', 'dark'],
    ['keeps a chosen light theme on a dark OS', 'light', 'dark', 'light'],
  ])('%s', (_, choice, system, shown) => {
    const ui = store();
    ui.getState().setTheme(choice);
    ui.getState().setSystemTheme(system);
    expect(ui.getState().theme).toBe(shown);
  });

  it('follows the OS again once the choice is cleared', () => {
    const ui = store();
    ui.getState().setSystemTheme('light');
    ui.getState().setTheme('dark');
    expect(ui.getState().theme).toBe('dark');
    ui.getState().setTheme(null);
    expect(ui.getState()).toMatchObject({ theme: 'light', themeChoice: null });
  });
});

describe('notices: a burst stays countable, and goes at once', () => {
  it('keeps the newest 20 of a burst of 25, oldest dropped first', () => {
    const ui = store();
    for (let i = 1; i <= 25; i++) ui.getState().toast('info', `EUW2 alert ${i}`);
    const texts = ui.getState().toasts.map((t) => t.text);
    expect(texts).toHaveLength(20);
    expect(texts[0]).toBe('EUW2 alert 6');
    expect(texts[19]).toBe('EUW2 alert 25');
  });

  it('keeps an error through a burst of 25 others: the others go first', () => {
    const ui = store();
    ui.getState().toast('error', 'The clipboard refused; use Download, or select the text and copy it by hand.');
    for (let i = 1; i <= 25; i++) ui.getState().toast('info', `EUW2 alert ${i}`);
    const texts = ui.getState().toasts.map((t) => t.text);
    expect(texts).toHaveLength(20);
    expect(texts[0]).toBe('The clipboard refused; use Download, or select the text and copy it by hand.');
    expect(texts[1]).toBe('EUW2 alert 7');
    expect(texts[19]).toBe('EUW2 alert 25');
  });

  it('dismisses one, then all', () => {
    const ui = store();
    ui.getState().toast('error', 'Refused');
    ui.getState().toast('success', 'Copied to the clipboard.');
    ui.getState().dismissToast(ui.getState().toasts[0]!.id);
    expect(ui.getState().toasts.map((t) => t.text)).toEqual(['Copied to the clipboard.']);
    ui.getState().toast('info', 'APSE1 window open');
    ui.getState().dismissAllToasts();
    expect(ui.getState().toasts).toEqual([]);
  });
});

describe('the same notice twice is one line with its count', () => {
  const FAILED = 'Testing failure: “Regression” failed after QA\'s sign-off';

  it('merges the same failure announced again into one notice, ×2, at the newest time and place', async () => {
    const ui = store();
    ui.getState().toast('error', FAILED, { pointsToBanner: true });
    const first = ui.getState().toasts[0]!;
    ui.getState().toast('info', 'APSE1 window open');
    await new Promise((resolve) => setTimeout(resolve, 5));
    ui.getState().toast('error', FAILED, { pointsToBanner: true });
    expect(ui.getState().toasts.map((t) => [t.text, t.count])).toEqual([
      ['APSE1 window open', 1],
      [FAILED, 2],
    ]);
    expect(ui.getState().toasts[1]!.shownAt).toBeGreaterThan(first.shownAt);
  });

  it.each<[string, 'error' | 'info', string, boolean]>([
    ['another tone', 'info', FAILED, true],
    ['other words', 'error', 'Testing failure: “Smoke” failed after QA\'s sign-off', true],
    ['the same words not pointing to a banner', 'error', FAILED, false],
  ])('keeps a notice with %s apart', (_, tone, text, pointsToBanner) => {
    const ui = store();
    ui.getState().toast('error', FAILED, { pointsToBanner: true });
    ui.getState().toast(tone, text, { pointsToBanner });
    expect(ui.getState().toasts.map((t) => t.count)).toEqual([1, 1]);
  });
});

describe('an alert’s notice says where its banner is', () => {
  const notice = { text: 'Testing failure: “Regression” failed after QA\'s sign-off', pointsToBanner: true };

  it('at the top below the screens, behind the dialog inside one, and says nothing of a banner for a plain notice', () => {
    expect(noticeWords(notice, false)).toBe('Testing failure: “Regression” failed after QA\'s sign-off — see the banner at the top.');
    expect(noticeWords(notice, true)).toBe('Testing failure: “Regression” failed after QA\'s sign-off — its banner is behind this dialog; close the dialog to see it.');
    expect(noticeWords({ text: 'Copied to the clipboard.', pointsToBanner: false }, true)).toBe('Copied to the clipboard.');
  });

  // Below the screens with the banner scrolled up out of sight (QA at the checklist's last item), it read "see the
  // banner at the top" all the same.
  it('above and out of sight when the screens are scrolled past it; behind a dialog whatever the screens show', () => {
    expect(noticeWords(notice, false, true)).toBe('Testing failure: “Regression” failed after QA\'s sign-off — its banner is above, scrolled out of sight.');
    expect(noticeWords(notice, true, true)).toBe('Testing failure: “Regression” failed after QA\'s sign-off — its banner is behind this dialog; close the dialog to see it.');
    expect(noticeWords({ text: 'Copied to the clipboard.', pointsToBanner: false }, false, true)).toBe('Copied to the clipboard.');
  });
});

// Before, "QA failed: Regression — see the banner at the top." stayed its 8 s after the item was reopened or passed,
// when main had already taken the banner down.
describe("an alert's notice goes with its banner", () => {
  it('is dropped once the view no longer raises its alert; other notices stay', () => {
    const ui = store();
    ui.getState().toast('error', 'QA failed: Regression', { pointsToBanner: true, alertId: 'qa:2026-03-product-rollout/qa-post-rollout#2' });
    ui.getState().toast('info', 'EUW2: error rate above 5%', { pointsToBanner: true, alertId: 'metrics:EUW2/immediate-error-rate' });
    ui.getState().toast('success', 'Copied to the clipboard.');
    ui.getState().dropNoticesOfClearedAlerts(['qa:2026-03-product-rollout/qa-post-rollout#2', 'metrics:EUW2/immediate-error-rate']);
    expect(ui.getState().toasts).toHaveLength(3);
    ui.getState().dropNoticesOfClearedAlerts(['metrics:EUW2/immediate-error-rate']);
    expect(ui.getState().toasts.map((t) => t.text)).toEqual(['EUW2: error rate above 5%', 'Copied to the clipboard.']);
  });
});

describe('the strip over a burst: the newest three, and what is folded, its errors named', () => {
  const notice = (id: number, tone: Toast['tone']): Toast => ({ id, tone, text: `notice ${id}`, shownAt: id, count: 1, pointsToBanner: false, alertId: null });

  it.each<[string, Toast['tone'][], boolean, number[], string]>([
    ['one notice alone', ['info'], false, [1], '1 notices, newest first'],
    ['three show whole', ['info', 'success', 'info'], false, [3, 2, 1], '3 notices, newest first'],
    ['six fold to the newest three', ['info', 'info', 'info', 'success', 'info', 'info'], false, [6, 5, 4], '6 notices, newest first; 3 older not shown'],
    ['an error among the folded is named', ['error', 'info', 'info', 'info', 'info'], false, [5, 4, 3], '5 notices, newest first; 2 older not shown, 1 of them an error'],
    ['two errors among the folded', ['error', 'info', 'error', 'info', 'info', 'info'], false, [6, 5, 4], '6 notices, newest first; 3 older not shown, 2 of them errors'],
    ['the one folded is an error', ['error', 'info', 'info', 'info'], false, [4, 3, 2], '4 notices, newest first; 1 older not shown, an error'],
    ['the folded are all errors', ['error', 'error', 'info', 'info', 'info'], false, [5, 4, 3], '5 notices, newest first; 2 older not shown, all errors'],
    ['an error among the newest three needs no word', ['info', 'info', 'error', 'info', 'info'], false, [5, 4, 3], '5 notices, newest first; 2 older not shown'],
    ['"Show all" shows every one', ['error', 'info', 'info', 'info', 'info'], true, [5, 4, 3, 2, 1], '5 notices, newest first'],
  ])('%s', (_, tones, showAll, shownIds, head) => {
    const toasts = tones.map((tone, i) => notice(i + 1, tone));
    const fold = foldNotices(toasts, showAll);
    expect(fold.shown.map((t) => t.id)).toEqual(shownIds);
    expect(noticesHead(toasts.length, fold)).toBe(head);
  });

  it('in a dialog folds to the newest one, naming the errors folded under it', () => {
    const toasts = (['error', 'info', 'info', 'info'] as const).map((tone, i) => notice(i + 1, tone));
    const fold = foldNotices(toasts, false, NOTICES_FOLDED_IN_DIALOG);
    expect(fold.shown.map((t) => t.id)).toEqual([4]);
    expect(noticesHead(toasts.length, fold)).toBe('4 notices, newest first; 3 older not shown, 1 of them an error');
    expect(foldNotices(toasts, true, NOTICES_FOLDED_IN_DIALOG).shown.map((t) => t.id)).toEqual([4, 3, 2, 1]);
  });
});

describe("a banner's notice stays out of the dialogs after the one it came in", () => {
  const ROLLBACK = { from: 1_000_000, to: 1_005_000 };
  const stop = { text: "HO-1234's rollback STOPPED by oscar (on-call PE)", pointsToBanner: true, shownAt: ROLLBACK.from + 2_000 };
  const refusal = { text: 'LON is held by the rollback of HO-1234', pointsToBanner: false, shownAt: ROLLBACK.from + 2_000 };
  const failure = { text: 'Testing failure: “Regression” failed after QA\'s sign-off', pointsToBanner: true, shownAt: ROLLBACK.from - 2_000 };
  const breach = { text: 'LON error rate over its rollback criteria', pointsToBanner: true, shownAt: ROLLBACK.to + 500 };
  it.each<[string, (typeof stop)[], boolean, string[]]>([
    ['below the screens, every notice', [stop, refusal, breach], false, [stop.text, refusal.text, breach.text]],
    // The rollback dialog's "its banner is behind this dialog" read on in the back-out dialog opened after it.
    ["in the next dialog, not a banner's notice that came in the rollback dialog", [stop], true, []],
    ['in the next dialog, a refusal from the rollback dialog, which is not about a banner', [stop, refusal], true, [refusal.text]],
    ["in a dialog, a banner's notice that came below the screens (its banner's button opened the dialog)", [failure], true, [failure.text]],
    ["in a dialog, a banner's notice that came after the rollback dialog closed", [stop, breach], true, [breach.text]],
  ])('%s', (_, toasts, inDialog, shown) => {
    expect(noticesShownIn(toasts, inDialog, [ROLLBACK]).map((t) => t.text)).toEqual(shown);
  });
});
