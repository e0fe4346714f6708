import type { IncomingMessage } from "node:http";
import { loadDocumentSubject } from "@ensemble/access/load";
import { can } from "@ensemble/access/policy";
import { type SessionPolicy, validateSessionToken } from "@ensemble/auth/sessions";
import type { Db } from "@ensemble/db/db";

/** Who is connecting, and how far they may go with this document. */
export interface CollabIdentity {
  userId: string;
  displayName: string;
  sessionId: string;
  documentId: string;
  projectId: string;
  canEdit: boolean;
}

export type AuthOutcome =
  | { ok: true; identity: CollabIdentity }
  | { ok: false; status: 400 | 401 | 403 | 404; reason: string };

export interface AuthOptions {
  db: Db;
  publicOrigin: string;
  /** The session cookie is `__Host-ensemble_session` over https, else `ensemble_session`. */
  secureCookies: boolean;
  sessionPolicy: SessionPolicy;
  now: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The document id from `/collab/<id>` (query ignored), or null. */
export function documentIdFromPath(url: string | undefined, base: string): string | null {
  if (!url) {
    return null;
  }
  const path = url.split("?", 1)[0] ?? "";
  if (!path.startsWith(`${base}/`)) {
    return null;
  }
  const id = path.slice(base.length + 1);
  return UUID.test(id) ? id.toLowerCase() : null;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) {
    return undefined;
  }
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Decides an upgrade before anything is loaded: the Origin must be ours, the session cookie valid,
 * and the person must be able to read the document (through the shared access module). What they
 * may not read is "not found", as on the HTTP API.
 */
export async function authenticateUpgrade(
  req: IncomingMessage,
  documentId: string,
  options: AuthOptions,
): Promise<AuthOutcome> {
  if (req.headers.origin !== options.publicOrigin) {
    return { ok: false, status: 403, reason: "origin not allowed" };
  }
  const name = options.secureCookies ? "__Host-ensemble_session" : "ensemble_session";
  const token = readCookie(req.headers.cookie, name);
  if (!token) {
    return { ok: false, status: 401, reason: "no session" };
  }
  const session = await validateSessionToken(options.db, token, options.sessionPolicy, options.now());
  if (!session) {
    return { ok: false, status: 401, reason: "no session" };
  }
  const identity = await checkAccess(options.db, session.user.id, documentId);
  if (!identity) {
    return { ok: false, status: 404, reason: "no such document" };
  }
  return {
    ok: true,
    identity: {
      ...identity,
      displayName: session.user.display_name,
      sessionId: session.session.id,
    },
  };
}

/** Reads the person's access to the document afresh (null: they may not read it). */
export async function checkAccess(
  db: Db,
  userId: string,
  documentId: string,
): Promise<Pick<CollabIdentity, "userId" | "documentId" | "projectId" | "canEdit"> | null> {
  const actor = { userId };
  const subject = await loadDocumentSubject(db, actor, documentId);
  if (!subject || !can(actor, "read", subject)) {
    return null;
  }
  return { userId, documentId, projectId: subject.project.id, canEdit: can(actor, "edit", subject) };
}
