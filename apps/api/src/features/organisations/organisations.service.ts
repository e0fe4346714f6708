import { randomUUID } from "node:crypto";
import { authorizeOrganisation } from "@ensemble/access/authorize";
import { loadOrganisationSubject } from "@ensemble/access/load";
import { canAssignOrganisationRole, canRemoveOrganisationMember } from "@ensemble/access/policy";
import type { AuditPage } from "@ensemble/contracts/audit";
import { AppError } from "@ensemble/contracts/errors";
import type { Invitation, ReceivedInvitation } from "@ensemble/contracts/invitations";
import type {
  CreateOrganisationInput,
  InviteOrganisationMemberInput,
  Organisation,
  OrganisationMember,
  OrganisationRole,
  OrganisationSummary,
  UpdateOrganisationInput,
} from "@ensemble/contracts/organisations";
import type { Db } from "@ensemble/db/db";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { auditCsv, auditPage, recordAudit } from "../audit/audit.service.ts";
import * as invitations from "../invitations/invitations.service.ts";
import { dropNetworkMemberships } from "../projects/projects.service.ts";
import { avatarColor, presentMember, presentOrganisation } from "./organisations.presenter.ts";
import * as repo from "./organisations.repo.ts";

type CreateInput = z.output<typeof CreateOrganisationInput>;
type UpdateInput = z.output<typeof UpdateOrganisationInput>;
type InviteInput = z.output<typeof InviteOrganisationMemberInput>;

const columns = {
  name: "name",
  kind: "kind",
  sparten: "sparten",
  description: "description",
  website: "website",
  address: "address",
  district: "district",
  contactName: "contact_name",
  contactEmail: "contact_email",
  accessibilityNotes: "accessibility_notes",
} as const;

/** Maps the profile fields of an input onto table columns (only those given). */
function profileColumns(input: Partial<Record<keyof typeof columns, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns)) {
    const value = input[field as keyof typeof columns];
    if (value !== undefined) {
      out[column] = value;
    }
  }
  return out;
}

/** My organisations. */
export async function listMine(deps: AppDeps, caller: Caller): Promise<OrganisationSummary[]> {
  const rows = await repo.listForUser(deps.db, caller.user.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as OrganisationSummary["kind"],
    avatarColor: avatarColor(r.id),
    myRole: r.role,
  }));
}

/** Creates an organisation with the caller as its owner. */
export async function createOrganisation(
  deps: AppDeps,
  caller: Caller,
  input: CreateInput,
): Promise<Organisation> {
  const now = deps.now();
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.insertOrganisation(tx, {
      id,
      ...(profileColumns(input) as { name: string; kind: string }),
      created_by: caller.user.id,
      created_at: now,
      updated_at: now,
    });
    await repo.insertMember(tx, id, caller.user.id, "owner", now);
    await recordAudit(tx, caller, now, { organisationId: id }, "organisation.created", {
      kind: "organisation",
      id,
      name: row.name,
    });
  });
  return getOrganisation(deps, caller, id);
}

/** One organisation, for its members. */
export async function getOrganisation(deps: AppDeps, caller: Caller, id: string): Promise<Organisation> {
  const subject = await authorizeOrganisation(deps.db, caller.actor, "read", id);
  const row = await repo.findById(deps.db, id);
  if (!row) {
    throw new AppError("not_found", "There is no such organisation.");
  }
  return presentOrganisation(row, caller.actor, subject, await repo.countMembers(deps.db, id));
}

/** Changes the profile (admins and owners). */
export async function updateOrganisation(
  deps: AppDeps,
  caller: Caller,
  id: string,
  patch: UpdateInput,
): Promise<Organisation> {
  await authorizeOrganisation(deps.db, caller.actor, "update", id);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.updateOrganisation(tx, id, { ...profileColumns(patch), updated_at: now });
    if (!row) {
      throw new AppError("not_found", "There is no such organisation.");
    }
    await recordAudit(
      tx,
      caller,
      now,
      { organisationId: id },
      "organisation.updated",
      {
        kind: "organisation",
        id,
        name: row.name,
      },
      { fields: Object.keys(patch).join(",") },
    );
  });
  return getOrganisation(deps, caller, id);
}

/** Organisations by name, to invite into a network: only what is public anyway. */
export async function searchOrganisations(deps: AppDeps, caller: Caller, text: string) {
  // only to invite into a network, which needs a confirmed address too
  invitations.assertConfirmed(caller);
  const rows = await repo.searchByName(deps.db, text, 20);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as OrganisationSummary["kind"],
    district: r.district,
    avatarColor: avatarColor(r.id),
  }));
}

/** The members, for every member. */
export async function listMembers(deps: AppDeps, caller: Caller, id: string): Promise<OrganisationMember[]> {
  await authorizeOrganisation(deps.db, caller.actor, "read", id);
  return (await repo.listMembers(deps.db, id)).map((m) => presentMember(m, caller.user.id));
}

