import { randomUUID } from "node:crypto";
import { authorizeNetwork, authorizeOrganisation, authorizeProject } from "@ensemble/access/authorize";
import { loadProjectSubject } from "@ensemble/access/load";
import type { ProjectSubject } from "@ensemble/access/policy";
import { AppError } from "@ensemble/contracts/errors";
import type { Invitation } from "@ensemble/contracts/invitations";
import {
  type CreateProjectInput,
  type InviteProjectMemberInput,
  PROJECT_TRASH_DAYS,
  type Project,
  type ProjectListQuery,
  type ProjectMember,
  type ProjectRole,
  type UpdateProjectInput,
} from "@ensemble/contracts/projects";
import type { Db } from "@ensemble/db/db";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import type { AuditScope } from "../audit/audit.repo.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { recordAudit } from "../audit/audit.service.ts";
import * as invitations from "../invitations/invitations.service.ts";
import { presentProject, presentProjectMember } from "./projects.presenter.ts";
import * as repo from "./projects.repo.ts";

type CreateInput = z.output<typeof CreateProjectInput>;
type UpdateInput = z.output<typeof UpdateProjectInput>;
type ListQuery = z.output<typeof ProjectListQuery>;
type InviteInput = z.output<typeof InviteProjectMemberInput>;

const DAY = 24 * 60 * 60 * 1000;

function auditScope(subject: ProjectSubject): AuditScope {
  return subject.owner.kind === "organisation"
    ? { organisationId: subject.owner.id }
    : { networkId: subject.owner.id };
}

/** My projects in a view, optionally of one organisation or network. */
export async function listProjects(deps: AppDeps, caller: Caller, query: ListQuery): Promise<Project[]> {
  const rows = await repo.listVisible(deps.db, caller.user.id, {
    view: query.view ?? "active",
    organisationId: query.organisationId,
    networkId: query.networkId,
  });
  return rows.map((r) => presentProject(r, caller.actor));
}

/** One project as the caller sees it, after the access check. */
export async function getProject(deps: AppDeps, caller: Caller, id: string): Promise<Project> {
  await authorizeProject(deps.db, caller.actor, "read", id);
  return presentVisible(deps, caller, id);
}

async function presentVisible(deps: AppDeps, caller: Caller, id: string): Promise<Project> {
  const row = await repo.findVisible(deps.db, caller.user.id, id);
  if (!row) {
    throw new AppError("not_found", "There is no such project.");
  }
  return presentProject(row, caller.actor);
}

/** Creates a project in an organisation or network I belong to; I become its lead. */
export async function createProject(deps: AppDeps, caller: Caller, input: CreateInput): Promise<Project> {
  const id = randomUUID();
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    // The caller's memberships are share-locked while the project is made, so a removal running
    // at the same time waits and then also takes this new project from them.
    await repo.shareLockMemberships(tx, caller.user.id);
    if (input.organisationId) {
      await authorizeOrganisation(tx, caller.actor, "create_project", input.organisationId);
    } else if (input.networkId) {
      await authorizeNetwork(tx, caller.actor, "create_project", input.networkId);
    }
    const row = await repo.insertProject(tx, {
      id,
      organisation_id: input.organisationId ?? null,
      network_id: input.networkId ?? null,
      name: input.name,
      description: input.description ?? "",
      color: input.color ?? "blue",
      archived_at: null,
      deleted_at: null,
      deleted_by: null,
      created_by: caller.user.id,
      created_at: now,
      updated_at: now,
    });
    await repo.insertMember(tx, id, caller.user.id, "lead", now);
    const scope: AuditScope = input.organisationId
      ? { organisationId: input.organisationId }
      : { networkId: input.networkId ?? "" };
    await recordAudit(tx, caller, now, scope, "project.created", { kind: "project", id, name: row.name });
  });
  return presentVisible(deps, caller, id);
}

/** Renames, describes or recolours a project (leads; not while archived). */
export async function updateProject(
  deps: AppDeps,
  caller: Caller,
  id: string,
  patch: UpdateInput,
): Promise<Project> {
  // under the project's lock, so an archive landing in between is seen
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id);
    await authorizeProject(tx, caller.actor, "update", id);
    await repo.updateProject(tx, id, { ...patch, updated_at: deps.now() });
  });
  return presentVisible(deps, caller, id);
}

