// Vite bundles CSS imported for its side effect (xterm.js's stylesheet).
declare module '*.css';
