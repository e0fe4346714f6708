import { randomUUID } from "node:crypto";
import { authorizeOrganisation } from "@ensemble/access/authorize";
import { loadNetworkSubject, loadOrganisationSubject, loadProjectSubject } from "@ensemble/access/load";
import { can, canAssignOrganisationRole, type OrganisationRole } from "@ensemble/access/policy";
import { randomToken, sha256Hex } from "@ensemble/auth/tokens";
import { AppError } from "@ensemble/contracts/errors";
import {
  type AcceptedInvitation,
  INVITATION_DAYS,
  type Invitation,
  type ReceivedInvitation,
} from "@ensemble/contracts/invitations";
import type { Db } from "@ensemble/db/db";
import type { InvitationRow } from "@ensemble/db/schema";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { joinNetwork, recordNetworkDecline } from "../networks/networks.service.ts";
import { joinOrganisation } from "../organisations/organisations.service.ts";
import { joinProject } from "../projects/projects.service.ts";
import { invitationMail } from "./invitations.mails.ts";
import { presentInvitation, presentReceivedInvitation } from "./invitations.presenter.ts";
import type { InvitationTarget } from "./invitations.repo.ts";
import * as repo from "./invitations.repo.ts";

export type { InvitationTarget };
export type Recipient = { email: string } | { organisationId: string };

