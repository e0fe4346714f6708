import { z } from "zod";
import { Email } from "./auth.ts";
import { Id, LineText, LongText, NameText, WebAddress } from "./text.ts";

/** What kind of actor an organisation is. */
export const OrganisationKind = z.enum([
  "association",
  "venue",
  "collective",
  "company",
  "municipality",
  "artist",
]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Sparten: the artistic disciplines an organisation works in. */
export const Sparte = z.enum([
  "music",
  "theatre",
  "dance",
  "visual_arts",
  "literature",
  "film",
  "sociocultural",
  "heritage",
  "other",
]);
export type Sparte = z.infer<typeof Sparte>;

export const OrganisationRole = z.enum(["owner", "admin", "member"]);
export type OrganisationRole = z.infer<typeof OrganisationRole>;

/** A role someone may be invited with (owners are made by transfer or by an owner's role change). */
export const InvitableOrganisationRole = z.enum(["admin", "member"]);

export const ORGANISATION_NAME_MAX = 120;

const SpartenList = z
  .array(Sparte)
  .max(Sparte.options.length)
  .refine((list) => new Set(list).size === list.length, { params: { code: "duplicate" } });

/** Profile fields shared by create and update. */
const profileFields = {
  kind: OrganisationKind,
  sparten: SpartenList,
  description: LongText(600),
  website: WebAddress,
  address: LineText(200),
  district: LineText(80),
  contactName: LineText(120),
  contactEmail: z.union([z.literal(""), Email]),
  accessibilityNotes: LongText(1000),
};

export const CreateOrganisationInput = z.strictObject({
  name: NameText(ORGANISATION_NAME_MAX),
  kind: OrganisationKind,
  sparten: SpartenList.optional(),
  description: profileFields.description.optional(),
  website: profileFields.website.optional(),
  address: profileFields.address.optional(),
  district: profileFields.district.optional(),
  contactName: profileFields.contactName.optional(),
  contactEmail: profileFields.contactEmail.optional(),
  accessibilityNotes: profileFields.accessibilityNotes.optional(),
});
export type CreateOrganisationInput = z.input<typeof CreateOrganisationInput>;

export const UpdateOrganisationInput = z
  .strictObject({
    name: NameText(ORGANISATION_NAME_MAX).optional(),
    kind: profileFields.kind.optional(),
    sparten: profileFields.sparten.optional(),
    description: profileFields.description.optional(),
    website: profileFields.website.optional(),
    address: profileFields.address.optional(),
    district: profileFields.district.optional(),
    contactName: profileFields.contactName.optional(),
    contactEmail: profileFields.contactEmail.optional(),
    accessibilityNotes: profileFields.accessibilityNotes.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateOrganisationInput = z.input<typeof UpdateOrganisationInput>;

/** The public face of an organisation (directory entries, search results, profile). */
export const OrganisationProfile = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrganisationKind,
  sparten: z.array(Sparte),
  description: z.string(),
  website: z.string(),
  address: z.string(),
  district: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  accessibilityNotes: z.string(),
  /** One of eight avatar colours (0–7), stable per organisation, until logos come with files. */
  avatarColor: z.number().int(),
  /** Name, kind, at least one Sparte, description, district and a contact email are filled in. */
  profileComplete: z.boolean(),
});
export type OrganisationProfile = z.infer<typeof OrganisationProfile>;

/** What the caller may do with an organisation, so the UI hides what it may not. */
export const OrganisationAbilities = z.object({
  update: z.boolean(),
  manageMembers: z.boolean(),
  readAudit: z.boolean(),
  transferOwnership: z.boolean(),
  createNetwork: z.boolean(),
  createProject: z.boolean(),
  leave: z.boolean(),
});
export type OrganisationAbilities = z.infer<typeof OrganisationAbilities>;

export const Organisation = OrganisationProfile.extend({
  myRole: OrganisationRole,
  memberCount: z.number().int(),
  createdAt: z.string(),
  abilities: OrganisationAbilities,
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationResponse = z.object({ organisation: Organisation });

export const OrganisationSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrganisationKind,
  avatarColor: z.number().int(),
  myRole: OrganisationRole,
});
export type OrganisationSummary = z.infer<typeof OrganisationSummary>;

export const OrganisationList = z.object({ organisations: z.array(OrganisationSummary) });

export const OrganisationSearchQuery = z.strictObject({
  q: z.string().trim().min(2).max(120),
});

/** An organisation found by name, to invite into a network: only what is public anyway. */
export const OrganisationSearchResult = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrganisationKind,
  district: z.string(),
  avatarColor: z.number().int(),
});
export const OrganisationSearchResults = z.object({ results: z.array(OrganisationSearchResult) });

export const OrganisationMember = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: OrganisationRole,
  joinedAt: z.string(),
  isMe: z.boolean(),
});
export type OrganisationMember = z.infer<typeof OrganisationMember>;

export const OrganisationMemberList = z.object({ members: z.array(OrganisationMember) });

export const ChangeOrganisationRoleInput = z.strictObject({ role: OrganisationRole });
export type ChangeOrganisationRoleInput = z.input<typeof ChangeOrganisationRoleInput>;

export const TransferOwnershipInput = z.strictObject({ userId: Id });
export type TransferOwnershipInput = z.input<typeof TransferOwnershipInput>;

export const InviteOrganisationMemberInput = z.strictObject({
  email: Email,
  role: InvitableOrganisationRole,
});
export type InviteOrganisationMemberInput = z.input<typeof InviteOrganisationMemberInput>;

export const OrganisationIdParam = z.object({ id: Id });
export const OrganisationMemberParam = z.object({ id: Id, userId: Id });
export const OrganisationInvitationParam = z.object({ id: Id, invitationId: Id });
