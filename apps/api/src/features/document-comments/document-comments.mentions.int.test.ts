import { randomUUID } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { defaultRateLimits } from "../../lib/rate-limit.ts";
import { createDocument, documentsWorld, openThread } from "../../test/documents.ts";
import { ORIGIN, useTestApp } from "../../test/harness.ts";
import { expectError, later, person, storesNothing } from "../../test/tenancy.ts";

const MENTION_MAILS_PER_HOUR = defaultRateLimits.mentionMailsPerHour;

import { mailMentions } from "./document-comments.service.ts";

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});
const t = useTestApp({ logger: pino({ level: "info" }, sink) });

/** The log entries with this message, from now on. */
function logged(msg: string, since: number): Record<string, unknown>[] {
  return lines
    .slice(since)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.msg === msg);
}

const SUBJECTS = ["Du wurdest in einem Kommentar erwähnt", "You were mentioned in a comment"];

/** The mention mails `to` got (they got invitations too). */
function mentions(to: string) {
  return t.mails(to).filter((m) => SUBJECTS.includes(m.subject));
}

describe("mention mails", () => {
  it("mails every mentioned member once, in their language, never the author, with the comment and a link to the thread", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    expect((await lead.client.patch("/api/account/profile", { locale: "en" })).status).toBe(200);
    const doc = await createDocument(editor.client, project.id, { title: "Förderantrag Kulturfonds" });
    const first = "@Lea Lead @Ed Editor, passt das so?";
    const long = `${first}\nZeile zwei\n${"x".repeat(600)}`;
    const thread = await openThread(viewer.client, doc.id, {
      body: long,
      mentions: [lead.user.id, editor.user.id, lead.user.id, viewer.user.id],
    });
    const link = `${ORIGIN}/projects/${project.id}/documents/${doc.id}?thread=${thread.id}`;
    expect(mentions(viewer.email)).toEqual([]);
    const [english, ...moreEnglish] = mentions(lead.email);
    expect(moreEnglish).toEqual([]);
    expect(english?.subject).toBe("You were mentioned in a comment");
    const [german, ...moreGerman] = mentions(editor.email);
    expect(moreGerman).toEqual([]);
    expect(german?.subject).toBe("Du wurdest in einem Kommentar erwähnt");
    // 500 characters of the comment (the line breaks count), each line quoted
    const rest = 500 - first.length - "Zeile zwei".length - 2;
    const quoted = `> ${first}\n> Zeile zwei\n> ${"x".repeat(rest)} …`;
    expect(german?.text).toBe(
      `Hallo Ed Editor,\n\nVera Viewer hat dich in einem Kommentar im Dokument „Förderantrag Kulturfonds“ erwähnt:\n\n${quoted}\n\nHier kannst du den Kommentar lesen und antworten:\n\n${link}\n\nDu bekommst diese Mail, weil du Mitglied des Projekts bist.\n\nEnsemble`,
    );
    expect(english?.text).toContain(
      "Hello Lea Lead,\n\nVera Viewer mentioned you in a comment on the document",
    );
    expect(english?.text).toContain(`${quoted}\n\nOpen the comment to read or reply:\n\n${link}\n`);
    expect(t.lastLink(lead.email, "/documents/")).toBe(link);

    // a reply mails the people it mentions (the author of the thread is not told otherwise)
    const reply = await later(t, 1, () =>
      lead.client.post(`/api/documents/${doc.id}/threads/${thread.id}/comments`, {
        body: "Ed, bitte prüfen.",
        mentions: [editor.user.id],
      }),
    );
    expect(reply.status, reply.text).toBe(201);
    expect(mentions(editor.email)).toHaveLength(2);
    expect(mentions(editor.email)[1]?.text).toContain("Lea Lead hat dich in einem Kommentar");
    expect(mentions(editor.email)[1]?.text).toContain("> Ed, bitte prüfen.");
    expect(mentions(viewer.email)).toEqual([]);
    expect(mentions(lead.email)).toHaveLength(1);
  });

  it("mails nobody when the mentions are refused (422) and the comment is not stored", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const stranger = await person(t, "Sven Stranger");
    const before = t.mails().length;
    await storesNothing(t, async () => {
      const res = await viewer.client.post(`/api/documents/${doc.id}/threads`, {
        id: randomUUID(),
        quote: "",
        body: "@Lea @Sven",
        mentions: [lead.user.id, stranger.user.id],
      });
      expectError(res, 422, "validation_failed");
    });
    expect(t.mails().length).toBe(before);
  });

  it("leaves out people who can no longer read the document", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(editor.client, doc.id, { mentions: [viewer.user.id, lead.user.id] });
    expect(mentions(viewer.email)).toHaveLength(1);
    // Vera loses her place between the comment's commit and its mails
    const removed = await lead.client.delete(`/api/projects/${project.id}/members/${viewer.user.id}`);
    expect(removed.status, removed.text).toBe(200);
    await mailMentions(
      t.deps,
      { id: editor.user.id, displayName: "Ed Editor" },
      {
        documentId: doc.id,
        threadId: thread.id,
        body: "Stimmt das?",
        people: [viewer.user.id, lead.user.id],
      },
    );
    expect(mentions(viewer.email)).toHaveLength(1);
    expect(mentions(lead.email)).toHaveLength(2);
  });

  it("saves the comment when its mail cannot be sent, and logs the failure", async () => {
    const { lead, project, editor } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const outbox = join(t.deps.config.dataDir, "outbox");
    const since = lines.length;
    // a file where the outbox folder should be: the real mailer fails to write the mail
    renameSync(outbox, `${outbox}-kept`);
    writeFileSync(outbox, "");
    let thread: Record<string, any>;
    try {
      thread = await openThread(editor.client, doc.id, { body: "@Lea schau mal", mentions: [lead.user.id] });
    } finally {
      rmSync(outbox);
      renameSync(`${outbox}-kept`, outbox);
    }
    expect(thread.comments[0].body).toBe("@Lea schau mal");
    expect((await lead.client.get(`/api/documents/${doc.id}/threads`)).json.threads).toHaveLength(1);
    expect(mentions(lead.email)).toEqual([]);
    const [failure] = logged("mention mail could not be sent", since);
    expect(failure).toMatchObject({
      level: 50,
      author: editor.user.id,
      document: doc.id,
      thread: thread.id,
      recipient: lead.user.id,
    });
  });

  it(`sends at most ${MENTION_MAILS_PER_HOUR} mention mails per author and hour; later comments are saved unmailed`, async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(viewer.client, doc.id, { mentions: [lead.user.id] });
    const since = lines.length;
    for (let i = 1; i <= MENTION_MAILS_PER_HOUR; i++) {
      const res = await viewer.client.post(`/api/documents/${doc.id}/threads/${thread.id}/comments`, {
        body: `@Lea Nachfrage ${i}`,
        mentions: [lead.user.id],
      });
      expect(res.status, res.text).toBe(201);
    }
    expect(mentions(lead.email)).toHaveLength(MENTION_MAILS_PER_HOUR);
    expect(logged("mention mail budget spent: the comment is saved, no more mention mails", since)).toEqual([
      expect.objectContaining({ level: 40, author: viewer.user.id, document: doc.id }),
    ]);
    const threads = (await viewer.client.get(`/api/documents/${doc.id}/threads`)).json.threads;
    expect(threads[0].comments).toHaveLength(MENTION_MAILS_PER_HOUR + 1);
    expect(threads[0].comments.at(-1).mentions).toEqual([{ id: lead.user.id, displayName: "Lea Lead" }]);
    // another author's budget is their own
    const other = await editor.client.post(`/api/documents/${doc.id}/threads/${thread.id}/comments`, {
      body: "@Lea von mir",
      mentions: [lead.user.id],
    });
    expect(other.status).toBe(201);
    expect(mentions(lead.email)).toHaveLength(MENTION_MAILS_PER_HOUR + 1);
  });
});
