/**
 * Who may do what: the one place that decides. Pure functions over a subject that carries the
 * facts about the actor's relation to it (loaded by `load.ts`), so the rules are table-tested
 * without a database and the collaboration server asks the very same questions.
 */

export type OrganisationRole = "owner" | "admin" | "member";
export type ProjectRole = "lead" | "editor" | "viewer";

export interface Actor {
  userId: string;
}

/** An organisation, with the actor's role in it (null: not a member). */
export interface OrganisationSubject {
  kind: "organisation";
  id: string;
  role: OrganisationRole | null;
}

/** A partner network, with the actor's roles in the coordinating and the partner organisations. */
export interface NetworkSubject {
  kind: "network";
  id: string;
  coordinatorId: string;
  /** The actor's role in the coordinating organisation (null: none). */
  coordinatorRole: OrganisationRole | null;
  /** The actor's roles in every partner organisation, the coordinator included. */
  partnerRoles: readonly OrganisationRole[];
}

/** A project, with the actor's project role and whether they administer the owning organisation. */
export interface ProjectSubject {
  kind: "project";
  id: string;
  owner: { kind: "organisation" | "network"; id: string };
  state: "active" | "archived" | "trashed";
  role: ProjectRole | null;
  /**
   * Owner or admin of the owning organisation, or for a network project of the network's
   * coordinating organisation: they act as leads, so no project is ever left without one.
   */
  ownerAdmin: boolean;
}

/** A document of a project: it inherits the project's rules, plus its own trash state. */
export interface DocumentSubject {
  kind: "document";
  id: string;
  trashed: boolean;
  /** The actor created this document. */
  creator: boolean;
  project: ProjectSubject;
}

/** A comment in a thread of a document, with whether the actor wrote it. */
export interface CommentSubject {
  kind: "comment";
  id: string;
  /** The actor wrote this comment. */
  author: boolean;
  document: DocumentSubject;
}

/**
 * A template an organisation or network saved, with the actor's relation to its owner (loaded
 * like the organisation or network itself).
 */
export interface TemplateSubject {
  kind: "template";
  id: string;
  owner: OrganisationSubject | NetworkSubject;
  /** The actor saved this template. */
  creator: boolean;
}

/** A task board of a project (its columns and the project's labels are parts of it). */
export interface BoardSubject {
  kind: "board";
  id: string;
  project: ProjectSubject;
}

/** A task on a board of a project. */
export interface TaskSubject {
  kind: "task";
  id: string;
  boardId: string;
  project: ProjectSubject;
}

/** A comment on a task, with whether the actor wrote it. */
export interface TaskCommentSubject {
  kind: "task_comment";
  id: string;
  /** The actor wrote this comment. */
  author: boolean;
  task: TaskSubject;
}

export type Subject =
  | OrganisationSubject
  | NetworkSubject
  | ProjectSubject
  | DocumentSubject
  | CommentSubject
  | TemplateSubject
  | BoardSubject
  | TaskSubject
  | TaskCommentSubject;

export const organisationActions = [
  "read",
  "update",
  "manage_members",
  "read_audit",
  "transfer_ownership",
  "create_network",
  "create_project",
  "answer_network_invitation",
  "leave",
] as const;
export type OrganisationAction = (typeof organisationActions)[number];

export const networkActions = [
  "read",
  "update",
  "invite_partners",
  "manage_checklist",
  "read_onboarding",
  "read_audit",
  "remove_partner",
  "create_project",
] as const;
export type NetworkAction = (typeof networkActions)[number];

export const projectActions = [
  "read",
  "update",
  "archive",
  "unarchive",
  "delete",
  "restore",
  "manage_members",
  "edit_content",
  "leave",
] as const;
export type ProjectAction = (typeof projectActions)[number];

export const documentActions = ["read", "edit", "comment", "trash", "restore", "delete"] as const;
export type DocumentAction = (typeof documentActions)[number];

export const commentActions = ["read", "edit", "delete"] as const;
export type CommentAction = (typeof commentActions)[number];

export const templateActions = ["read", "delete"] as const;
export type TemplateAction = (typeof templateActions)[number];

/** read; edit: tasks, labels (create, change, move, archive, delete); manage: the board itself and its columns; comment. */
export const boardActions = ["read", "edit", "manage", "comment"] as const;
export type BoardAction = (typeof boardActions)[number];

export const taskActions = ["read", "edit", "comment"] as const;
export type TaskAction = (typeof taskActions)[number];

export const taskCommentActions = ["read", "edit", "delete"] as const;
export type TaskCommentAction = (typeof taskCommentActions)[number];

