import { z } from "zod";

/** What an audit event records. */
export const AuditAction = z.enum([
  "organisation.created",
  "organisation.updated",
  "member.invited",
  "member.invitation_revoked",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "member.left",
  "ownership.transferred",
  "network.created",
  "network.updated",
  "partner.invited",
  "partner.invitation_revoked",
  "partner.joined",
  "partner.declined",
  "partner.removed",
  "partner.left",
  "project.created",
  "project.deleted",
  "project.restored",
  "project.purged",
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  action: AuditAction,
  /** Who did it (their name at the time; null id once the account is gone). */
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  /** What it was done to: a person, organisation, invitation or project, by name at the time. */
  target: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }),
  details: z.record(z.string(), z.string()),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.strictObject({
  /** The id of the last event of the previous page. */
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});

export const AuditPage = z.object({
  events: z.array(AuditEvent),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