/** Archives (read-only) or unarchives a project. */
export async function setArchived(
  deps: AppDeps,
  caller: Caller,
  id: string,
  archived: boolean,
): Promise<Project> {
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id);
    await authorizeProject(tx, caller.actor, archived ? "archive" : "unarchive", id);
    await repo.updateProject(tx, id, {
      archived_at: archived ? deps.now() : null,
      updated_at: deps.now(),
    });
  });
  // live document connections re-check: an archived project's documents turn read-only at once
  await deps.revocations.publish({ userId: "*", scope: { kind: "project", id } }).catch(() => undefined);
  return presentVisible(deps, caller, id);
}

/** Moves a project to the trash for 30 days; a lead can restore it until then. */
export async function trashProject(deps: AppDeps, caller: Caller, id: string): Promise<Project> {
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id);
    const subject = await authorizeProject(tx, caller.actor, "delete", id);
    const row = await repo.updateProject(tx, id, {
      deleted_at: now,
      deleted_by: caller.user.id,
      updated_at: now,
    });
    await recordAudit(
      tx,
      caller,
      now,
      auditScope(subject),
      "project.deleted",
      {
        kind: "project",
        id,
        name: row?.name ?? "",
      },
      { purgeAt: new Date(now.getTime() + PROJECT_TRASH_DAYS * DAY).toISOString() },
    );
  });
  await deps.revocations.publish({ userId: "*", scope: { kind: "project", id } }).catch(() => undefined);
  return presentVisible(deps, caller, id);
}

/** Brings a trashed project back (leads). */
export async function restoreProject(deps: AppDeps, caller: Caller, id: string): Promise<Project> {
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id);
    const subject = await authorizeProject(tx, caller.actor, "restore", id);
    const row = await repo.updateProject(tx, id, { deleted_at: null, deleted_by: null, updated_at: now });
    await recordAudit(tx, caller, now, auditScope(subject), "project.restored", {
      kind: "project",
      id,
      name: row?.name ?? "",
    });
  });
  return presentVisible(deps, caller, id);
}

/** Purges projects that have been in the trash for more than 30 days; returns how many. */
export async function purgeTrashedProjects(deps: AppDeps): Promise<number> {
  const before = new Date(deps.now().getTime() - PROJECT_TRASH_DAYS * DAY);
  const expired = await repo.listExpiredTrash(deps.db, before, 500);
  for (const p of expired) {
    await deps.db.transaction().execute(async (tx) => {
      await repo.deleteProject(tx, p.id);
      await insertAuditEvent(tx, {
        scope: p.organisation_id ? { organisationId: p.organisation_id } : { networkId: p.network_id ?? "" },
        actorId: null,
        actorName: "Ensemble",
        action: "project.purged",
        target: { kind: "project", id: p.id, name: p.name },
        ip: null,
        userAgent: null,
        at: deps.now(),
      });
    });
  }
  return expired.length;
}

/** Members of a project. */
export async function listMembers(deps: AppDeps, caller: Caller, id: string): Promise<ProjectMember[]> {
  await authorizeProject(deps.db, caller.actor, "read", id);
  return (await repo.listMembers(deps.db, id)).map((m) => presentProjectMember(m, caller.user.id));
}

/** Changes a member's role (leads); the last lead stays a lead. */
export async function changeRole(
  deps: AppDeps,
  caller: Caller,
  id: string,
  userId: string,
  role: ProjectRole,
): Promise<ProjectMember[]> {
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id);
    await authorizeProject(tx, caller.actor, "manage_members", id);
    const target = await repo.findMember(tx, id, userId);
    if (!target) {
      throw new AppError("not_found", "There is no such member.");
    }
    if (target.role === "lead" && role !== "lead" && (await repo.countLeads(tx, id)) <= 1) {
      throw new AppError("last_lead", "A project always keeps at least one lead.");
    }
    await repo.setRole(tx, id, userId, role);
  });
  await deps.revocations.publish({ userId, scope: { kind: "project", id } }).catch(() => undefined);
  return listMembers(deps, caller, id);
}

