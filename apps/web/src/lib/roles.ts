import { OrganisationRole } from "@ensemble/contracts/organisations";
import { ProjectRole } from "@ensemble/contracts/projects";
import type { TFunction } from "i18next";

/**
 * An organisation or project role in words (roles.organisation / roles.project); a value that is
 * neither (e.g. from an older audit record) is returned as it is, and none as null.
 */
export function roleName(t: TFunction, role: string | null | undefined): string | null {
  const organisationRole = OrganisationRole.safeParse(role);
  if (organisationRole.success) {
    return t(`roles.organisation.${organisationRole.data}`);
  }
  const projectRole = ProjectRole.safeParse(role);
  if (projectRole.success) {
    return t(`roles.project.${projectRole.data}`);
  }
  return role ?? null;
}
