import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useRef, type ReactNode } from 'react';

/** The dialog's heading: it names the dialog for screen readers unless the dialog passes its own `label`. */
export const ModalTitle = Dialog.Title;

/**
 * What opened each open dialog, outermost first. A dialog opened from inside another (the palette's "Roll
 * back HO-1234" replaces the palette) inherits the outer one's opener: focus goes back to the page.
 */
const openers: (HTMLElement | null)[] = [];

/** The page itself (its body) opened nothing a keyboard user can resume from: null. */
function openerOf(active: Element | null): HTMLElement | null {
  if (active instanceof HTMLElement && active.closest('[role="dialog"]')) return openers.at(-1) ?? null;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

/**
 * Every modal in the console (rollback, override, command palette): Radix keeps Tab inside it, makes what
 * lies behind inert for the mouse and for screen readers, and Escape closes it. Focus goes back to what had
 * it when the dialog opened, so a keyboard user resumes where they were.
 *
 * Mounted while open: the caller renders it conditionally and `onClose` unmounts it.
 */
export function ModalDialog({
  label,
  className,
  onClose,
  closeOnOutsideClick = false,
  returnFocusTo,
  returnFocus,
  children,
}: {
  /** The accessible name, when the visible heading says less or more than a screen reader needs. */
  label?: string;
  className: string;
  onClose: () => void;
  /** Off for dialogs holding typed input (a reason, a confirmation): a stray click must not throw it away. */
  closeOnOutsideClick?: boolean;
  /**
   * Where focus goes back to when nothing had it as the dialog opened (the page's body, after a click on words):
   * the palette's own button, so Tab goes on from the nav rather than from the top of the window.
   */
  returnFocusTo?: () => HTMLElement | null;
  /** Asked as the dialog closes: false when what closed it gave the keyboard somewhere itself. */
  returnFocus?: () => boolean;
  children: ReactNode;
}) {
  // Radix returns focus to a Dialog.Trigger; these dialogs open from many places (alert, board, palette).
  const opener = useRef<HTMLElement | null | undefined>(undefined);
  if (opener.current === undefined) opener.current = openerOf(document.activeElement) ?? returnFocusTo?.() ?? null;
  useEffect(() => {
    const mine = opener.current ?? null;
    openers.push(mine);
    return () => {
      openers.splice(openers.lastIndexOf(mine), 1);
    };
  }, []);
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-backdrop">
          <Dialog.Content
            className={className}
            aria-label={label}
            // No Dialog.Description: the content is its own description; Radix would point at a missing id.
            aria-describedby={undefined}
            onInteractOutside={(e) => !closeOnOutsideClick && e.preventDefault()}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              // An action that gives the keyboard elsewhere (the palette's "Focus LON's terminal") keeps it there: Radix
              // returns focus a task after the dialog closed, and took it back from the terminal just focused.
              if (returnFocus?.() === false) return;
              if (opener.current?.isConnected) opener.current.focus();
            }}
          >
            {children}
          </Dialog.Content>
        </Dialog.Overlay>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