/** Removes a member (leads), or leaves (anyone, oneself); the last lead stays. */
export async function removeMember(
  deps: AppDeps,
  caller: Caller,
  id: string,
  userId: string,
): Promise<ProjectMember[]> {
  const self = userId === caller.user.id;
  await deps.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id);
    await authorizeProject(tx, caller.actor, self ? "leave" : "manage_members", id);
    const target = await repo.findMember(tx, id, userId);
    if (!target) {
      throw new AppError("not_found", "There is no such member.");
    }
    if (target.role === "lead" && (await repo.countLeads(tx, id)) <= 1) {
      throw new AppError("last_lead", "A project always keeps at least one lead.");
    }
    await repo.deleteMember(tx, id, userId);
  });
  await deps.revocations.publish({ userId, scope: { kind: "project", id } }).catch(() => undefined);
  if (self) {
    const subject = await loadProjectSubject(deps.db, caller.actor, id);
    return subject && (subject.role || subject.ownerAdmin) ? listMembers(deps, caller, id) : [];
  }
  return listMembers(deps, caller, id);
}

/** Invites someone by email with a project role (leads). */
export async function inviteMember(
  deps: AppDeps,
  caller: Caller,
  id: string,
  input: InviteInput,
): Promise<Invitation> {
  await authorizeProject(deps.db, caller.actor, "manage_members", id);
  return invitations.inviteByEmail(deps, caller, { kind: "project", id }, input.email, input.role, {
    isMember: (email) => repo.isMemberByEmail(deps.db, id, email),
  });
}

/** Pending invitations of a project (leads). */
export async function listInvitations(deps: AppDeps, caller: Caller, id: string): Promise<Invitation[]> {
  await authorizeProject(deps.db, caller.actor, "manage_members", id);
  return invitations.listInvitations(deps, { kind: "project", id });
}

/** Revokes a pending invitation (leads). */
export async function revokeInvitation(
  deps: AppDeps,
  caller: Caller,
  id: string,
  invitationId: string,
): Promise<void> {
  await authorizeProject(deps.db, caller.actor, "manage_members", id);
  await deps.db
    .transaction()
    .execute((tx) => invitations.revokeInvitation(tx, { kind: "project", id }, invitationId));
}

/** Adds the caller with the invited role (inside the accept transaction). */
export async function joinProject(
  deps: AppDeps,
  tx: Db,
  caller: Caller,
  id: string,
  role: ProjectRole,
): Promise<void> {
  const project = await repo.findById(tx, id);
  if (!project || project.deleted_at) {
    throw new AppError("invitation_expired", "This invitation has expired or has already been used.");
  }
  if (project.archived_at) {
    // the invitation stays: it can be accepted once the project is active again
    throw new AppError(
      "project_archived",
      "The project is archived; the invitation works once it is active again.",
    );
  }
  await repo.insertMember(tx, id, caller.user.id, role, deps.now());
}

/**
 * When people leave a partner organisation, or the organisation leaves a network, their places
 * in the network's projects go too (inside the caller's transaction), unless they are still in
 * another partner organisation of that network. People invited from outside the network's
 * organisations (guests, other organisations) keep theirs. Returns the removed memberships, for
 * revocation.
 */
export async function dropNetworkMemberships(
  tx: Db,
  scope: { networkId: string } | { organisationId: string },
  userIds: string[],
): Promise<{ projectId: string; userId: string }[]> {
  const networks = "networkId" in scope ? [scope.networkId] : await repo.networksOf(tx, scope.organisationId);
  const removed = await repo.deleteNetworkMembershipsWithoutPartner(tx, networks, userIds);
  return removed.map((r) => ({ projectId: r.project_id, userId: r.user_id }));
}

/** Tells every process who lost which projects. */
export async function publishProjectRevocations(
  deps: AppDeps,
  removed: { projectId: string; userId: string }[],
): Promise<void> {
  for (const r of removed) {
    await deps.revocations
      .publish({ userId: r.userId, scope: { kind: "project", id: r.projectId } })
      .catch((err: unknown) => deps.logger.error({ err }, "access revocation could not be published"));
  }
}