export type ActionFor<S extends Subject> = S extends OrganisationSubject
  ? OrganisationAction
  : S extends NetworkSubject
    ? NetworkAction
    : S extends DocumentSubject
      ? DocumentAction
      : S extends CommentSubject
        ? CommentAction
        : S extends TemplateSubject
          ? TemplateAction
          : S extends BoardSubject
            ? BoardAction
            : S extends TaskSubject
              ? TaskAction
              : S extends TaskCommentSubject
                ? TaskCommentAction
                : ProjectAction;

const rank: Record<OrganisationRole, number> = { member: 1, admin: 2, owner: 3 };

function atLeast(role: OrganisationRole | null, wanted: OrganisationRole): boolean {
  return role !== null && rank[role] >= rank[wanted];
}

function canOrganisation(action: OrganisationAction, s: OrganisationSubject): boolean {
  switch (action) {
    case "read":
    case "create_project":
      return atLeast(s.role, "member");
    case "leave":
      // an owner leaves after handing over ownership; the last-owner rule is checked on the data
      return atLeast(s.role, "member");
    case "update":
    case "manage_members":
    case "read_audit":
    case "create_network":
    case "answer_network_invitation":
      return atLeast(s.role, "admin");
    case "transfer_ownership":
      return s.role === "owner";
  }
}

function canNetwork(action: NetworkAction, s: NetworkSubject): boolean {
  const coordinatorAdmin = atLeast(s.coordinatorRole, "admin");
  switch (action) {
    case "read":
    case "create_project":
      return s.partnerRoles.length > 0;
    case "update":
    case "invite_partners":
    case "manage_checklist":
    case "read_onboarding":
    case "read_audit":
    case "remove_partner":
      return coordinatorAdmin;
  }
}

function canProject(action: ProjectAction, s: ProjectSubject): boolean {
  const lead = s.role === "lead" || s.ownerAdmin;
  const member = s.role !== null || s.ownerAdmin;
  if (s.state === "trashed") {
    // a trashed project is gone for everyone but those who may bring it back
    return (action === "read" || action === "restore") && lead;
  }
  const active = s.state === "active";
  switch (action) {
    case "read":
      return member;
    case "leave":
      return s.role !== null;
    case "update":
    case "manage_members":
      return active && lead;
    case "archive":
      return active && lead;
    case "unarchive":
      return !active && lead;
    case "delete":
      return lead;
    case "restore":
      return false;
    case "edit_content":
      return active && (s.role === "editor" || lead);
  }
}

/**
 * Documents follow their project: members read, editors and leads write, and everyone who reads
 * may comment while the project is active (a guest reviewer of a grant application comments
 * without editing). A trashed document is seen only by those who may bring it back; deleting
 * for good is for leads and for the editor who created it, and only from the trash (as in
 * Outline and Notion: a document is trashed first, so a slip can be undone).
 */
function canDocument(action: DocumentAction, s: DocumentSubject): boolean {
  const p = s.project;
  const editor = canProject("edit_content", p);
  switch (action) {
    case "read":
      return canProject("read", p) && (!s.trashed || editor);
    case "edit":
    case "trash":
      return !s.trashed && editor;
    case "comment":
      return !s.trashed && p.state === "active" && canProject("read", p);
    case "restore":
      return s.trashed && editor;
    case "delete":
      return s.trashed && editor && (s.creator || p.role === "lead" || p.ownerAdmin);
  }
}

/**
 * Comments are read by everyone who reads the document. Their author edits and deletes them
 * while still allowed to comment there (not in an archived project, not in the trash); project
 * leads and the owning organisation's admins delete anyone's, as moderators, but never edit them
 * (nobody puts words into another person's mouth). A former author who lost access has neither.
 */
function canCommentItself(action: CommentAction, s: CommentSubject): boolean {
  const d = s.document;
  const commenting = canDocument("comment", d);
  switch (action) {
    case "read":
      return canDocument("read", d);
    case "edit":
      return commenting && s.author;
    case "delete":
      return commenting && (s.author || d.project.role === "lead" || d.project.ownerAdmin);
  }
}

/**
 * Boards follow their project like documents do: members read; editors and leads of an active
 * project change tasks, labels, columns and the board itself (boards are shared work, so there
 * is no separate board owner); everyone who reads may comment while the project is active.
 */
function canBoard(action: BoardAction, s: BoardSubject): boolean {
  const p = s.project;
  switch (action) {
    case "read":
      return canProject("read", p);
    case "edit":
    case "manage":
      return canProject("edit_content", p);
    case "comment":
      return p.state === "active" && canProject("read", p);
  }
}

/** A task follows its board (and so its project). */
function canTask(action: TaskAction, s: TaskSubject): boolean {
  return canBoard(action, { kind: "board", id: s.boardId, project: s.project });
}

/**
 * Task comments work like document comments: everyone who reads the task reads them; the author
 * edits and deletes their own while still allowed to comment; project leads and the owning
 * organisation's admins delete anyone's as moderators, but never edit them.
 */
