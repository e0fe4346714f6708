import { type Actor, abilities, type ProjectSubject } from "@ensemble/access/policy";
import {
  PROJECT_TRASH_DAYS,
  type Project,
  type ProjectColor,
  type ProjectMember,
} from "@ensemble/contracts/projects";
import type { ProjectListRow } from "./projects.repo.ts";

const DAY = 24 * 60 * 60 * 1000;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The access subject of a listed row (the same facts load.ts reads for one project). */
export function subjectOf(row: ProjectListRow): ProjectSubject {
  return {
    kind: "project",
    id: row.id,
    owner: row.organisation_id
      ? { kind: "organisation", id: row.organisation_id }
      : { kind: "network", id: row.network_id ?? "" },
    state: row.deleted_at ? "trashed" : row.archived_at ? "archived" : "active",
    role: row.my_role,
    ownerAdmin: row.owner_admin,
  };
}

/** A project with what the caller may do with it. */
export function presentProject(row: ProjectListRow, actor: Actor): Project {
  const subject = subjectOf(row);
  const can = abilities(actor, subject, [
    "update",
    "archive",
    "unarchive",
    "delete",
    "restore",
    "manage_members",
    "edit_content",
    "leave",
  ]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    color: row.color as ProjectColor,
    owner: row.organisation_id
      ? { kind: "organisation", id: row.organisation_id, name: row.owner_name }
      : { kind: "network", id: row.network_id ?? "", name: row.owner_name },
    state: subject.state,
    archivedAt: iso(row.archived_at),
    deletedAt: iso(row.deleted_at),
    purgeAt: row.deleted_at
      ? new Date(new Date(row.deleted_at).getTime() + PROJECT_TRASH_DAYS * DAY).toISOString()
      : null,
    createdAt: new Date(row.created_at).toISOString(),
    memberCount: Number(row.member_count),
    myRole: row.my_role,
    abilities: {
      update: can.update,
      archive: can.archive,
      unarchive: can.unarchive,
      delete: can.delete,
      restore: can.restore,
      manageMembers: can.manage_members,
      editContent: can.edit_content,
      leave: can.leave,
    },
  };
}

/** A member with their organisations (a guest belongs to none). */
export function presentProjectMember(
  m: {
    user_id: string;
    role: ProjectMember["role"];
    created_at: Date;
    display_name: string;
    email: string;
    organisations: { id: string; name: string }[];
  },
  me: string,
): ProjectMember {
  return {
    userId: m.user_id,
    displayName: m.display_name,
    email: m.email,
    role: m.role,
    organisations: m.organisations,
    guest: m.organisations.length === 0,
    isMe: m.user_id === me,
    joinedAt: new Date(m.created_at).toISOString(),
  };
}
