import { type Actor, abilities, type OrganisationSubject } from "@ensemble/access/policy";
import type {
  Organisation,
  OrganisationKind,
  OrganisationMember,
  OrganisationProfile,
  OrganisationRole,
  Sparte,
} from "@ensemble/contracts/organisations";
import type { OrganisationRow } from "@ensemble/db/schema";

/** A stable avatar colour (0–7) from an id. */
export function avatarColor(id: string): number {
  let h = 0;
  for (const ch of id) {
    h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  }
  return h % 8;
}

/** Is the profile filled in well enough for a network directory? */
export function isProfileComplete(
  row: Pick<OrganisationRow, "sparten" | "description" | "district" | "contact_email">,
): boolean {
  return row.sparten.length > 0 && row.description !== "" && row.district !== "" && row.contact_email !== "";
}

/** The public profile of an organisation. */
export function presentProfile(row: OrganisationRow): OrganisationProfile {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as OrganisationKind,
    sparten: row.sparten as Sparte[],
    description: row.description,
    website: row.website,
    address: row.address,
    district: row.district,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    accessibilityNotes: row.accessibility_notes,
    avatarColor: avatarColor(row.id),
    profileComplete: isProfileComplete(row),
  };
}

/** The organisation as a member sees it, with what they may do. */
export function presentOrganisation(
  row: OrganisationRow,
  actor: Actor,
  subject: OrganisationSubject,
  memberCount: number,
): Organisation {
  const can = abilities(actor, subject, [
    "update",
    "manage_members",
    "read_audit",
    "transfer_ownership",
    "create_network",
    "create_project",
    "leave",
  ]);
  return {
    ...presentProfile(row),
    myRole: subject.role ?? "member",
    memberCount,
    createdAt: new Date(row.created_at).toISOString(),
    abilities: {
      update: can.update,
      manageMembers: can.manage_members,
      readAudit: can.read_audit,
      transferOwnership: can.transfer_ownership,
      createNetwork: can.create_network,
      createProject: can.create_project,
      leave: can.leave,
    },
  };
}

/** A member row as the members list shows it. */
export function presentMember(
  row: { user_id: string; role: OrganisationRole; created_at: Date; display_name: string; email: string },
  me: string,
): OrganisationMember {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    joinedAt: new Date(row.created_at).toISOString(),
    isMe: row.user_id === me,
  };
}
