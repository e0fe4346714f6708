import { NavLink } from "react-router";

export interface Tab {
  to: string;
  label: string;
  /** Current only on exactly this address (the overview), not below it. */
  end?: boolean | undefined;
}

/**
 * The sections of one organisation, network or project as a navigation list of links; the link
 * of the section shown is marked (aria-current="page").
 */
export function TabNav({
  label,
  tabs,
  className = "tabs",
}: {
  label: string;
  tabs: readonly Tab[];
  className?: string;
}) {
  return (
    <nav className={className} aria-label={label}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.end ?? false}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
