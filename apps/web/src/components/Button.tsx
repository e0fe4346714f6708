import type { ComponentProps } from "react";

interface ButtonProps extends ComponentProps<"button"> {
  /** While true the button says so (aria-busy) and ignores clicks. */
  busy?: boolean;
  variant?: "primary" | "secondary" | "danger" | "link";
}

/**
 * A button. Busy and disabled buttons stay focusable (aria-disabled instead of `disabled`) so
 * keyboard focus is not lost while a form is being sent.
 */
export function Button({
  busy = false,
  variant = "primary",
  disabled = false,
  type = "button",
  className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const inactive = busy || disabled;
  const classes = ["button", `button--${variant}`, className].filter(Boolean).join(" ");
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      aria-busy={busy || undefined}
      aria-disabled={inactive || undefined}
      onClick={(event) => {
        if (inactive) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {children}
    </button>
  );
}