/** Loads the target member or answers "not found". */
async function memberOrNotFound(db: Db, organisationId: string, userId: string) {
  const member = await repo.findMember(db, organisationId, userId);
  if (!member) {
    throw new AppError("not_found", "There is no such member.");
  }
  return member;
}

/**
 * Changes a member's role under the organisation's lock: admins manage members and admins,
 * owners everyone; nobody their own role; the last owner is never demoted.
 */
export async function changeRole(
  deps: AppDeps,
  caller: Caller,
  id: string,
  userId: string,
  role: OrganisationRole,
): Promise<OrganisationMember[]> {
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockOrganisation(tx, id);
    const subject = await authorizeOrganisation(tx, caller.actor, "manage_members", id);
    const target = await memberOrNotFound(tx, id, userId);
    if (!canAssignOrganisationRole(subject.role, target.role, role, userId === caller.user.id)) {
      throw new AppError("forbidden", "You may not give this role.", { fields: { role: "not_allowed" } });
    }
    if (target.role === role) {
      return;
    }
    if (target.role === "owner" && (await repo.countOwners(tx, id)) <= 1) {
      throw new AppError("last_owner", "An organisation always keeps at least one owner.");
    }
    await repo.setRole(tx, id, userId, role);
    await recordAudit(
      tx,
      caller,
      deps.now(),
      { organisationId: id },
      "member.role_changed",
      { kind: "user", id: userId, name: target.display_name },
      { from: target.role, to: role },
    );
  });
  // an admin acts as lead of the organisation's projects: a demotion narrows live documents too
  await deps.revocations.publish({ userId, scope: { kind: "organisation", id } }).catch(() => undefined);
  return listMembers(deps, caller, id);
}

/** Removes another member (admins: not owners; owners: anyone but the last owner). */
export async function removeMember(
  deps: AppDeps,
  caller: Caller,
  id: string,
  userId: string,
): Promise<OrganisationMember[]> {
  if (userId === caller.user.id) {
    await leaveOrganisation(deps, caller, id);
    return [];
  }
  const projects = await deps.db.transaction().execute(async (tx) => {
    await repo.lockOrganisation(tx, id);
    const subject = await authorizeOrganisation(tx, caller.actor, "manage_members", id);
    const target = await memberOrNotFound(tx, id, userId);
    if (!canRemoveOrganisationMember(subject.role, target.role)) {
      throw new AppError("forbidden", "You may not remove this member.");
    }
    if (target.role === "owner" && (await repo.countOwners(tx, id)) <= 1) {
      throw new AppError("last_owner", "An organisation always keeps at least one owner.");
    }
    const removed = await repo.deleteMember(tx, id, userId);
    const viaNetworks = await dropNetworkMemberships(tx, { organisationId: id }, [userId]);
    removed.push(...viaNetworks.map((r) => r.projectId));
    await recordAudit(
      tx,
      caller,
      deps.now(),
      { organisationId: id },
      "member.removed",
      {
        kind: "user",
        id: userId,
        name: target.display_name,
      },
      { role: target.role },
    );
    return removed;
  });
  await revoke(deps, userId, id, projects);
  return listMembers(deps, caller, id);
}

/** Leaves an organisation; the last owner must hand over ownership first. */
export async function leaveOrganisation(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  const projects = await deps.db.transaction().execute(async (tx) => {
    await repo.lockOrganisation(tx, id);
    const subject = await authorizeOrganisation(tx, caller.actor, "leave", id);
    if (subject.role === "owner" && (await repo.countOwners(tx, id)) <= 1) {
      throw new AppError(
        "last_owner",
        "Hand over ownership before you leave: an organisation always keeps an owner.",
      );
    }
    const removed = await repo.deleteMember(tx, id, caller.user.id);
    const viaNetworks = await dropNetworkMemberships(tx, { organisationId: id }, [caller.user.id]);
    removed.push(...viaNetworks.map((r) => r.projectId));
    await recordAudit(tx, caller, deps.now(), { organisationId: id }, "member.left", {
      kind: "user",
      id: caller.user.id,
      name: caller.user.display_name,
    });
    return removed;
  });
  await revoke(deps, caller.user.id, id, projects);
}

/** Tells every process that someone lost the organisation and its projects. */
async function revoke(
  deps: AppDeps,
  userId: string,
  organisationId: string,
  projectIds: string[],
): Promise<void> {
  try {
    await deps.revocations.publish({ userId, scope: { kind: "organisation", id: organisationId } });
    for (const projectId of projectIds) {
      await deps.revocations.publish({ userId, scope: { kind: "project", id: projectId } });
    }
  } catch (err) {
    deps.logger.error({ err }, "access revocation could not be published");
  }
}

