import { useId, type ButtonHTMLAttributes, type MouseEvent } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'type'> & {
  type?: 'button' | 'submit';
  /** Why the action cannot be taken now, in the words the person needs; null when it can. */
  disabledReason: string | null;
  /**
   * The reason stands as text beside the button while it is refused, for everyone, not only on hover or focus: a
   * dialog's one action ("Roll back HO-1234 now") is what its reader looks for, so the reason is not hidden.
   */
  reasonShown?: boolean;
  /**
   * The ids (space-separated) of what already says the reason on screen: a blocked step's reasons, a QA item's
   * refusal under its row. The button is described by them while it is refused, with no hover title and no
   * tooltip of its own, so a screen reader hears the reason and no one sees it twice.
   */
  reasonOnScreen?: string | undefined;
};

/**
 * A button that, when it cannot be pressed, says why: on hover (its title), to a screen reader (described by
 * the reason) and on keyboard focus (the reason shows under it); or, where the reason already stands on screen
 * (reasonShown beside it, reasonOnScreen elsewhere), described by that text. A natively disabled button takes no focus,
 * so someone tabbing through the step's actions never met the one that was refused nor learnt why; this one
 * is `aria-disabled` instead and refuses the click itself, as well-kept design systems do. One look for every
 * disabled action is in styles.css.
 */
export function ActionButton({ disabledReason, reasonShown = false, reasonOnScreen, title, children, type = 'button', onClick, ...rest }: Props) {
  const reasonId = useId();
  const disabled = disabledReason !== null;
  const saidElsewhere = disabled && reasonOnScreen !== undefined;
  // The reason is placed under its own button by CSS anchor positioning; a dashed ident cannot hold useId's marks.
  const anchor = `--why-${reasonId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const refuseWhenDisabled = (event: MouseEvent<HTMLButtonElement>) => {
    if (disabled) {
      // Enter, Space and a click all arrive here; a refused submit button must not submit its form either.
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <>
      <button
        type={type}
        {...rest}
        aria-disabled={disabled || undefined}
        onClick={refuseWhenDisabled}
        title={disabled ? (reasonShown || saidElsewhere ? undefined : disabledReason) : title}
        aria-describedby={saidElsewhere ? reasonOnScreen : disabled ? reasonId : rest['aria-describedby']}
        style={disabled && !reasonShown && !saidElsewhere ? { ...rest.style, anchorName: anchor } : rest.style}
      >
        {children}
      </button>
      {disabled &&
        !saidElsewhere &&
        (reasonShown ? (
          <span id={reasonId} className="disabled-reason-shown">
            {disabledReason}
          </span>
        ) : (
          <span id={reasonId} className="disabled-reason" role="tooltip" style={{ positionAnchor: anchor }}>
            {disabledReason}
          </span>
        ))}
    </>
  );
}
