import { useRef } from 'react';
import { Command } from 'cmdk';
import { useConsole } from '../store/store';
import { ModalDialog } from './ModalDialog';

export interface PaletteCommand {
  id: string;
  label: string;
  shortcut?: string;
  /** Why the command cannot apply now: it is listed, greyed, with these words under it, and does nothing. */
  disabledReason?: string | null;
  /** Words it is found by besides its label: "terminal" finds "New shell in LON", as VS Code's "Terminal: …" commands are found. */
  keywords?: string[];
  /** The command gives the keyboard somewhere itself (a terminal, its find box): focus does not go back to where it was. */
  takesFocus?: boolean;
  run: () => void;
}

/**
 * Ctrl/Cmd+K: every common action by name, so nobody hunts for a button at 2 a.m. cmdk ranks fuzzy matches
 * ("rb 1234" finds "Roll back HO-1234") and moves the selection with the arrow keys; the modal keeps Tab in.
 */
export function CommandPalette({ commands }: { commands: PaletteCommand[] }) {
  const open = useConsole((s) => s.paletteOpen);
  const setOpen = useConsole((s) => s.setPaletteOpen);
  const tookFocus = useRef(false);
  if (!open) return null;
  const run = (command: PaletteCommand) => {
    tookFocus.current = command.takesFocus === true;
    setOpen(false);
    command.run();
  };
  const close = () => {
    tookFocus.current = false;
    setOpen(false);
  };
  return (
    <ModalDialog className="palette" label="Command palette" onClose={close} closeOnOutsideClick returnFocusTo={paletteButton} returnFocus={() => !tookFocus.current}>
      <Command label="Command" loop>
        <Command.Input placeholder="Type a command…" />
        <Command.List>
          {commands.map((c) => (
            // The label is the value cmdk matches on, so a shortcut's "Alt+2" never matches a typed "2".
            // A refused command stays listed with its reason (cmdk skips it for the arrows and Enter): one that
            // vanished would leave the PE looking for it.
            <Command.Item key={c.id} value={c.label} keywords={c.keywords} disabled={Boolean(c.disabledReason)} onSelect={() => run(c)}>
              <span className="palette-label">
                {c.label}
                {/* A space between the two, for the option's accessible name; a flex column draws none. */}
                {c.disabledReason && ' '}
                {c.disabledReason && <span className="palette-reason">{c.disabledReason}</span>}
              </span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </Command.Item>
          ))}
          <Command.Empty className="muted">No command matches.</Command.Empty>
        </Command.List>
      </Command>
    </ModalDialog>
  );
}

/** The nav's "Commands" button (App's `data-palette-button`): where focus returns when the page itself had it at Ctrl+K. */
function paletteButton(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-palette-button]');
}