function canTaskComment(action: TaskCommentAction, s: TaskCommentSubject): boolean {
  const commenting = canTask("comment", s.task);
  const p = s.task.project;
  switch (action) {
    case "read":
      return canTask("read", s.task);
    case "edit":
      return commenting && s.author;
    case "delete":
      return commenting && (s.author || p.role === "lead" || p.ownerAdmin);
  }
}

/** Is the actor in the organisation, or (network) in one of its partner organisations? */
function belongsTo(owner: OrganisationSubject | NetworkSubject): boolean {
  return owner.kind === "organisation" ? owner.role !== null : owner.partnerRoles.length > 0;
}

/** Does the actor administer the organisation, or (network) its coordinating organisation? */
function administers(owner: OrganisationSubject | NetworkSubject): boolean {
  return owner.kind === "organisation"
    ? atLeast(owner.role, "admin")
    : atLeast(owner.coordinatorRole, "admin");
}

/**
 * Saved templates belong to an organisation or a network. Its people see them (an organisation's
 * members; a network's partner organisations' members); its administrators (the organisation's
 * admins, the coordinating organisation's admins for a network) delete any, and whoever saved
 * one deletes it while they still belong. In a project, the offered templates are scoped in SQL
 * by the same facts (see `canSaveTemplate` for which owners take part in a project).
 */
function canTemplate(action: TemplateAction, s: TemplateSubject): boolean {
  switch (action) {
    case "read":
      return belongsTo(s.owner);
    case "delete":
      return administers(s.owner) || (s.creator && belongsTo(s.owner));
  }
}

/**
 * May the actor save this document as a template of `owner`? Anyone who may read the (untrashed)
 * document, so last year's archived application can become this year's template, into:
 * - the project's owning organisation, as one of its members;
 * - for a network project, the network, as an admin of its coordinating organisation (the
 *   network's templates are offered to all its projects), or one of the actor's own
 *   organisations that is a partner of the network (`ownerIsPartner`: loaded with the owner).
 * Any other owner takes no part in the project, so its templates would leak the document there.
 */
export function canSaveTemplate(
  actor: Actor,
  document: DocumentSubject,
  owner: OrganisationSubject | NetworkSubject,
  ownerIsPartner: boolean,
): boolean {
  if (document.trashed || !can(actor, "read", document)) {
    return false;
  }
  const project = document.project.owner;
  if (owner.kind === "network") {
    return project.kind === "network" && project.id === owner.id && administers(owner);
  }
  if (owner.role === null) {
    return false;
  }
  return project.kind === "organisation" ? project.id === owner.id : ownerIsPartner;
}

/** May the actor do this? (Pure: every fact it needs is on the subject.) */
export function can<S extends Subject>(_actor: Actor, action: ActionFor<S>, subject: S): boolean {
  switch (subject.kind) {
    case "organisation":
      return canOrganisation(action as OrganisationAction, subject);
    case "network":
      return canNetwork(action as NetworkAction, subject);
    case "project":
      return canProject(action as ProjectAction, subject);
    case "document":
      return canDocument(action as DocumentAction, subject);
    case "comment":
      return canCommentItself(action as CommentAction, subject);
    case "template":
      return canTemplate(action as TemplateAction, subject);
    case "board":
      return canBoard(action as BoardAction, subject);
    case "task":
      return canTask(action as TaskAction, subject);
    case "task_comment":
      return canTaskComment(action as TaskCommentAction, subject);
  }
}

/**
 * May someone with `actorRole` give `target` (whose role is now `current`, null for a new
 * member) the role `next`? Admins manage members and admins but never owners and never grant
 * ownership; owners may do anything; members nothing. Nobody changes their own role here
 * (owners hand over ownership instead, so there is always one).
 */
export function canAssignOrganisationRole(
  actorRole: OrganisationRole | null,
  current: OrganisationRole | null,
  next: OrganisationRole,
  self: boolean,
): boolean {
  if (self || !atLeast(actorRole, "admin")) {
    return false;
  }
  if (actorRole === "owner") {
    return true;
  }
  return current !== "owner" && rank[next] <= rank.admin;
}

/** May someone with `actorRole` remove a member whose role is `targetRole`? (Not oneself: that is leaving.) */
export function canRemoveOrganisationMember(
  actorRole: OrganisationRole | null,
  targetRole: OrganisationRole,
): boolean {
  if (!atLeast(actorRole, "admin")) {
    return false;
  }
  return actorRole === "owner" || targetRole !== "owner";
}

/** Every ability of each kind, for presenters: what the UI may offer. */
export function abilities<S extends Subject>(
  actor: Actor,
  subject: S,
  actions: readonly ActionFor<S>[],
): Record<ActionFor<S>, boolean> {
  const out = {} as Record<ActionFor<S>, boolean>;
  for (const action of actions) {
    out[action] = can(actor, action, subject);
  }
  return out;
}
