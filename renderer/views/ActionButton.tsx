import { useId, type ButtonHTMLAttributes } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'type'> & {
  type?: 'button' | 'submit';
  /** Why the action cannot be taken now, in the words the person needs; null when it can. */
  disabledReason: string | null;
};

/**
 * A button that, when it cannot be pressed, says why: on hover (its title) and to a screen reader (described
 * by the reason), as the step and QA buttons do. One look for every disabled action is in styles.css.
 */
export function ActionButton({ disabledReason, title, children, type = 'button', ...rest }: Props) {
  const reasonId = useId();
  const disabled = disabledReason !== null;
  return (
    <>
      <button type={type} {...rest} disabled={disabled} title={disabled ? disabledReason : title} aria-describedby={disabled ? reasonId : rest['aria-describedby']}>
        {children}
      </button>
      {disabled && (
        <span id={reasonId} hidden>
          {disabledReason}
        </span>
      )}
    </>
  );
}
