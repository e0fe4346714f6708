import type { Invitation, ReceivedInvitation } from "@ensemble/contracts/invitations";
import type { InvitationRow } from "@ensemble/db/schema";

function state(row: InvitationRow, now: Date): Invitation["state"] {
  if (row.declined_at) {
    return "declined";
  }
  return new Date(row.expires_at).getTime() <= now.getTime() ? "expired" : "pending";
}

function targetId(row: InvitationRow): string {
  return row.organisation_id ?? row.network_id ?? row.project_id ?? "";
}

/** An invitation as those who manage its target see it. */
export function presentInvitation(row: InvitationRow, names: Map<string, string>, now: Date): Invitation {
  const invited = row.invited_organisation_id;
  return {
    id: row.id,
    kind: row.kind,
    email: row.email ?? "",
    invitedOrganisation: invited ? { id: invited, name: names.get(invited) ?? "" } : null,
    role: row.role,
    invitedBy: row.invited_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    state: state(row, now),
  };
}

/** An invitation as its recipient sees it. */
export function presentReceivedInvitation(
  row: InvitationRow,
  names: Map<string, string>,
  now: Date,
): ReceivedInvitation {
  const id = targetId(row);
  const invited = row.invited_organisation_id;
  return {
    id: row.id,
    kind: row.kind,
    target: { id, name: names.get(id) ?? "" },
    coordinatorName: row.network_id ? (names.get(`coordinator:${row.network_id}`) ?? null) : null,
    invitedOrganisation: invited ? { id: invited, name: names.get(invited) ?? "" } : null,
    email: row.email ?? "",
    role: row.role,
    invitedBy: row.invited_by_name,
    expiresAt: new Date(row.expires_at).toISOString(),
    state: state(row, now),
  };
}
