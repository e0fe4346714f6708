import { canAssignOrganisationRole, canRemoveOrganisationMember } from "@ensemble/access/policy";
import type { OrganisationMember, OrganisationRole } from "@ensemble/contracts/organisations";

/*
 * The member rules the UI needs to offer only what the API allows: the very rules of
 * packages/access (its pure policy module), so the two can never disagree; the API still decides.
 */

const ROLES: readonly OrganisationRole[] = ["owner", "admin", "member"];

/**
 * The roles I may give this member, their current one first (empty when I may not change it):
 * owners any role, admins member or admin but never to or from owner, members nothing, and
 * nobody their own role.
 */
export function assignableRoles(myRole: OrganisationRole, target: OrganisationMember): OrganisationRole[] {
  const allowed = ROLES.filter((r) => canAssignOrganisationRole(myRole, target.role, r, target.isMe));
  if (allowed.length === 0) {
    return [];
  }
  // always owner, admin, member (the current role selected), so the list reads the same every time
  return ROLES.filter((r) => r === target.role || allowed.includes(r));
}

/** May I remove this member? Admins everyone but owners, owners everyone; never myself (that is leaving). */
export function canRemoveMember(myRole: OrganisationRole, target: OrganisationMember): boolean {
  return !target.isMe && canRemoveOrganisationMember(myRole, target.role);
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
