import type { ProjectColor } from "@ensemble/contracts/projects";
import { initials } from "../../components/Avatar.tsx";
import "./projects.css";

/**
 * A square of the project's colour with its initials. Decorative: the name is always written next
 * to it, so it is hidden from assistive technology.
 */
export function ProjectSwatch({
  name,
  color,
  size = "medium",
}: {
  name: string;
  color: ProjectColor;
  size?: "small" | "medium" | "large";
}) {
  return (
    <span className={`project-swatch project-swatch--${size} project-color--${color}`} aria-hidden="true">
      {size === "small" ? null : initials(name)}
    </span>
  );
}
