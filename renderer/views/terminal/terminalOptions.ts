import type { ILinkHandler, ITerminalOptions, Terminal } from '@xterm/xterm';
import { isAllowedExternalLink } from '../../../shared/workspace/externalLinks';
import { consoleStore } from '../../store/store';

/** Scrollback a PE can scroll through after a long `rmht check-versions`. */
export const SCROLLBACK_LINES = 10_000;

/**
 * The narrowest a terminal and its pty are fitted to. A host squeezed for a moment (a relayout: Playwright's element
 * screenshot of a region did it, ~120 ms) fitted them to 2 columns; bash redrew its 11-character prompt over six rows
 * of 2 and, the width back, moved up those rows erasing each: the five lines of output above the prompt were gone
 * ('row 8 needle' to 'row 12 needle', so Find counted 7 of 12). Nothing a runbook prints reads at this width; a host
 * narrower than this keeps the terminal's size, as a hidden one does.
 */
export const MIN_FITTED_COLS = 20;

/** The only link targets a terminal may open: anything else (javascript:, file:, data:, custom schemes) is inert. */
export function openableLink(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/**
 * Links open only when they are http(s), only with Ctrl/Cmd held (a click in output never navigates by
 * accident), and only to a host the workspace lists under `externalLinks`, as Electron's main allows.
 */
export function openLink(event: MouseEvent, uri: string): void {
  if (!(event.ctrlKey || event.metaKey)) return;
  const href = openableLink(uri);
  if (href === null) return;
  const store = consoleStore.getState();
  if (isAllowedExternalLink(href, store.session?.workspace.externalLinks ?? [])) {
    window.open(href, '_blank', 'noopener,noreferrer');
    return;
  }
  // Said, so a Ctrl-click that opens nothing is not taken for a broken console.
  store.toast('info', `Not opened: ${new URL(href).host} is not one of the workspace's externalLinks.`);
}

/**
 * OSC 8 hyperlinks a program prints: xterm.js's own handler would ask confirm() and open any scheme it
 * was told to; ours opens http(s) with a modifier and never offers other schemes as links at all.
 */
export const linkHandler: ILinkHandler = { activate: openLink, allowNonHttpProtocols: false };

/** The options every console terminal uses (the benchmark's bare terminal uses them too, to compare like with like). */
export function terminalOptions(readOnly: boolean): ITerminalOptions {
  return {
    scrollback: SCROLLBACK_LINES,
    convertEol: false,
    cursorBlink: !readOnly,
    disableStdin: readOnly,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 13,
    theme: { background: '#0b0e12', foreground: '#d7dde5' },
    linkHandler,
    allowProposedApi: true,
  };
}

/** OSC 52 asks the terminal to read or set the clipboard: swallowed, never answered, never acted on. */
export function refuseClipboardRequests(term: Terminal): void {
  term.parser.registerOscHandler(52, () => true);
}
