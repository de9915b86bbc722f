import type { TerminalRequest } from '../store/terminal-slice';

/** What the palette knows of the terminals on screen. */
export interface TerminalPaletteContext {
  /** The region whose workspace is on screen; null on any other screen, or on the control pane. */
  regionId: string | null;
  /** How many of its terminals (shells and step runs) this desk shows. */
  terminals: number;
  maximized: boolean;
}

/** One of the palette's terminal commands: what it asks of the region's panel, or that it toggles the panel's size. */
export interface TerminalPaletteCommand {
  id: string;
  label: string;
  action: TerminalRequest['action'] | 'maximize';
  /** Why it cannot apply now, in the words the PE needs; null when it can. */
  disabledReason: string | null;
}

/**
 * The terminal commands a PE reaches from the palette (VS Code's "Terminal: Create New Terminal", "Terminal: Focus
 * Terminal", "Terminal: Find"…), each for the region on screen and named with it. With no region open they are
 * listed all the same, refused with the way to one: a command that vanished would leave the PE looking for it.
 * No option says a word twice, its reason included (dialogs.spec): "Terminal: Focus LON's terminal" did.
 */
export function terminalPaletteCommands({ regionId, terminals, maximized }: TerminalPaletteContext): TerminalPaletteCommand[] {
  // Short: with no region it stands under each of the five (at 1024 px a longer one took two lines under every one).
  const needsRegion = regionId === null ? 'Needs a region on screen: choose one with “Go to Control pane” or by name.' : null;
  const needsTerminal = needsRegion ?? (terminals === 0 ? 'None open yet at this desk: “New shell” here starts one.' : null);
  const theTerminal = regionId === null ? 'the terminal' : `${regionId}'s terminal`;
  return [
    { id: 'terminal-new-shell', label: regionId === null ? 'New shell' : `New shell in ${regionId}`, action: 'newShell', disabledReason: needsRegion },
    { id: 'terminal-focus', label: `Focus ${theTerminal}`, action: 'focus', disabledReason: needsTerminal },
    { id: 'terminal-find', label: `Find in ${theTerminal}`, action: 'find', disabledReason: needsTerminal },
    { id: 'terminal-maximize', label: `${maximized ? 'Restore' : 'Maximize'} ${theTerminal} panel`, action: 'maximize', disabledReason: needsRegion },
    { id: 'terminal-history', label: `Open ${theTerminal} history`, action: 'history', disabledReason: needsRegion },
  ];
}
