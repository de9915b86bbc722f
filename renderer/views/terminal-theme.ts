import type { ITerminalOptions } from '@xterm/xterm';
import type { Theme } from '../store/ui-slice';

/**
 * The terminal's colours for each console theme. xterm.js draws on its own and cannot read CSS variables,
 * so these repeat `--terminal-bg` and `--text` from styles.css. In the light theme xterm.js lifts any
 * ANSI colour that would fall below 4.5:1 on the background (its `minimumContrastRatio`): tools print
 * yellow and bright white as if every terminal were dark.
 */
export function terminalTheme(theme: Theme): Pick<ITerminalOptions, 'theme' | 'minimumContrastRatio'> {
  return theme === 'light'
    ? { theme: { background: '#ffffff', foreground: '#1f2328', cursor: '#1f2328', selectionBackground: '#b6d7ff' }, minimumContrastRatio: 4.5 }
    : { theme: { background: '#0b0e12', foreground: '#d7dde5' }, minimumContrastRatio: 1 };
}
