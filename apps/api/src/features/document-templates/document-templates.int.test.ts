import { readDocumentState } from "@ensemble/collab-core/storage";
import { stateToJson } from "@ensemble/editor/convert";
import { getBuiltinTemplate } from "@ensemble/editor/templates";
import { describe, expect, it } from "vitest";
import {
  createDocument,
  documentsWorld,
  joinProject,
  readParagraphs,
  writeParagraphs,
} from "../../test/documents.ts";
import type { Client } from "../../test/harness.ts";
import { useTestApp } from "../../test/harness.ts";
import {
  addMember,
  badBodies,
  createOrganisation,
  expectAllNotFound,
  expectAllUnauthenticated,
  expectError,
  expectRefusedBodies,
  person,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

const BUILTIN_DE = [
  "builtin:foerderantrag",
  "builtin:finanzplan",
  "builtin:sicherheitskonzept",
  "builtin:veranstaltungs-checkliste",
  "builtin:pressemitteilung",
];

async function templates(client: Client, projectId: string, query = "") {
  const res = await client.get(`/api/projects/${projectId}/document-templates${query}`);
  expect(res.status, res.text).toBe(200);
  return res.json.templates as Array<Record<string, any> & { id: string; name: string }>;
}

async function save(client: Client, documentId: string, body: Record<string, unknown>) {
  return client.post(`/api/documents/${documentId}/save-as-template`, {
    name: "Unser Antrag",
    ...body,
  });
}

/** Saving as a template for the owner `kind` `id` is refused with `status` and `code`. */
async function expectSaveRefused(
  client: Client,
  documentId: string,
  kind: "organisation" | "network",
  id: string,
  status: number,
  code: string,
) {
  expectError(await save(client, documentId, { owner: { kind, id } }), status, code);
}

/** A network coordinated by Cora's organisation, with a partner organisation (Pia owns it, Paul is a member) and a project. */
async function networkWorld() {
  const cora = await person(t, "Cora Coordinator");
  const coordinator = await createOrganisation(cora.client, { name: "Kulturbüro", kind: "municipality" });
  const net = (
    await cora.client.post("/api/networks", { organisationId: coordinator.id, name: "Kulturnetz" })
  ).json.network as { id: string };
  const pia = await person(t, "Pia Partner");
  const partner = await createOrganisation(pia.client, { name: "Theater am Fluss", kind: "venue" });
  const paul = await addMember(t, pia.client, partner.id, "member", "Paul Partnermember");
  const invitation = await cora.client.post(`/api/networks/${net.id}/invitations`, {
    organisationId: partner.id,
  });
  expect(invitation.status, invitation.text).toBe(201);
  const accepted = await pia.client.post(`/api/invitations/${invitation.json.invitation.id}/accept`, {
    organisationId: partner.id,
  });
  expect(accepted.status, accepted.text).toBe(200);
  const project = (await cora.client.post("/api/projects", { networkId: net.id, name: "Festival" })).json
    .project as { id: string };
  await joinProject(t, cora.client, project.id, "editor", "", paul);
  const guest = await joinProject(t, cora.client, project.id, "viewer", "Gabi Guest");
  const doc = await createDocument(cora.client, project.id, { title: "Festivalantrag" });
  return { cora, coordinator, net, pia, partner, paul, project, guest, doc };
}

describe("built-in templates", () => {
  it("lists the five built-ins in German or English", async () => {
    const { viewer, project } = await documentsWorld(t);
    const de = await templates(viewer.client, project.id);
    expect(de.map((x) => x.id)).toEqual(BUILTIN_DE);
    expect(de[0]).toEqual({
      id: "builtin:foerderantrag",
      name: getBuiltinTemplate("foerderantrag", "de").name,
      description: getBuiltinTemplate("foerderantrag", "de").description,
      source: "builtin",
      owner: null,
      canDelete: false,
    });
    const en = await templates(viewer.client, project.id, "?language=en");
    expect(en.map((x) => x.name)).toEqual(
      BUILTIN_DE.map((id) => getBuiltinTemplate(id.slice(8) as "finanzplan", "en").name),
    );
    expect(en[0]?.name).not.toBe(de[0]?.name);
    for (const [query, fields] of [
      ["?language=fr", { language: "invalid" }],
      ["?language=de&sort=name", { sort: "unknown_field" }],
    ] as const) {
      const res = await viewer.client.get(`/api/projects/${project.id}/document-templates${query}`);
      expectError(res, 422, "validation_failed");
      expect(res.json.error.fields).toEqual(fields);
    }
  });

  it("makes a new document from a built-in in the language asked for", async () => {
    const { editor, project } = await documentsWorld(t);
    const en = await createDocument(editor.client, project.id, {
      title: "Grant",
      templateId: "builtin:finanzplan",
      language: "en",
    });
    expect(stateToJson(await readDocumentState(t.deps.db, en.id))).toEqual(
      getBuiltinTemplate("finanzplan", "en").content,
    );
    const de = await createDocument(editor.client, project.id, { templateId: "builtin:pressemitteilung" });
    expect(stateToJson(await readDocumentState(t.deps.db, de.id))).toEqual(
      getBuiltinTemplate("pressemitteilung", "de").content,
    );
  });
});

describe("saved templates in an organisation's project", () => {
  it("members save a document (without comments); the project offers it; documents start from it", async () => {
    const { lead, org, project, editor } = await documentsWorld(t);
    const member = await addMember(t, lead.client, org.id, "member", "Mona Member");
    await joinProject(t, lead.client, project.id, "viewer", "", member);
    const doc = await createDocument(editor.client, project.id, { title: "Antrag 2026" });
    await writeParagraphs(t, doc.id, [{ text: "Ziele" }, { text: "Zeitplan", commentThread: "t-1" }]);

    // a viewer who belongs to the organisation saves last year's application as a template
    const saved = await save(member.client, doc.id, {
      name: " Antrag (Vorlage) ",
      description: "Mit Zeitplan",
      owner: { kind: "organisation", id: org.id },
    });
    expect(saved.status, saved.text).toBe(201);
    const template = saved.json.template;
    expect(template).toEqual({
      id: expect.any(String),
      name: "Antrag (Vorlage)",
      description: "Mit Zeitplan",
      source: "organisation",
      owner: { kind: "organisation", id: org.id, name: "Stadtteilbühne" },
      canDelete: true,
    });
    const stored = await t.deps.db
      .selectFrom("document_templates")
      .select(["organisation_id", "network_id", "created_by"])
      .where("id", "=", template.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ organisation_id: org.id, network_id: null, created_by: member.user.id });

    const list = await templates(editor.client, project.id);
    expect(list.map((x) => x.id)).toEqual([...BUILTIN_DE, template.id]);
    // the guest editor uses it but may not delete it; the member who saved it and the owner may
    expect(list.at(-1)?.canDelete).toBe(false);
    expect((await templates(member.client, project.id)).at(-1)?.canDelete).toBe(true);
    expect((await templates(lead.client, project.id)).at(-1)?.canDelete).toBe(true);

    const fromTemplate = await createDocument(editor.client, project.id, {
      title: "Antrag 2027",
      templateId: template.id,
    });
    expect(await readParagraphs(t, fromTemplate.id)).toEqual([{ text: "Ziele" }, { text: "Zeitplan" }]);
    // a later change of the source document does not change the template
    await writeParagraphs(t, doc.id, [{ text: "Nachtrag" }]);
    const again = await createDocument(editor.client, project.id, { templateId: template.id });
    expect(await readParagraphs(t, again.id)).toHaveLength(2);
  });

  it("refuses owners that take no part in the project, guests' saves into the organisation, and bad input", async () => {
    const { lead, org, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(lead.client, project.id);
    const edsOwn = await createOrganisation(editor.client, { name: "Eds Verein" });
    const net = (await lead.client.post("/api/networks", { organisationId: org.id, name: "Netz" })).json
      .network;
    await storesNothing(t, async () => {
      // the guest editor is no member of the project's organisation
      await expectSaveRefused(editor.client, doc.id, "organisation", org.id, 404, "not_found");
      // their own organisation takes no part in the project
      await expectSaveRefused(editor.client, doc.id, "organisation", edsOwn.id, 403, "forbidden");
      // the organisation's own network is not the project's owner
      await expectSaveRefused(lead.client, doc.id, "network", net.id, 403, "forbidden");
      await expectSaveRefused(viewer.client, doc.id, "network", net.id, 404, "not_found");
    });
    await lead.client.delete(`/api/documents/${doc.id}`);
    await storesNothing(t, async () => {
      await expectSaveRefused(lead.client, doc.id, "organisation", org.id, 403, "forbidden");
      await expectSaveRefused(viewer.client, doc.id, "organisation", org.id, 404, "not_found");
    });
    const live = await createDocument(lead.client, project.id);
    const valid = { name: "Vorlage", owner: { kind: "organisation", id: org.id } };
    await expectRefusedBodies(
      t,
      (body) => lead.client.post(`/api/documents/${live.id}/save-as-template`, body),
      [
        ...badBodies(valid, "name"),
        [{ ...valid, name: "x".repeat(121) }, { name: "too_long" }],
        [{ ...valid, description: "x".repeat(501) }, { description: "too_long" }],
        [{ name: "Vorlage" }, { owner: "required" }],
        [{ ...valid, owner: { kind: "project", id: project.id } }, { "owner.kind": "invalid" }],
        [{ ...valid, owner: { kind: "organisation", id: "abc" } }, { "owner.id": "invalid_format" }],
        [
          { ...valid, owner: { kind: "organisation", id: org.id, admin: true } },
          { "owner.admin": "unknown_field" },
        ],
      ],
    );
  });

  it("deletes: the organisation's admins and whoever saved it; others may not", async () => {
    const { lead, org, project } = await documentsWorld(t);
    const admin = await addMember(t, lead.client, org.id, "admin", "Adam Admin");
    const member = await addMember(t, lead.client, org.id, "member", "Mona Member");
    const other = await addMember(t, lead.client, org.id, "member", "Otto Other");
    await joinProject(t, lead.client, project.id, "editor", "", member);
    const doc = await createDocument(lead.client, project.id);
    const mine = (await save(member.client, doc.id, { owner: { kind: "organisation", id: org.id } })).json
      .template;
    const byLead = (await save(lead.client, doc.id, { owner: { kind: "organisation", id: org.id } })).json
      .template;
    const stranger = await person(t, "Sven Stranger");
    await storesNothing(t, async () => {
      expectError(await other.client.delete(`/api/document-templates/${mine.id}`), 403, "forbidden");
      expectError(await member.client.delete(`/api/document-templates/${byLead.id}`), 403, "forbidden");
      expectError(await stranger.client.delete(`/api/document-templates/${mine.id}`), 404, "not_found");
    });
    expect((await member.client.delete(`/api/document-templates/${mine.id}`)).json).toEqual({ ok: true });
    expect((await admin.client.delete(`/api/document-templates/${byLead.id}`)).json).toEqual({ ok: true });
    expectError(await admin.client.delete(`/api/document-templates/${byLead.id}`), 404, "not_found");
    expect((await templates(lead.client, project.id)).map((x) => x.id)).toEqual(BUILTIN_DE);
  });

  it("never makes a document from a template another organisation saved", async () => {
    const a = await documentsWorld(t);
    const b = await documentsWorld(t);
    const doc = await createDocument(b.lead.client, b.project.id);
    const theirs = (await save(b.lead.client, doc.id, { owner: { kind: "organisation", id: b.org.id } })).json
      .template;
    await storesNothing(t, async () => {
      for (const templateId of [theirs.id, "00000000-0000-4000-8000-000000000000"]) {
        expectError(
          await a.lead.client.post(`/api/projects/${a.project.id}/documents`, { title: "X", templateId }),
          404,
          "not_found",
        );
      }
    });
    expect((await templates(a.lead.client, a.project.id)).map((x) => x.id)).toEqual(BUILTIN_DE);
  });
});

describe("saved templates in a network's project", () => {
  it("coordinator admins save for the network; partners' members for their own organisation", async () => {
    const { cora, coordinator, net, partner, paul, pia, project, guest, doc } = await networkWorld();
    const forNetwork = await save(cora.client, doc.id, {
      name: "Netzvorlage",
      owner: { kind: "network", id: net.id },
    });
    expect(forNetwork.status, forNetwork.text).toBe(201);
    expect(forNetwork.json.template).toMatchObject({
      source: "network",
      owner: { kind: "network", id: net.id, name: "Kulturnetz" },
      canDelete: true,
    });
    const forPartner = await save(paul.client, doc.id, {
      name: "Theatervorlage",
      owner: { kind: "organisation", id: partner.id },
    });
    expect(forPartner.status, forPartner.text).toBe(201);
    await storesNothing(t, async () => {
      await expectSaveRefused(paul.client, doc.id, "network", net.id, 403, "forbidden");
      await expectSaveRefused(guest.client, doc.id, "network", net.id, 404, "not_found");
      await expectSaveRefused(paul.client, doc.id, "organisation", coordinator.id, 404, "not_found");
    });

    const ids = (list: Awaited<ReturnType<typeof templates>>) => list.filter((x) => x.source !== "builtin");
    // the partner's members see the network's and their own organisation's templates
    expect(ids(await templates(paul.client, project.id)).map((x) => [x.name, x.canDelete])).toEqual([
      ["Netzvorlage", false],
      ["Theatervorlage", true],
    ]);
    // the coordination and a guest see the network's only (the partner's are the partner's)
    expect(ids(await templates(cora.client, project.id)).map((x) => [x.name, x.canDelete])).toEqual([
      ["Netzvorlage", true],
    ]);
    expect(ids(await templates(guest.client, project.id)).map((x) => x.name)).toEqual(["Netzvorlage"]);
    // the partner's owner deletes the member's template; a partner may not delete the network's
    expectError(
      await pia.client.delete(`/api/document-templates/${forNetwork.json.template.id}`),
      403,
      "forbidden",
    );
    expect((await pia.client.delete(`/api/document-templates/${forPartner.json.template.id}`)).status).toBe(
      200,
    );
  });
});

async function targets(client: Client, documentId: string) {
  const res = await client.get(`/api/documents/${documentId}/template-targets`);
  expect(res.status, res.text).toBe(200);
  return res.json.targets as Array<{ kind: "organisation" | "network"; id: string; name: string }>;
}

/** Every target offered is one the save route takes (the two ask the same question). */
async function expectEachSaves(client: Client, documentId: string) {
  for (const owner of await targets(client, documentId)) {
    const saved = await save(client, documentId, { owner: { kind: owner.kind, id: owner.id } });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.json.template.owner).toEqual(owner);
  }
}