/** Hands ownership to another member; the previous owner stays as admin. */
export async function transferOwnership(
  deps: AppDeps,
  caller: Caller,
  id: string,
  userId: string,
): Promise<OrganisationMember[]> {
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockOrganisation(tx, id);
    await authorizeOrganisation(tx, caller.actor, "transfer_ownership", id);
    if (userId === caller.user.id) {
      throw new AppError("validation_failed", "You own this organisation already.", {
        fields: { userId: "unchanged" },
      });
    }
    const target = await repo.findMember(tx, id, userId);
    if (!target) {
      throw new AppError("validation_failed", "Only a member can become owner.", {
        fields: { userId: "not_a_member" },
      });
    }
    await repo.setRole(tx, id, userId, "owner");
    await repo.setRole(tx, id, caller.user.id, "admin");
    await recordAudit(
      tx,
      caller,
      deps.now(),
      { organisationId: id },
      "ownership.transferred",
      {
        kind: "user",
        id: userId,
        name: target.display_name,
      },
      { from: caller.user.display_name },
    );
  });
  return listMembers(deps, caller, id);
}

/** Invites someone by email (admins and owners); a member's address is refused. */
export async function inviteMember(
  deps: AppDeps,
  caller: Caller,
  id: string,
  input: InviteInput,
): Promise<Invitation> {
  await authorizeOrganisation(deps.db, caller.actor, "manage_members", id);
  return invitations.inviteByEmail(deps, caller, { kind: "organisation", id }, input.email, input.role, {
    isMember: (email) => repo.isMemberByEmail(deps.db, id, email),
    audit: (tx, issued) =>
      recordAudit(
        tx,
        caller,
        deps.now(),
        { organisationId: id },
        "member.invited",
        { kind: "invitation", id: issued.row.id, name: input.email },
        { role: input.role },
      ),
  });
}

/** The organisation's invitations (admins and owners). */
export async function listInvitations(deps: AppDeps, caller: Caller, id: string): Promise<Invitation[]> {
  await authorizeOrganisation(deps.db, caller.actor, "manage_members", id);
  return invitations.listInvitations(deps, { kind: "organisation", id });
}

/** Revokes a pending invitation. */
export async function revokeInvitation(
  deps: AppDeps,
  caller: Caller,
  id: string,
  invitationId: string,
): Promise<void> {
  await authorizeOrganisation(deps.db, caller.actor, "manage_members", id);
  await deps.db.transaction().execute(async (tx) => {
    const row = await invitations.revokeInvitation(tx, { kind: "organisation", id }, invitationId);
    await recordAudit(tx, caller, deps.now(), { organisationId: id }, "member.invitation_revoked", {
      kind: "invitation",
      id: row.id,
      name: row.email ?? "",
    });
  });
}

/** Sends an invitation again (new link, seven more days). */
export async function resendInvitation(
  deps: AppDeps,
  caller: Caller,
  id: string,
  invitationId: string,
): Promise<Invitation> {
  await authorizeOrganisation(deps.db, caller.actor, "manage_members", id);
  return invitations.resendInvitation(deps, caller, { kind: "organisation", id }, invitationId);
}

/** Pending network invitations to this organisation (its admins answer them). */
export async function listNetworkInvitations(
  deps: AppDeps,
  caller: Caller,
  id: string,
): Promise<ReceivedInvitation[]> {
  await authorizeOrganisation(deps.db, caller.actor, "answer_network_invitation", id);
  return invitations.listForInvitedOrganisation(deps, id);
}

/** Adds the caller as a member when they accept an invitation (inside the accept transaction). */
export async function joinOrganisation(
  deps: AppDeps,
  tx: Db,
  caller: Caller,
  id: string,
  role: OrganisationRole,
): Promise<void> {
  const subject = await loadOrganisationSubject(tx, caller.actor, id);
  if (!subject) {
    throw new AppError("invitation_expired", "This invitation has expired or has already been used.");
  }
  if (subject.role !== null) {
    return;
  }
  await repo.insertMember(tx, id, caller.user.id, role, deps.now());
  const org = await repo.findById(tx, id);
  await recordAudit(
    tx,
    caller,
    deps.now(),
    { organisationId: id },
    "member.joined",
    {
      kind: "user",
      id: caller.user.id,
      name: caller.user.display_name,
    },
    { role, organisation: org?.name ?? "" },
  );
}

/** One page of the audit log (admins and owners). */
export async function organisationAudit(
  deps: AppDeps,
  caller: Caller,
  id: string,
  before: string | undefined,
): Promise<AuditPage> {
  await authorizeOrganisation(deps.db, caller.actor, "read_audit", id);
  return auditPage(deps.db, { organisationId: id }, before);
}

/** The whole audit log as CSV (admins and owners). */
export async function organisationAuditCsv(deps: AppDeps, caller: Caller, id: string): Promise<string> {
  await authorizeOrganisation(deps.db, caller.actor, "read_audit", id);
  return auditCsv(deps.db, { organisationId: id });
}
