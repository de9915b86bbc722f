import * as Dialog from '@radix-ui/react-dialog';
import { useRef, type ReactNode } from 'react';

/** The dialog's heading: it names the dialog for screen readers unless the dialog passes its own `label`. */
export const ModalTitle = Dialog.Title;

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
  children,
}: {
  /** The accessible name, when the visible heading says less or more than a screen reader needs. */
  label?: string;
  className: string;
  onClose: () => void;
  /** Off for dialogs holding typed input (a reason, a confirmation): a stray click must not throw it away. */
  closeOnOutsideClick?: boolean;
  children: ReactNode;
}) {
  // Radix returns focus to a Dialog.Trigger; these dialogs open from many places (alert, board, palette).
  const opener = useRef(document.activeElement instanceof HTMLElement ? document.activeElement : null);
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