describe("template targets", () => {
  it("offers an organisation project's organisation to its members only, and nothing for a trashed document", async () => {
    const { lead, org, project, editor, viewer } = await documentsWorld(t);
    const member = await addMember(t, lead.client, org.id, "member", "Mona Member");
    await joinProject(t, lead.client, project.id, "viewer", "", member);
    const doc = await createDocument(editor.client, project.id, { title: "Antrag 2026" });
    const own = [{ kind: "organisation", id: org.id, name: "Stadtteilbühne" }];
    expect(await targets(lead.client, doc.id)).toEqual(own);
    expect(await targets(member.client, doc.id)).toEqual(own);
    // guests of the project belong to no organisation taking part in it
    expect(await targets(editor.client, doc.id)).toEqual([]);
    expect(await targets(viewer.client, doc.id)).toEqual([]);
    await expectEachSaves(member.client, doc.id);
    await expectSaveRefused(editor.client, doc.id, "organisation", org.id, 404, "not_found");

    expect((await lead.client.delete(`/api/documents/${doc.id}`)).status).toBe(200);
    expect(await targets(lead.client, doc.id)).toEqual([]);
    expectError(await viewer.client.get(`/api/documents/${doc.id}/template-targets`), 404, "not_found");
  });

  it("offers a network project's network to the coordinator's admins and partners' organisations to their members", async () => {
    const { cora, coordinator, net, pia, partner, paul, guest, doc } = await networkWorld();
    expect(await targets(cora.client, doc.id)).toEqual([
      { kind: "network", id: net.id, name: "Kulturnetz" },
      // the coordinator is a partner of its own network
      { kind: "organisation", id: coordinator.id, name: "Kulturbüro" },
    ]);
    expect(await targets(paul.client, doc.id)).toEqual([
      { kind: "organisation", id: partner.id, name: "Theater am Fluss" },
    ]);
    expect(await targets(guest.client, doc.id)).toEqual([]);
    await expectEachSaves(cora.client, doc.id);
    await expectEachSaves(paul.client, doc.id);
    // what is not offered is refused
    await expectSaveRefused(paul.client, doc.id, "network", net.id, 403, "forbidden");
    // the partner's owner is no member of the project
    expectError(await pia.client.get(`/api/documents/${doc.id}/template-targets`), 404, "not_found");
  });

  it("answers 401 without a session and 404 to another organisation's people", async () => {
    const a = await documentsWorld(t);
    const b = await documentsWorld(t);
    const doc = await createDocument(a.lead.client, a.project.id);
    const calls: [string, string][] = [["GET", `/api/documents/${doc.id}/template-targets`]];
    await expectAllUnauthenticated(t, calls);
    await expectAllNotFound(t, b.lead.client, calls);
    await expectAllNotFound(t, a.lead.client, [
      ["GET", "/api/documents/00000000-0000-4000-8000-000000000000/template-targets"],
      ["GET", "/api/documents/not-a-uuid/template-targets"],
    ]);
  });
});

describe("access", () => {
  it("answers 401 without a session and 404 to outsiders on every route", async () => {
    const { lead, org, project } = await documentsWorld(t);
    const doc = await createDocument(lead.client, project.id);
    const template = (await save(lead.client, doc.id, { owner: { kind: "organisation", id: org.id } })).json
      .template;
    const calls: [string, string, unknown?][] = [
      ["GET", `/api/projects/${project.id}/document-templates`],
      [
        "POST",
        `/api/documents/${doc.id}/save-as-template`,
        { name: "X", owner: { kind: "organisation", id: org.id } },
      ],
      ["DELETE", `/api/document-templates/${template.id}`],
    ];
    await expectAllUnauthenticated(t, calls);
    const outsider = await person(t, "Otto Outsider");
    await expectAllNotFound(t, outsider.client, calls);
    await expectAllNotFound(t, lead.client, [
      ["GET", "/api/projects/00000000-0000-4000-8000-000000000000/document-templates"],
      ["DELETE", "/api/document-templates/builtin:foerderantrag"],
      ["DELETE", "/api/document-templates/00000000-0000-4000-8000-000000000000"],
    ]);
  });
});
