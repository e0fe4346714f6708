import { z } from "zod";
import { Email } from "./auth.ts";
import { Id, LongText, NameText } from "./text.ts";

export const ProjectRole = z.enum(["lead", "editor", "viewer"]);
export type ProjectRole = z.infer<typeof ProjectRole>;

/** Project colours: a fixed palette whose tones all pass WCAG contrast with white text. */
export const ProjectColor = z.enum(["blue", "green", "orange", "red", "purple", "teal", "pink", "gray"]);
export type ProjectColor = z.infer<typeof ProjectColor>;

/** Trashed projects are purged after this many days. */
export const PROJECT_TRASH_DAYS = 30;

export const CreateProjectInput = z
  .strictObject({
    organisationId: Id.optional(),
    networkId: Id.optional(),
    name: NameText(120),
    description: LongText(2000).optional(),
    color: ProjectColor.optional(),
  })
  .refine((v) => (v.organisationId === undefined) !== (v.networkId === undefined), {
    params: { code: "one_of_organisation_or_network" },
  });
export type CreateProjectInput = z.input<typeof CreateProjectInput>;

export const UpdateProjectInput = z
  .strictObject({
    name: NameText(120).optional(),
    description: LongText(2000).optional(),
    color: ProjectColor.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateProjectInput = z.input<typeof UpdateProjectInput>;

export const ProjectAbilities = z.object({
  update: z.boolean(),
  archive: z.boolean(),
  unarchive: z.boolean(),
  delete: z.boolean(),
  restore: z.boolean(),
  manageMembers: z.boolean(),
  editContent: z.boolean(),
  leave: z.boolean(),
});
export type ProjectAbilities = z.infer<typeof ProjectAbilities>;

export const ProjectState = z.enum(["active", "archived", "trashed"]);
export type ProjectState = z.infer<typeof ProjectState>;

export const Project = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  color: ProjectColor,
  owner: z.object({ kind: z.enum(["organisation", "network"]), id: z.string(), name: z.string() }),
  state: ProjectState,
  archivedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** When a trashed project is purged for good. */
  purgeAt: z.string().nullable(),
  createdAt: z.string(),
  memberCount: z.number().int(),
  /** My project role; null when I see it as an admin of the owning organisation. */
  myRole: ProjectRole.nullable(),
  abilities: ProjectAbilities,
});
export type Project = z.infer<typeof Project>;
export const ProjectResponse = z.object({ project: Project });
export const ProjectList = z.object({ projects: z.array(Project) });

export const ProjectListQuery = z.strictObject({
  /** active (default), archived, or trash (projects I may restore). */
  view: z.enum(["active", "archived", "trash"]).optional(),
  organisationId: Id.optional(),
  networkId: Id.optional(),
});
export type ProjectListQuery = z.input<typeof ProjectListQuery>;

export const ProjectMember = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: ProjectRole,
  /**
   * The organisations taking part in the project (the owner, or the network's partners) this
   * person belongs to; their other memberships are not shown. Empty for a guest from outside.
   */
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  guest: z.boolean(),
  isMe: z.boolean(),
  joinedAt: z.string(),
});
export type ProjectMember = z.infer<typeof ProjectMember>;
export const ProjectMemberList = z.object({ members: z.array(ProjectMember) });

export const InviteProjectMemberInput = z.strictObject({ email: Email, role: ProjectRole });
export type InviteProjectMemberInput = z.input<typeof InviteProjectMemberInput>;

export const ChangeProjectRoleInput = z.strictObject({ role: ProjectRole });
export type ChangeProjectRoleInput = z.input<typeof ChangeProjectRoleInput>;

export const ProjectIdParam = z.object({ id: Id });
export const ProjectMemberParam = z.object({ id: Id, userId: Id });
export const ProjectInvitationParam = z.object({ id: Id, invitationId: Id });
