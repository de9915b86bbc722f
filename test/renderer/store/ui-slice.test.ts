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
