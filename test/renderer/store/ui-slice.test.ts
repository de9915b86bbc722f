import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import { createUiSlice, noticeWords, type Theme, type UiSlice } from '../../../renderer/store/ui-slice';

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
});
