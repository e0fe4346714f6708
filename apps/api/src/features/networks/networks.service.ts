import { randomUUID } from "node:crypto";
import { authorizeNetwork, authorizeOrganisation } from "@ensemble/access/authorize";
import { abilities, can } from "@ensemble/access/policy";
import type { AuditPage } from "@ensemble/contracts/audit";
import { AppError } from "@ensemble/contracts/errors";
import type { Invitation } from "@ensemble/contracts/invitations";
import type {
  ChecklistItem,
  CreateNetworkInput,
  Directory,
  DirectoryQuery,
  InvitePartnerInput,
  Network,
  NetworkSummary,
  Onboarding,
  UpdateNetworkInput,
} from "@ensemble/contracts/networks";
import type { Db } from "@ensemble/db/db";
import type { InvitationRow } from "@ensemble/db/schema";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { auditCsv, auditPage, recordAudit } from "../audit/audit.service.ts";
import * as invitations from "../invitations/invitations.service.ts";
import { avatarColor, isProfileComplete, presentProfile } from "../organisations/organisations.presenter.ts";
import { dropNetworkMemberships, publishProjectRevocations } from "../projects/projects.service.ts";
import * as repo from "./networks.repo.ts";

type CreateInput = z.output<typeof CreateNetworkInput>;
type UpdateInput = z.output<typeof UpdateNetworkInput>;
type InviteInput = z.output<typeof InvitePartnerInput>;
type DirectoryFilter = z.output<typeof DirectoryQuery>;

/**
 * Default onboarding checklist of a new network, in the founder's language. "Profile complete"
 * and "first project joined" are computed for every partner, so they are no checklist items.
 */
function defaultChecklist(locale: string | null): string[] {
  return locale === "en"
    ? ["Contact person named", "Data protection agreement signed", "Introductory meeting held"]
    : ["Ansprechperson benannt", "Datenschutzvereinbarung unterschrieben", "Kennenlerngespräch geführt"];
}

/** Networks my organisations are in. */
export async function listMine(deps: AppDeps, caller: Caller): Promise<NetworkSummary[]> {
  const rows = await repo.listForUser(deps.db, caller.user.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    coordinatorName: r.coordinator_name,
    isCoordinator: Boolean(r.is_coordinator),
    partnerCount: Number(r.partner_count),
  }));
}

/** Founds a network coordinated by an organisation I administer. */
export async function createNetwork(deps: AppDeps, caller: Caller, input: CreateInput): Promise<Network> {
  await authorizeOrganisation(deps.db, caller.actor, "create_network", input.organisationId);
  const id = randomUUID();
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.insertNetwork(tx, {
      id,
      coordinator_id: input.organisationId,
      name: input.name,
      description: input.description ?? "",
      created_by: caller.user.id,
      created_at: now,
      updated_at: now,
    });
    await repo.insertPartner(tx, id, input.organisationId, now);
    for (const label of defaultChecklist(caller.user.locale)) {
      await repo.insertChecklistItem(tx, randomUUID(), id, label, now);
    }
    await recordAudit(tx, caller, now, { networkId: id }, "network.created", {
      kind: "network",
      id,
      name: row.name,
    });
  });
  return getNetwork(deps, caller, id);
}

/** One network, for members of its partner organisations. */
export async function getNetwork(deps: AppDeps, caller: Caller, id: string): Promise<Network> {
  const subject = await authorizeNetwork(deps.db, caller.actor, "read", id);
  const row = await repo.findById(deps.db, id);
  if (!row) {
    throw new AppError("not_found", "There is no such network.");
  }
  const can = abilities(caller.actor, subject, [
    "update",
    "invite_partners",
    "manage_checklist",
    "read_onboarding",
    "read_audit",
    "remove_partner",
    "create_project",
  ]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    coordinator: { id: row.coordinator_id, name: row.coordinator_name },
    partnerCount: await repo.countPartners(deps.db, id),
    myOrganisations: await repo.myOrganisations(deps.db, id, caller.user.id),
    createdAt: new Date(row.created_at).toISOString(),
    abilities: {
      update: can.update,
      invitePartners: can.invite_partners,
      manageChecklist: can.manage_checklist,
      readOnboarding: can.read_onboarding,
      readAudit: can.read_audit,
      removePartners: can.remove_partner,
      createProject: can.create_project,
    },
  };
}

/** Renames or describes the network (coordinator admins). */
export async function updateNetwork(
  deps: AppDeps,
  caller: Caller,
  id: string,
  patch: UpdateInput,
): Promise<Network> {
  await authorizeNetwork(deps.db, caller.actor, "update", id);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.updateNetwork(tx, id, { ...patch, updated_at: now });
    await recordAudit(
      tx,
      caller,
      now,
      { networkId: id },
      "network.updated",
      {
        kind: "network",
        id,
        name: row?.name ?? "",
      },
      { fields: Object.keys(patch).join(",") },
    );
  });
  return getNetwork(deps, caller, id);
}

