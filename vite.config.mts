import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer bundle both adapters serve: Electron from app://console/, browser mode from 127.0.0.1.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Loaded from disk (app://) or loopback, never over a network: one bundle is fine.
    chunkSizeWarningLimit: 2_000,
    target: 'chrome120',
    // No inline module preload polyfill: the CSP forbids inline script.
    modulePreload: { polyfill: false },
  },
});