/** An invitation just written, with the token its mail must carry (email invitations only). */
export interface IssuedInvitation {
  row: InvitationRow;
  token: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

function expiry(deps: AppDeps): Date {
  return new Date(deps.now().getTime() + INVITATION_DAYS * DAY);
}

/**
 * Writes an invitation inside the caller's transaction, or renews the one for the same recipient
 * (new token, role and sender, seven more days, no longer declined): a unique index keeps it to
 * one, even when two are sent at the same moment.
 */
export async function issueInvitation(
  deps: AppDeps,
  db: Db,
  caller: Caller,
  target: InvitationTarget,
  recipient: Recipient,
  role: string | null,
): Promise<IssuedInvitation> {
  const token = "email" in recipient ? randomToken(160) : null;
  const tokenHash = token ? sha256Hex(token) : null;
  const row = await repo.upsertInvitation(db, {
    id: randomUUID(),
    kind: target.kind,
    organisation_id: target.kind === "organisation" ? target.id : null,
    network_id: target.kind === "network" ? target.id : null,
    project_id: target.kind === "project" ? target.id : null,
    invited_organisation_id: "organisationId" in recipient ? recipient.organisationId : null,
    email: "email" in recipient ? recipient.email : null,
    role,
    token_hash: tokenHash,
    invited_by: caller.user.id,
    invited_by_name: caller.user.display_name,
    expires_at: expiry(deps),
    created_at: deps.now(),
  });
  return { row, token };
}

/**
 * Mails an issued invitation: the link with the token to an invited address, or a notice to the
 * admins of an invited organisation. A failed mail is logged; the invitation can be resent.
 */
export async function mailInvitation(deps: AppDeps, caller: Caller, issued: IssuedInvitation): Promise<void> {
  const { row, token } = issued;
  const names = await repo.targetNames(deps.db, [row]);
  const targetName = names.get(row.organisation_id ?? row.network_id ?? row.project_id ?? "") ?? "";
  const base = deps.config.publicUrl.replace(/\/$/, "");
  const recipients: string[] = [];
  let link = "";
  if (token && row.email) {
    recipients.push(row.email);
    link = `${base}/invite/${token}`;
  } else if (row.invited_organisation_id) {
    recipients.push(...(await adminEmails(deps.db, row.invited_organisation_id)));
    link = `${base}/organisations/${row.invited_organisation_id}/network-invitations`;
  }
  for (const to of recipients) {
    try {
      await deps.mailer.send(
        invitationMail({
          to,
          kind: row.kind,
          inviter: caller.user.display_name,
          targetName,
          role: row.role,
          link,
          locale: caller.user.locale,
        }),
      );
    } catch (err) {
      deps.logger.error({ err, invitation: row.id }, "invitation mail could not be sent");
    }
  }
}

async function adminEmails(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("organisation_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("u.email")
    .where("m.organisation_id", "=", organisationId)
    .where("m.role", "in", ["owner", "admin"])
    .execute();
  return rows.map((r) => r.email);
}

/**
 * Only people with a confirmed address send invitations (so nobody signs up with a made-up
 * address to mail strangers), and each spends the sender's and the address's budget first.
 */
export async function chargeInvitation(deps: AppDeps, caller: Caller, recipient: Recipient): Promise<void> {
  assertConfirmed(caller);
  await deps.limits.invitation(
    caller.user.id,
    "email" in recipient ? recipient.email : recipient.organisationId,
  );
}

/**
 * The whole "invite a person by email" step, once for organisations and projects (the caller has
 * authorised it): refuses a member's address, spends the budgets, writes the invitation (with
 * the target's audit event, if any) in one transaction, then mails the link.
 */
export async function inviteByEmail(
  deps: AppDeps,
  caller: Caller,
  target: InvitationTarget,
  email: string,
  role: string,
  options: {
    isMember: (email: string) => Promise<boolean>;
    audit?: (tx: Db, issued: IssuedInvitation) => Promise<void>;
  },
): Promise<Invitation> {
  if (await options.isMember(email)) {
    throw new AppError("already_member", "This person is a member already.", {
      fields: { email: "already_member" },
    });
  }
  await chargeInvitation(deps, caller, { email });
  const issued = await deps.db.transaction().execute(async (tx) => {
    const issued = await issueInvitation(deps, tx, caller, target, { email }, role);
    await options.audit?.(tx, issued);
    return issued;
  });
  await mailInvitation(deps, caller, issued);
  return presentOne(deps, issued.row);
}

/** Refuses callers whose email address is not confirmed yet. */
export function assertConfirmed(caller: Caller): void {
  if (!caller.user.email_verified_at) {
    throw new AppError("email_unverified", "Please confirm your email address first.");
  }
}

/** The invitations of a target (authorisation is the caller's job). */
export async function listInvitations(deps: AppDeps, target: InvitationTarget): Promise<Invitation[]> {
  const rows = await repo.listForTarget(deps.db, target);
  const names = await repo.targetNames(deps.db, rows);
  const now = deps.now();
  return rows.map((r) => presentInvitation(r, names, now));
}

/** Presents one invitation for its target's managers. */
export async function presentOne(deps: AppDeps, row: InvitationRow): Promise<Invitation> {
  return presentInvitation(row, await repo.targetNames(deps.db, [row]), deps.now());
}

/** Revokes an invitation of the target; another target's invitation is "not found". */
export async function revokeInvitation(db: Db, target: InvitationTarget, id: string): Promise<InvitationRow> {
  const row = await repo.findForTarget(db, target, id);
  if (!row) {
    throw new AppError("not_found", "There is no such invitation.");
  }
  await repo.deleteInvitation(db, row.id);
  return row;
}

/** Sends an invitation again with a new token and seven more days. */
export async function resendInvitation(
  deps: AppDeps,
  caller: Caller,
  target: InvitationTarget,
  id: string,
): Promise<Invitation> {
  const row = await repo.findForTarget(deps.db, target, id);
  if (!row) {
    throw new AppError("not_found", "There is no such invitation.");
  }
  const recipient: Recipient = row.email
    ? { email: row.email }
    : { organisationId: row.invited_organisation_id ?? "" };
  await chargeInvitation(deps, caller, recipient);
  const token = row.email ? randomToken(160) : null;
  const renewed = await repo.renewInvitation(deps.db, row.id, {
    token_hash: token ? sha256Hex(token) : null,
    expires_at: expiry(deps),
    declined_at: null,
    created_at: deps.now(),
  });
  if (!renewed) {
    throw new AppError("not_found", "There is no such invitation.");
  }
  await mailInvitation(deps, caller, { row: renewed, token });
  return presentOne(deps, renewed);
}

async function myAdminOrganisations(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("organisation_members")
    .select("organisation_id")
    .where("user_id", "=", userId)
    .where("role", "in", ["owner", "admin"])
    .execute();
  return rows.map((r) => r.organisation_id);
}

/**
 * Whose invitations the caller's address stands for: only a confirmed address. Anyone may sign up
 * with an address that was invited; until they confirm it, only the mailed link proves it is theirs.
 */
function confirmedEmail(caller: Caller): string | null {
  return caller.user.email_verified_at ? caller.user.email : null;
}

/** Pending invitations addressed to my confirmed address, or to organisations I administer. */
export async function listReceived(deps: AppDeps, caller: Caller): Promise<ReceivedInvitation[]> {
  const admin = await myAdminOrganisations(deps.db, caller.user.id);
  const rows = await repo.listReceived(deps.db, confirmedEmail(caller), admin);
  const names = await repo.targetNames(deps.db, rows);
  const now = deps.now();
  return rows.map((r) => presentReceivedInvitation(r, names, now)).filter((i) => i.state === "pending");
}

/** Pending network invitations of one organisation (authorisation is the caller's job). */
export async function listForInvitedOrganisation(
  deps: AppDeps,
  organisationId: string,
): Promise<ReceivedInvitation[]> {
  const rows = await repo.listForInvitedOrganisation(deps.db, organisationId);
  const names = await repo.targetNames(deps.db, rows);
  const now = deps.now();
  return rows.map((r) => presentReceivedInvitation(r, names, now)).filter((i) => i.state === "pending");
}

function usable(row: InvitationRow | undefined, now: Date): InvitationRow {
  if (!row || row.declined_at || new Date(row.expires_at).getTime() <= now.getTime()) {
    throw new AppError("invitation_expired", "This invitation has expired or has already been used.");
  }
  return row;
}

/** What the link in an invitation mail leads to (anyone holding the token may look). */
export async function previewByToken(deps: AppDeps, token: string): Promise<ReceivedInvitation> {
  const row = usable(await repo.findByTokenHash(deps.db, sha256Hex(token)), deps.now());
  return presentReceivedInvitation(row, await repo.targetNames(deps.db, [row]), deps.now());
}

/**
 * The invitation the caller may answer: by the mailed token, one addressed to their address; by
 * id, one addressed to their confirmed address (a stranger's invitation is "not found"), or a
 * network invitation to an organisation they administer.
 */
async function answerable(
  deps: AppDeps,
  db: Db,
  caller: Caller,
  ref: { token: string } | { id: string },
): Promise<InvitationRow> {
  if ("token" in ref) {
    const row = usable(await repo.findByTokenHash(db, sha256Hex(ref.token)), deps.now());
    if (row.email !== caller.user.email) {
      throw new AppError(
        "invitation_wrong_account",
        "This invitation was sent to another address. Sign in with that address to accept it.",
      );
    }
    return row;
  }
  const row = await repo.findById(db, ref.id);
  if (!row) {
    throw new AppError("not_found", "There is no such invitation.");
  }
  if (row.email !== null && row.email !== confirmedEmail(caller)) {
    throw new AppError("not_found", "There is no such invitation.");
  }
  if (row.invited_organisation_id !== null) {
    const admin = await myAdminOrganisations(db, caller.user.id);
    if (!admin.includes(row.invited_organisation_id)) {
      throw new AppError("not_found", "There is no such invitation.");
    }
  }
  return usable(row, deps.now());
}

/**
 * May the person who sent the invitation still grant what it grants? An invitation carries its
 * sender's authority: once they are removed or demoted, what they sent is void.
 */
async function inviterStillMay(db: Db, row: InvitationRow): Promise<boolean> {
  if (!row.invited_by) {
    return false;
  }
  const inviter = { userId: row.invited_by };
  if (row.kind === "organisation" && row.organisation_id) {
    const subject = await loadOrganisationSubject(db, inviter, row.organisation_id);
    return (
      subject !== null &&
      can(inviter, "manage_members", subject) &&
      canAssignOrganisationRole(subject.role, null, (row.role ?? "member") as OrganisationRole, false)
    );
  }
  if (row.kind === "project" && row.project_id) {
    const subject = await loadProjectSubject(db, inviter, row.project_id);
    return subject !== null && can(inviter, "manage_members", { ...subject, state: "active" });
  }
  if (row.kind === "network" && row.network_id) {
    const subject = await loadNetworkSubject(db, inviter, row.network_id);
    return subject !== null && can(inviter, "invite_partners", subject);
  }
  return false;
}

/**
 * Accepts an invitation: the membership is written and the invitation used up in one
 * transaction. Accepting an emailed link also confirms the address it was sent to.
 */
export async function acceptInvitation(
  deps: AppDeps,
  caller: Caller,
  ref: { token: string } | { id: string },
  organisationId: string | undefined,
): Promise<AcceptedInvitation> {
  return deps.db.transaction().execute(async (tx) => {
    const row = await answerable(deps, tx, caller, ref);
    if (!(await inviterStillMay(tx, row))) {
      throw new AppError("invitation_expired", "This invitation is no longer valid: ask for a new one.");
    }
    if (!(await repo.takeInvitation(tx, row.id))) {
      throw new AppError("invitation_expired", "This invitation has expired or has already been used.");
    }
    if ("token" in ref && !caller.user.email_verified_at) {
      await tx
        .updateTable("users")
        .set({ email_verified_at: deps.now() })
        .where("id", "=", caller.user.id)
        .execute();
    }
    if (row.kind === "organisation" && row.organisation_id) {
      await joinOrganisation(
        deps,
        tx,
        caller,
        row.organisation_id,
        row.role === "admin" ? "admin" : "member",
      );
      return { kind: row.kind, targetId: row.organisation_id };
    }
    if (row.kind === "project" && row.project_id) {
      const role = row.role === "lead" || row.role === "editor" ? row.role : "viewer";
      await joinProject(deps, tx, caller, row.project_id, role);
      return { kind: row.kind, targetId: row.project_id };
    }
    if (row.kind === "network" && row.network_id) {
      const joining = organisationId ?? row.invited_organisation_id;
      if (!joining) {
        throw new AppError("validation_failed", "Choose the organisation that joins the network.", {
          fields: { organisationId: "required" },
        });
      }
      if (row.invited_organisation_id && row.invited_organisation_id !== joining) {
        throw new AppError("validation_failed", "This invitation is for another organisation.", {
          fields: { organisationId: "invalid" },
        });
      }
      await authorizeOrganisation(tx, caller.actor, "answer_network_invitation", joining);
      await joinNetwork(deps, tx, caller, row.network_id, joining);
      return { kind: row.kind, targetId: row.network_id };
    }
    throw new AppError("invitation_expired", "This invitation has expired or has already been used.");
  });
}

/** Declines an invitation; it stays listed as declined for the inviter until revoked or resent. */
export async function declineInvitation(
  deps: AppDeps,
  caller: Caller,
  ref: { token: string } | { id: string },
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const row = await answerable(deps, tx, caller, ref);
    await repo.markDeclined(tx, row.id, deps.now());
    if (row.kind === "network" && row.network_id) {
      await recordNetworkDecline(deps, tx, caller, row);
    }
  });
}
