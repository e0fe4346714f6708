import { type ReactNode, type RefObject, useId } from "react";

interface CardSectionProps {
  title: string;
  children: ReactNode;
  /** Lets a section move focus to its heading after its content changed under the user. */
  headingRef?: RefObject<HTMLHeadingElement | null> | undefined;
  tone?: "default" | "danger";
  /** More classes for the section (e.g. a feature's spacing). */
  className?: string | undefined;
}

/** One card of a page: a region named by its heading (an h2 under the page's h1). */
export function CardSection({ title, children, headingRef, tone = "default", className }: CardSectionProps) {
  const id = useId();
  const classes = ["card", tone === "danger" ? "card--danger" : null, className].filter(Boolean).join(" ");
  return (
    <section className={classes} aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </h2>
      {children}
    </section>
  );
}
