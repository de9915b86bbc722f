import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import { createUiSlice, type Theme, type UiSlice } from '../../../renderer/store/ui-slice';

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
