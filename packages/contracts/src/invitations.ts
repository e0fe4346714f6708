import { z } from "zod";
import { Id } from "./text.ts";

/** Invitations last seven days and are used once. */
export const INVITATION_DAYS = 7;

export const InvitationKind = z.enum(["organisation", "network", "project"]);
export type InvitationKind = z.infer<typeof InvitationKind>;

/** A pending invitation, as the people who manage the target see it. */
export const Invitation = z.object({
  id: z.string(),
  kind: InvitationKind,
  /** The invited address (empty when an existing organisation is invited into a network). */
  email: z.string(),
  /** The invited organisation, for network invitations of an existing organisation. */
  invitedOrganisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The role it grants (organisation or project role); null for network invitations. */
  role: z.string().nullable(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(["pending", "expired", "declined"]),
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationList = z.object({ invitations: z.array(Invitation) });

/** An invitation as its recipient sees it: in their list, or opened from the mail. */
export const ReceivedInvitation = z.object({
  id: z.string(),
  kind: InvitationKind,
  /** The organisation, network or project one is invited into. */
  target: z.object({ id: z.string(), name: z.string() }),
  /** For network invitations: who coordinates the network. */
  coordinatorName: z.string().nullable(),
  /** For network invitations of an existing organisation: which one is invited. */
  invitedOrganisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  email: z.string(),
  role: z.string().nullable(),
  invitedBy: z.string(),
  expiresAt: z.string(),
  state: z.enum(["pending", "expired", "declined"]),
});
export type ReceivedInvitation = z.infer<typeof ReceivedInvitation>;

export const ReceivedInvitationList = z.object({ invitations: z.array(ReceivedInvitation) });
export const ReceivedInvitationResponse = z.object({ invitation: ReceivedInvitation });

export const InvitationToken = z.string().trim().min(10).max(100);

export const InvitationTokenInput = z.strictObject({ token: InvitationToken });
export type InvitationTokenInput = z.input<typeof InvitationTokenInput>;

/**
 * Accepting by the mailed token (anyone holding the link, signed in with the invited address) or
 * from one's own list by id. Network invitations need the organisation that joins (one the
 * accepting person administers).
 */
export const AcceptInvitationInput = z.strictObject({
  token: InvitationToken,
  organisationId: Id.optional(),
});
export type AcceptInvitationInput = z.input<typeof AcceptInvitationInput>;

export const AcceptInvitationByIdInput = z.strictObject({ organisationId: Id.optional() });
export type AcceptInvitationByIdInput = z.input<typeof AcceptInvitationByIdInput>;

/** Where an accepted invitation leads. */
export const AcceptedInvitation = z.object({
  kind: InvitationKind,
  targetId: z.string(),
});
export type AcceptedInvitation = z.infer<typeof AcceptedInvitation>;

export const InvitationIdParam = z.object({ invitationId: Id });
