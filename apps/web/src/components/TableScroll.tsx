import type { ReactNode } from "react";

/**
 * A table's frame: it scrolls sideways on small screens instead of squeezing the columns, and is
 * focusable (a region named by `label` or `labelledBy`) so that keyboard users can scroll it too.
 */
export function TableScroll({
  label,
  labelledBy,
  className,
  children,
}: {
  label?: string | undefined;
  labelledBy?: string | undefined;
  className?: string | undefined;
  children: ReactNode;
}) {
  return (
    <section
      className={className ? `table-scroll ${className}` : "table-scroll"}
      aria-label={label}
      aria-labelledby={labelledBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
      tabIndex={0}
    >
      {children}
    </section>
  );
}
