import type { OrganisationMember, OrganisationRole } from "@ensemble/contracts/organisations";

/*
 * The member rules the UI needs to offer only what the API allows. They mirror
 * packages/access `canAssignOrganisationRole` and `canRemoveOrganisationMember` (the web app does
 * not depend on the access package); the API still decides.
 */

const ROLES: readonly OrganisationRole[] = ["owner", "admin", "member"];

/**
 * The roles I may give this member, their current one first (empty when I may not change it):
 * owners any role, admins member or admin but never to or from owner, members nothing, and
 * nobody their own role.
 */
export function assignableRoles(myRole: OrganisationRole, target: OrganisationMember): OrganisationRole[] {
  if (target.isMe || myRole === "member") {
    return [];
  }
  if (myRole === "admin" && target.role === "owner") {
    return [];
  }
  const allowed = myRole === "owner" ? ROLES : ROLES.filter((r) => r !== "owner");
  return [target.role, ...allowed.filter((r) => r !== target.role)];
}

/** May I remove this member? Admins everyone but owners, owners everyone; never myself (that is leaving). */
export function canRemoveMember(myRole: OrganisationRole, target: OrganisationMember): boolean {
  if (target.isMe || myRole === "member") {
    return false;
  }
  return myRole === "owner" || target.role !== "owner";
}

/** The members ownership can be handed to: everyone else who is not an owner already. */
export function transferCandidates(members: readonly OrganisationMember[]): OrganisationMember[] {
  return members.filter((m) => !m.isMe && m.role !== "owner");
}

/** Am I the only owner? (Then I may not leave before handing ownership over.) */
export function isLastOwner(members: readonly OrganisationMember[]): boolean {
  const owners = members.filter((m) => m.role === "owner");
  return owners.length === 1 && owners[0]?.isMe === true;
}
