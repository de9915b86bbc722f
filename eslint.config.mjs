import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The layering in STYLE.md, held by the linter: shared/ is pure, the renderer never reaches into main/,
// and only main/electron/ and preload/ may import electron.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util', 'stream'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'workspaces/**/bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
            { group: ['electron', 'react', 'react-dom', 'node-pty', 'zustand'], message: 'shared/ imports no electron, react or node-pty.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared/ depends on nothing above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the API contract.' },
            { group: [...nodeBuiltins, 'electron', 'node-pty'], message: 'The renderer runs in a sandboxed page.' },
          ],
        },
      ],
      // A natively disabled button takes no focus and says nothing: a refused action is an ActionButton with its reason.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXOpeningElement[name.name='button'] > JSXAttribute[name.name='disabled']", message: 'Use renderer/views/ActionButton.tsx with a disabledReason: a native disabled button takes no focus and gives no reason.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron'], message: 'Only main/electron/ may import electron.' }, { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }] },
      ],
    },
  },
);
