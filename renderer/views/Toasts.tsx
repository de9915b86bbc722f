import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useConsole } from '../store/store';

/** How long a notice stays: long enough to read a two-line refusal. */
const TOAST_MS = 8_000;

/** In the corner, or inside the open modal dialog's `DialogToasts` slot when there is one. */
export function Toasts({ slot }: { slot: HTMLElement | null }) {
  const toasts = useConsole((s) => s.toasts);
  const dismiss = useConsole((s) => s.dismissToast);
  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = setTimeout(() => dismiss(toasts[0]!.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toasts, dismiss]);
  const stack = (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <span>{t.text}</span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
  return slot ? createPortal(stack, slot) : stack;
}
