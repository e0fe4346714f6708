import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { memoryRevocationBus } from "@ensemble/access/revocations";
import { createSession, defaultSessionPolicy } from "@ensemble/auth/sessions";
import type { Db } from "@ensemble/db/db";
import pino from "pino";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createCollabServer } from "./server.ts";
import { initDocumentState } from "./storage.ts";

/**
 * Seeding and client helpers for collaboration tests and benchmarks: real rows in the real
 * database, real sessions, real HTTP servers and the stock y-websocket client.
 */

export interface SeededPerson {
  userId: string;
  /** The session token (value of the `ensemble_session` cookie). */
  token: string;
}

/** A person with a confirmed account and a session. */
export async function seedPerson(db: Db, name = "Person"): Promise<SeededPerson> {
  const userId = randomUUID();
  await db
    .insertInto("users")
    .values({
      id: userId,
      email: `${userId}@example.org`,
      email_verified_at: new Date(),
      display_name: name,
      password_hash: "not-used",
      locale: "de",
      updated_at: new Date(),
    })
    .execute();
  const { token } = await createSession(db, userId);
  return { userId, token };
}

export interface SeededProject {
  organisationId: string;
  projectId: string;
}

/** An organisation owned by `owner` and a project in it. */
export async function seedProject(db: Db, owner: SeededPerson): Promise<SeededProject> {
  const organisationId = randomUUID();
  const projectId = randomUUID();
  await db
    .insertInto("organisations")
    .values({ id: organisationId, name: "Kulturverein", kind: "association", updated_at: new Date() })
    .execute();
  await db
    .insertInto("organisation_members")
    .values({ organisation_id: organisationId, user_id: owner.userId, role: "owner" })
    .execute();
  await db
    .insertInto("projects")
    .values({ id: projectId, organisation_id: organisationId, name: "Förderantrag", updated_at: new Date() })
    .execute();
  await addToProject(db, projectId, owner, "lead");
  return { organisationId, projectId };
}

/** Makes someone a project member with a role. */
export async function addToProject(
  db: Db,
  projectId: string,
  person: SeededPerson,
  role: "lead" | "editor" | "viewer",
): Promise<void> {
  await db
    .insertInto("project_members")
    .values({ project_id: projectId, user_id: person.userId, role })
    .onConflict((oc) => oc.columns(["project_id", "user_id"]).doUpdateSet({ role }))
    .execute();
}

/** A document in the project, optionally with a first state. */
export async function seedDocument(
  db: Db,
  projectId: string,
  createdBy: SeededPerson,
  state?: Uint8Array,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("documents")
    .values({
      id,
      project_id: projectId,
      title: "Antrag",
      created_by: createdBy.userId,
      updated_at: new Date(),
    })
    .execute();
  if (state) {
    await initDocumentState(db, id, state);
  }
  return id;
}

/** An HTTP server on 127.0.0.1 with a random port. */
export async function listen(server: Server = createServer()): Promise<{ server: Server; port: number }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A collaboration server on its own port at 127.0.0.1, silent, with in-process revocations. */
export async function serveCollab(
  db: Db,
  origin: string,
  overrides: Partial<Parameters<typeof createCollabServer>[0]> = {},
) {
  const collab = createCollabServer({
    db,
    publicOrigin: origin,
    secureCookies: false,
    sessionPolicy: defaultSessionPolicy,
    logger: pino({ level: "silent" }),
    revocations: memoryRevocationBus(),
    ...overrides,
  });
  const l = await listen();
  collab.attach(l.server);
  return {
    collab,
    port: l.port,
    async stop() {
      await collab.close();
      await new Promise<void>((r) => l.server.close(() => r()));
    },
  };
}

/** A WebSocket class that sends the session cookie and an Origin, as a browser would. */
export function socketClass(origin: string, token: string | null): typeof WebSocket {
  const headers = { origin, ...(token ? { cookie: `ensemble_session=${token}` } : {}) };
  class BrowserLike extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return BrowserLike as unknown as typeof WebSocket;
}

/** The stock y-websocket client on a fresh Y.Doc. */
export function stockClient(
  port: number,
  documentId: string,
  origin: string,
  token: string | null,
  params: Record<string, string> = {},
): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, documentId, doc, {
    WebSocketPolyfill: socketClass(origin, token) as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, provider };
}

/** Resolves once `check` is true, polling every 10 ms, or rejects after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Types `text` at `index` of the document's first paragraph (made when missing), in the shape
 * Tiptap writes: fragment "default" → paragraph element → text.
 */
export function typeInto(doc: Y.Doc, index: number, text: string): void {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    let paragraph = fragment.get(0);
    if (!(paragraph instanceof Y.XmlElement)) {
      paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [paragraph]);
    }
    const target = paragraph.get(0);
    if (target instanceof Y.XmlText) {
      target.insert(Math.min(index, target.length), text);
    }
  });
}

/** The plain text of every paragraph of the document, one after another. */
export function textOf(doc: Y.Doc): string {
  let out = "";
  for (const block of doc.getXmlFragment("default").toArray()) {
    if (!(block instanceof Y.XmlElement)) {
      continue;
    }
    for (const child of block.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as { insert: unknown }[]) {
          out += typeof op.insert === "string" ? op.insert : "";
        }
      }
    }
  }
  return out;
}

/** A document state holding `text` in one paragraph. */
export function textState(text: string): Uint8Array {
  const doc = new Y.Doc();
  typeInto(doc, 0, text);
  return Y.encodeStateAsUpdate(doc);
}
