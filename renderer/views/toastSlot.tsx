import { createContext, useContext } from 'react';

/**
 * While a modal dialog is open, toasts show inside it, below its content, instead of floating over the
 * bottom-right corner where a large dialog (the rollback run) keeps its buttons. Inside the dialog they
 * are also announced: screen readers ignore what lies outside an aria-modal dialog.
 */
export const ToastSlotContext = createContext<(slot: HTMLElement | null) => void>(() => undefined);

/** Placed last in a modal dialog: where toasts go while it is open. */
export function DialogToasts() {
  const setSlot = useContext(ToastSlotContext);
  return <div className="dialog-toasts" ref={setSlot} />;
}
