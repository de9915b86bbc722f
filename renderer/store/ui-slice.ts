import type { StateCreator } from 'zustand';
import type { ApiError } from '../../shared/api';

export type Theme = 'dark' | 'light';

export interface Toast {
  id: number;
  tone: 'info' | 'error' | 'success';
  text: string;
}

export interface UiSlice {
  theme: Theme;
  paletteOpen: boolean;
  toasts: Toast[];
  setTheme: (theme: Theme) => void;
  setPaletteOpen: (open: boolean) => void;
  toast: (tone: Toast['tone'], text: string) => void;
  toastError: (error: ApiError) => void;
  dismissToast: (id: number) => void;
}

let nextToast = 1;

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set, get) => ({
  // Dark by default: Friday night in the EU.
  theme: 'dark',
  paletteOpen: false,
  toasts: [],
  setTheme: (theme) => set({ theme }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  toast: (tone, text) => set({ toasts: [...get().toasts.slice(-4), { id: nextToast++, tone, text }] }),
  toastError: (error) => get().toast('error', error.message),
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
});
