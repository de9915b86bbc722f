import { Command } from 'cmdk';
import { useConsole } from '../store/store';
import { ModalDialog } from './ModalDialog';

export interface PaletteCommand {
  id: string;
  label: string;
  shortcut?: string;
  run: () => void;
}

/**
 * Ctrl/Cmd+K: every common action by name, so nobody hunts for a button at 2 a.m. cmdk ranks fuzzy matches
 * ("rb 1234" finds "Roll back HO-1234") and moves the selection with the arrow keys; the modal keeps Tab in.
 */
export function CommandPalette({ commands }: { commands: PaletteCommand[] }) {
  const open = useConsole((s) => s.paletteOpen);
  const setOpen = useConsole((s) => s.setPaletteOpen);
  if (!open) return null;
  const run = (command: PaletteCommand) => {
    setOpen(false);
    command.run();
  };
  return (
    <ModalDialog className="palette" label="Command palette" onClose={() => setOpen(false)} closeOnOutsideClick returnFocusTo={paletteButton}>
      <Command label="Command" loop>
        <Command.Input placeholder="Type a command…" />
        <Command.List>
          {commands.map((c) => (
            // The label is the value cmdk matches on, so a shortcut's "Alt+2" never matches a typed "2".
            <Command.Item key={c.id} value={c.label} onSelect={() => run(c)}>
              <span>{c.label}</span>
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
