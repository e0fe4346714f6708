import { randomUUID } from "node:crypto";
import type { AccessRevocation } from "@ensemble/access/revocations";
import { appendUpdates, readDocumentState } from "@ensemble/collab-core/storage";
import { expect } from "vitest";
import * as Y from "yjs";
import { type Client, type TestApp, uniqueEmail } from "./harness.ts";
import {
  createOrganisation,
  expectAllNotFound,
  expectAllUnauthenticated,
  inviteToken,
  type Person,
  person,
  type RouteCall,
} from "./tenancy.ts";

/** An id no row has: a route naming it answers 404. */
export const NOTHING = "00000000-0000-4000-8000-000000000000";

/** Someone in a project with a role. */
export interface Member extends Person {
  role: "lead" | "editor" | "viewer";
}

/**
 * A project of an organisation led by Lea (the organisation's owner), with Ed, an editor from a
 * third organisation, and Vera, a guest viewer.
 */
export async function documentsWorld(t: TestApp) {
  const lead = await person(t, "Lea Lead");
  const org = await createOrganisation(lead.client, { name: "Stadtteilbühne" });
  const created = await lead.client.post("/api/projects", { organisationId: org.id, name: "Sommerfest" });
  expect(created.status, created.text).toBe(201);
  const project = created.json.project as { id: string; name: string };
  const editor = await joinProject(t, lead.client, project.id, "editor", "Ed Editor");
  const viewer = await joinProject(t, lead.client, project.id, "viewer", "Vera Viewer");
  return { lead, org, project, editor, viewer };
}

/** Invites someone (a new person unless `who` is given) into a project with a role; they accept. */
export async function joinProject(
  t: TestApp,
  lead: Client,
  projectId: string,
  role: "lead" | "editor" | "viewer",
  displayName: string,
  who?: Person,
): Promise<Member> {
  const email = who?.email ?? uniqueEmail(role);
  const res = await lead.post(`/api/projects/${projectId}/invitations`, { email, role });
  expect(res.status, res.text).toBe(201);
  const token = inviteToken(t, email);
  const joined = who ?? (await person(t, displayName, { email }));
  const accepted = await joined.client.post("/api/invitations/accept", { token });
  expect(accepted.status, accepted.text).toBe(200);
  return { ...joined, role };
}

/** Creates a document as `client` (201) and answers it. */
export async function createDocument(
  client: Client,
  projectId: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any> & { id: string; title: string }> {
  const res = await client.post(`/api/projects/${projectId}/documents`, { title: "Förderantrag", ...body });
  expect(res.status, res.text).toBe(201);
  return res.json.document;
}

/** Creates a folder as `client` (201) and answers it. */
export async function createFolder(
  client: Client,
  projectId: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any> & { id: string; name: string }> {
  const res = await client.post(`/api/projects/${projectId}/folders`, { name: "Anträge", ...body });
  expect(res.status, res.text).toBe(201);
  return res.json.folder;
}

/** A comment thread as the API answers it. */
export type Thread = Record<string, any> & { id: string; comments: (Record<string, any> & { id: string })[] };

/** Opens a comment thread on a document as `client` (201) and answers it. */
export async function openThread(
  client: Client,
  documentId: string,
  body: Record<string, unknown> = {},
): Promise<Thread> {
  const res = await client.post(`/api/documents/${documentId}/threads`, {
    id: randomUUID(),
    quote: "Eigenanteil 10 %",
    body: "Stimmt das?",
    ...body,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.thread;
}

/** Every route answers 401 without a session and 404 to Otto, who belongs to nothing. */
export async function expectClosedToOutsiders(t: TestApp, calls: RouteCall[]): Promise<void> {
  await expectAllUnauthenticated(t, calls);
  await expectAllNotFound(t, (await person(t, "Otto Outsider")).client, calls);
}

/** One paragraph of text, optionally with a comment mark on it (as Tiptap stores it in Yjs). */
export interface Paragraph {
  text: string;
  commentThread?: string;
}

/**
 * Appends paragraphs to a document's stored state as the collaboration server would (one
 * update in the log), building on what is stored so the update applies.
 */
export async function writeParagraphs(
  t: TestApp,
  documentId: string,
  paragraphs: Paragraph[],
): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await readDocumentState(t.deps.db, documentId));
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    for (const p of paragraphs) {
      const element = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      element.insert(0, [text]);
      fragment.insert(fragment.length, [element]);
      text.insert(0, p.text, p.commentThread ? { comment: { threadId: p.commentThread } } : {});
    }
  });
  await appendUpdates(t.deps.db, [{ documentId, data: Y.encodeStateAsUpdate(doc, before), userId: null }]);
  doc.destroy();
}

/** The stored paragraphs of a document: their text and the comment threads marked on them. */
export async function readParagraphs(t: TestApp, documentId: string): Promise<Paragraph[]> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await readDocumentState(t.deps.db, documentId));
  const out: Paragraph[] = [];
  for (const element of doc.getXmlFragment("default").toArray()) {
    if (!(element instanceof Y.XmlElement)) {
      continue;
    }
    for (const child of element.toArray()) {
      if (!(child instanceof Y.XmlText)) {
        continue;
      }
      for (const op of child.toDelta() as { insert: string; attributes?: Record<string, any> }[]) {
        const mark = Object.entries(op.attributes ?? {}).find(([k]) => k.startsWith("comment"));
        out.push(mark ? { text: op.insert, commentThread: mark[1].threadId } : { text: op.insert });
      }
    }
  }
  doc.destroy();
  return out;
}

/** Collects every access revocation published while the test runs. */
export function recordRevocations(t: TestApp): { seen: AccessRevocation[]; stop: () => void } {
  const seen: AccessRevocation[] = [];
  const stop = t.deps.revocations.subscribe((r) => seen.push(r));
  return { seen, stop };
}
