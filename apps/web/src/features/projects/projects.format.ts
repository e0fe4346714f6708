import { ProjectRole } from "@ensemble/contracts/projects";
import type { TFunction } from "i18next";

/** The name of a project role; `null` is an admin of the owning organisation without a role. */
export function roleLabel(t: TFunction, role: ProjectRole | null): string {
  return role === null ? t("projects.roles.ownerAdmin") : t(`roles.project.${role}`);
}

/** Whether the role is one of the project roles (for values read back from a select). */
export function isProjectRole(value: string): value is ProjectRole {
  return ProjectRole.safeParse(value).success;
}
