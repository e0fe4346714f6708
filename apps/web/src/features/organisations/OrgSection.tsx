import { type ReactNode, type RefObject, useId } from "react";

interface OrgSectionProps {
  title: string;
  children: ReactNode;
  /** Lets a section move focus to its heading after its content changed under the user. */
  headingRef?: RefObject<HTMLHeadingElement | null>;
  tone?: "default" | "danger";
}

/** One card of an organisation page: a region named by its heading (an h2 under the organisation's h1). */
export function OrgSection({ title, children, headingRef, tone = "default" }: OrgSectionProps) {
  const id = useId();
  return (
    <section className={tone === "danger" ? "card card--danger" : "card"} aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </h2>
      {children}
    </section>
  );
}