/** The coordinator's onboarding view: partners with their state, pending invitations, checklist. */
export async function onboarding(deps: AppDeps, caller: Caller, id: string): Promise<Onboarding> {
  const subject = await authorizeNetwork(deps.db, caller.actor, "read_onboarding", id);
  const [partners, checklist, checks, pending] = await Promise.all([
    repo.listPartners(deps.db, id),
    repo.listChecklist(deps.db, id),
    repo.listChecks(deps.db, id),
    invitations.listInvitations(deps, { kind: "network", id }),
  ]);
  return {
    checklist,
    invitations: pending,
    partners: partners.map((p) => ({
      organisation: {
        id: p.id,
        name: p.name,
        kind: presentProfile(p).kind,
        district: p.district,
        avatarColor: avatarColor(p.id),
      },
      isCoordinator: p.id === subject.coordinatorId,
      joinedAt: new Date(p.joined_at).toISOString(),
      profileComplete: isProfileComplete(p),
      firstProjectJoined: Boolean(p.in_project),
      checks: checklist.map((item) => {
        const check = checks.find((c) => c.organisation_id === p.id && c.item_id === item.id);
        return {
          itemId: item.id,
          done: check !== undefined,
          doneAt: check ? new Date(check.checked_at).toISOString() : null,
        };
      }),
    })),
  };
}

/** Invites an existing organisation, or the future admin of one by email (coordinator admins). */
export async function invitePartner(
  deps: AppDeps,
  caller: Caller,
  id: string,
  input: InviteInput,
): Promise<Invitation> {
  await authorizeNetwork(deps.db, caller.actor, "invite_partners", id);
  const recipient = input.organisationId
    ? { organisationId: input.organisationId }
    : { email: input.email ?? "" };
  let recipientName = input.email ?? "";
  if (input.organisationId) {
    const org = await deps.db
      .selectFrom("organisations")
      .select("name")
      .where("id", "=", input.organisationId)
      .executeTakeFirst();
    if (!org) {
      throw new AppError("validation_failed", "There is no such organisation.", {
        fields: { organisationId: "not_found" },
      });
    }
    if (await repo.isPartner(deps.db, id, input.organisationId)) {
      throw new AppError("already_member", "This organisation is a partner already.", {
        fields: { organisationId: "already_member" },
      });
    }
    recipientName = org.name;
  }
  await invitations.chargeInvitation(deps, caller, recipient);
  const issued = await deps.db.transaction().execute(async (tx) => {
    const issued = await invitations.issueInvitation(
      deps,
      tx,
      caller,
      { kind: "network", id },
      recipient,
      null,
    );
    await recordAudit(tx, caller, deps.now(), { networkId: id }, "partner.invited", {
      kind: input.organisationId ? "organisation" : "invitation",
      id: input.organisationId ?? issued.row.id,
      name: recipientName,
    });
    return issued;
  });
  await invitations.mailInvitation(deps, caller, issued);
  return invitations.presentOne(deps, issued.row);
}

/** Revokes a pending partner invitation. */
export async function revokeInvitation(
  deps: AppDeps,
  caller: Caller,
  id: string,
  invitationId: string,
): Promise<void> {
  await authorizeNetwork(deps.db, caller.actor, "invite_partners", id);
  await deps.db.transaction().execute(async (tx) => {
    const row = await invitations.revokeInvitation(tx, { kind: "network", id }, invitationId);
    await recordAudit(tx, caller, deps.now(), { networkId: id }, "partner.invitation_revoked", {
      kind: "invitation",
      id: row.id,
      name: row.email ?? row.invited_organisation_id ?? "",
    });
  });
}

/** Sends a partner invitation again. */
export async function resendInvitation(
  deps: AppDeps,
  caller: Caller,
  id: string,
  invitationId: string,
): Promise<Invitation> {
  await authorizeNetwork(deps.db, caller.actor, "invite_partners", id);
  return invitations.resendInvitation(deps, caller, { kind: "network", id }, invitationId);
}

/**
 * Ends a partnership: the coordinator's admins remove a partner, or a partner's admin takes
 * their organisation out. The coordinator itself never leaves its network.
 */
