import { type ReactNode, type RefObject, useId } from "react";

interface SettingsSectionProps {
  title: string;
  children: ReactNode;
  /** Lets a section move focus to its heading after its content changed under the user. */
  headingRef?: RefObject<HTMLHeadingElement | null>;
  tone?: "default" | "danger";
}

/** One card of the settings page: a region named by its heading. */
export function SettingsSection({ title, children, headingRef, tone = "default" }: SettingsSectionProps) {
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
