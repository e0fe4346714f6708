import { z } from "zod";
import { Email } from "./auth.ts";
import { Invitation } from "./invitations.ts";
import { OrganisationKind, OrganisationProfile, OrganisationRole, Sparte } from "./organisations.ts";
import { Id, LongText, NameText } from "./text.ts";

export const CreateNetworkInput = z.strictObject({
  /** The coordinating organisation (the caller must administer it). */
  organisationId: Id,
  name: NameText(120),
  description: LongText(1000).optional(),
});
export type CreateNetworkInput = z.input<typeof CreateNetworkInput>;

export const UpdateNetworkInput = z
  .strictObject({
    name: NameText(120).optional(),
    description: LongText(1000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateNetworkInput = z.input<typeof UpdateNetworkInput>;

export const NetworkAbilities = z.object({
  update: z.boolean(),
  invitePartners: z.boolean(),
  manageChecklist: z.boolean(),
  readOnboarding: z.boolean(),
  readAudit: z.boolean(),
  removePartners: z.boolean(),
  createProject: z.boolean(),
});
export type NetworkAbilities = z.infer<typeof NetworkAbilities>;

export const Network = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  coordinator: z.object({ id: z.string(), name: z.string() }),
  partnerCount: z.number().int(),
  /** My organisations in this network, with my role in each. */
  myOrganisations: z.array(z.object({ id: z.string(), name: z.string(), role: OrganisationRole })),
  createdAt: z.string(),
  abilities: NetworkAbilities,
});
export type Network = z.infer<typeof Network>;
export const NetworkResponse = z.object({ network: Network });

export const NetworkSummary = z.object({
  id: z.string(),
  name: z.string(),
  coordinatorName: z.string(),
  isCoordinator: z.boolean(),
  partnerCount: z.number().int(),
});
export type NetworkSummary = z.infer<typeof NetworkSummary>;
export const NetworkList = z.object({ networks: z.array(NetworkSummary) });

/** Invite an existing organisation, or the future admin of one by email: exactly one of the two. */
export const InvitePartnerInput = z
  .strictObject({
    organisationId: Id.optional(),
    email: Email.optional(),
  })
  .refine((v) => (v.organisationId === undefined) !== (v.email === undefined), {
    params: { code: "one_of_organisation_or_email" },
  });
export type InvitePartnerInput = z.input<typeof InvitePartnerInput>;

export const ChecklistItem = z.object({ id: z.string(), label: z.string(), position: z.number().int() });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const CreateChecklistItemInput = z.strictObject({ label: NameText(120) });
export type CreateChecklistItemInput = z.input<typeof CreateChecklistItemInput>;
export const UpdateChecklistItemInput = z.strictObject({ label: NameText(120) });
export type UpdateChecklistItemInput = z.input<typeof UpdateChecklistItemInput>;
export const ChecklistItemResponse = z.object({ item: ChecklistItem });

export const SetChecklistCheckInput = z.strictObject({ done: z.boolean() });
export type SetChecklistCheckInput = z.input<typeof SetChecklistCheckInput>;

/** A partner as the coordinator's onboarding view shows it. */
export const OnboardingPartner = z.object({
  organisation: z.object({
    id: z.string(),
    name: z.string(),
    kind: OrganisationKind,
    district: z.string(),
    avatarColor: z.number().int(),
  }),
  isCoordinator: z.boolean(),
  joinedAt: z.string(),
  profileComplete: z.boolean(),
  firstProjectJoined: z.boolean(),
  checks: z.array(z.object({ itemId: z.string(), done: z.boolean(), doneAt: z.string().nullable() })),
});
export type OnboardingPartner = z.infer<typeof OnboardingPartner>;

export const Onboarding = z.object({
  partners: z.array(OnboardingPartner),
  invitations: z.array(Invitation),
  checklist: z.array(ChecklistItem),
});
export type Onboarding = z.infer<typeof Onboarding>;

export const DirectoryQuery = z.strictObject({
  q: z.string().trim().max(120).optional(),
  sparte: Sparte.optional(),
  district: z.string().trim().max(80).optional(),
});
export type DirectoryQuery = z.input<typeof DirectoryQuery>;

export const Directory = z.object({
  entries: z.array(OrganisationProfile),
  /** Every district named by a partner, for the filter. */
  districts: z.array(z.string()),
});
export type Directory = z.infer<typeof Directory>;

export const NetworkIdParam = z.object({ id: Id });
export const NetworkPartnerParam = z.object({ id: Id, organisationId: Id });
export const NetworkInvitationParam = z.object({ id: Id, invitationId: Id });
export const ChecklistItemParam = z.object({ id: Id, itemId: Id });
export const PartnerCheckParam = z.object({ id: Id, organisationId: Id, itemId: Id });