export async function removePartner(
  deps: AppDeps,
  caller: Caller,
  id: string,
  organisationId: string,
): Promise<void> {
  const subject = await authorizeNetwork(deps.db, caller.actor, "read", id);
  if (organisationId === subject.coordinatorId) {
    throw new AppError("conflict", "The coordinating organisation cannot leave its network.");
  }
  const coordinatorAdmin = can(caller.actor, "remove_partner", subject);
  if (!coordinatorAdmin) {
    await authorizeOrganisation(deps.db, caller.actor, "answer_network_invitation", organisationId);
  }
  const org = await deps.db
    .selectFrom("organisations")
    .select("name")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  const { people, lost } = await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.deletePartner(tx, id, organisationId))) {
      throw new AppError("not_found", "This organisation is not a partner.");
    }
    await recordAudit(
      tx,
      caller,
      deps.now(),
      { networkId: id },
      coordinatorAdmin ? "partner.removed" : "partner.left",
      {
        kind: "organisation",
        id: organisationId,
        name: org?.name ?? "",
      },
    );
    const people = await repo.memberIds(tx, organisationId);
    // their places in the network's projects came through the partnership
    return { people, lost: await dropNetworkMemberships(tx, { networkId: id }, people) };
  });
  for (const userId of people) {
    await deps.revocations.publish({ userId, scope: { kind: "network", id } }).catch(() => undefined);
  }
  await publishProjectRevocations(deps, lost);
}

/** Adds a checklist item (coordinator admins). */
export async function addChecklistItem(
  deps: AppDeps,
  caller: Caller,
  id: string,
  label: string,
): Promise<ChecklistItem> {
  await authorizeNetwork(deps.db, caller.actor, "manage_checklist", id);
  return repo.insertChecklistItem(deps.db, randomUUID(), id, label, deps.now());
}

/** Renames a checklist item. */
export async function renameChecklistItem(
  deps: AppDeps,
  caller: Caller,
  id: string,
  itemId: string,
  label: string,
): Promise<ChecklistItem> {
  await authorizeNetwork(deps.db, caller.actor, "manage_checklist", id);
  const item = await repo.renameChecklistItem(deps.db, id, itemId, label);
  if (!item) {
    throw new AppError("not_found", "There is no such checklist item.");
  }
  return item;
}

/** Deletes a checklist item with its ticks. */
export async function deleteChecklistItem(
  deps: AppDeps,
  caller: Caller,
  id: string,
  itemId: string,
): Promise<void> {
  await authorizeNetwork(deps.db, caller.actor, "manage_checklist", id);
  if (!(await repo.deleteChecklistItem(deps.db, id, itemId))) {
    throw new AppError("not_found", "There is no such checklist item.");
  }
}

/** Ticks or unticks an item for a partner. */
export async function setCheck(
  deps: AppDeps,
  caller: Caller,
  id: string,
  organisationId: string,
  itemId: string,
  done: boolean,
): Promise<void> {
  await authorizeNetwork(deps.db, caller.actor, "manage_checklist", id);
  if (
    !(await repo.findChecklistItem(deps.db, id, itemId)) ||
    !(await repo.isPartner(deps.db, id, organisationId))
  ) {
    throw new AppError("not_found", "There is no such partner or checklist item.");
  }
  await repo.setCheck(deps.db, id, organisationId, itemId, done, caller.user.id, deps.now());
}

/** The partners' profiles, searchable and filterable (every member of the network). */
export async function directory(
  deps: AppDeps,
  caller: Caller,
  id: string,
  filter: DirectoryFilter,
): Promise<Directory> {
  await authorizeNetwork(deps.db, caller.actor, "read", id);
  const [rows, districts] = await Promise.all([
    repo.searchDirectory(deps.db, id, filter),
    repo.districts(deps.db, id),
  ]);
  return { entries: rows.map(presentProfile), districts };
}

/** One page of the network's audit log (coordinator admins). */
export async function networkAudit(
  deps: AppDeps,
  caller: Caller,
  id: string,
  before: string | undefined,
): Promise<AuditPage> {
  await authorizeNetwork(deps.db, caller.actor, "read_audit", id);
  return auditPage(deps.db, { networkId: id }, before);
}

/** The network's audit log as CSV. */
export async function networkAuditCsv(deps: AppDeps, caller: Caller, id: string): Promise<string> {
  await authorizeNetwork(deps.db, caller.actor, "read_audit", id);
  return auditCsv(deps.db, { networkId: id });
}

/** Makes an organisation a partner when its admin accepts (inside the accept transaction). */
export async function joinNetwork(
  deps: AppDeps,
  tx: Db,
  caller: Caller,
  id: string,
  organisationId: string,
): Promise<void> {
  const org = await tx
    .selectFrom("organisations")
    .select("name")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!(await repo.insertPartner(tx, id, organisationId, deps.now()))) {
    return;
  }
  await recordAudit(tx, caller, deps.now(), { networkId: id }, "partner.joined", {
    kind: "organisation",
    id: organisationId,
    name: org?.name ?? "",
  });
}

/** Records in the network's log that an invited organisation declined. */
export async function recordNetworkDecline(
  deps: AppDeps,
  tx: Db,
  caller: Caller,
  row: InvitationRow,
): Promise<void> {
  await recordAudit(tx, caller, deps.now(), { networkId: row.network_id ?? "" }, "partner.declined", {
    kind: row.invited_organisation_id ? "organisation" : "invitation",
    id: row.invited_organisation_id ?? row.id,
    name: row.email ?? "",
  });
}
