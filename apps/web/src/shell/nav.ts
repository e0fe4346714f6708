import type { Messages } from "../i18n/de.ts";

/** A key of the `nav` texts that names a navigation entry. */
export type NavLabelKey = `nav.${Exclude<keyof Messages["nav"], "label">}`;

export interface NavItem {
  to: string;
  label: NavLabelKey;
  /** Only active on exactly this path (for "/"). */
  end?: boolean;
}

/** The primary navigation; features add their entry here. */
export const navItems: readonly NavItem[] = [
  { to: "/", label: "nav.home", end: true },
  { to: "/projects", label: "nav.projects" },
  { to: "/my-tasks", label: "nav.myTasks" },
  { to: "/networks", label: "nav.networks" },
  { to: "/organisations", label: "nav.organisations" },
];
