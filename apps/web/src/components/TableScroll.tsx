import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A table's frame: it scrolls sideways on small screens instead of squeezing the columns, and is
 * focusable (a region) so that keyboard users can scroll it too. The region is named after the
 * table but not the same ("Members (table, scrolls sideways)"), since the section around it
 * usually carries the table's name already and two landmarks of one name cannot be told apart.
 */
export function TableScroll({
  name,
  className,
  children,
}: {
  /** The table's name, as its caption or heading says it. */
  name: string;
  className?: string | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section
      className={className ? `table-scroll ${className}` : "table-scroll"}
      aria-label={t("app.tableScroll", { name })}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
      tabIndex={0}
    >
      {children}
    </section>
  );
}
