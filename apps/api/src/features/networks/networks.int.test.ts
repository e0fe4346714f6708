import { describe, expect, it } from "vitest";
import { type Client, uniqueEmail, useTestApp } from "../../test/harness.ts";
import {
  actions,
  addMember,
  badBodies,
  createOrganisation,
  expectAllForbidden,
  expectAllNotFound,
  expectAllUnauthenticated,
  expectError,
  expectRefusedBodies,
  inviteToken,
  type Person,
  person,
  type RouteCall,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

/** A network founded by Cora, who owns the coordinating organisation (which also has a plain member). */
async function network(name = "Netzwerk Freie Szene") {
  const co = await person(t, "Cora Coordinator");
  const coordinator = await createOrganisation(co.client, {
    name: "Kulturbüro Mitte",
    kind: "municipality",
    district: "Mitte",
    sparten: ["sociocultural"],
  });
  const cm = await addMember(t, co.client, coordinator.id, "member", "Carl Coordmember");
  const res = await co.client.post("/api/networks", { organisationId: coordinator.id, name });
  expect(res.status, res.text).toBe(201);
  return { co, cm, coordinator, net: res.json.network as { id: string; name: string } };
}
type World = Awaited<ReturnType<typeof network>>;

/** An organisation (its owner and a plain member) invited into the network that has accepted. */
async function partner(w: World, name: string, profile: Record<string, unknown> = {}) {
  const admin = await person(t, `${name} Admin`);
  const org = await createOrganisation(admin.client, { name, kind: "collective", ...profile });
  const member = await addMember(t, admin.client, org.id, "member", `${name} Member`);
  const invitation = await invite(w.co.client, w.net.id, { organisationId: org.id });
  const accepted = await admin.client.post(`/api/invitations/${invitation.id}/accept`, {
    organisationId: org.id,
  });
  expect(accepted.status, accepted.text).toBe(200);
  return { admin, member, org };
}

async function invite(client: Client, networkId: string, body: Record<string, unknown>) {
  const res = await client.post(`/api/networks/${networkId}/invitations`, body);
  expect(res.status, res.text).toBe(201);
  return res.json.invitation as { id: string } & Record<string, unknown>;
}

async function onboarding(client: Client, networkId: string) {
  const res = await client.get(`/api/networks/${networkId}/onboarding`);
  expect(res.status, res.text).toBe(200);
  return res.json as {
    partners: Array<Record<string, any>>;
    invitations: Array<Record<string, any>>;
    checklist: Array<{ id: string; label: string; position: number }>;
  };
}

function partnerIn(o: Awaited<ReturnType<typeof onboarding>>, organisationId: string) {
  return o.partners.find((p) => p.organisation.id === organisationId);
}

describe("create and update", () => {
  it("an admin of the coordinating organisation founds it, with the default checklist", async () => {
    const { co, cm, coordinator, net } = await network();
    expect(net).toMatchObject({
      name: "Netzwerk Freie Szene",
      description: "",
      coordinator: { id: coordinator.id, name: "Kulturbüro Mitte" },
      partnerCount: 1,
      myOrganisations: [{ id: coordinator.id, name: "Kulturbüro Mitte", role: "owner" }],
      abilities: {
        update: true,
        invitePartners: true,
        manageChecklist: true,
        readOnboarding: true,
        readAudit: true,
        removePartners: true,
        createProject: true,
      },
    });
    expect((await co.client.get("/api/networks")).json.networks).toEqual([
      {
        id: net.id,
        name: net.name,
        coordinatorName: "Kulturbüro Mitte",
        isCoordinator: true,
        partnerCount: 1,
      },
    ]);
    const o = await onboarding(co.client, net.id);
    expect(o.checklist.map((i) => [i.label, i.position])).toEqual([
      ["Ansprechperson benannt", 1],
      ["Datenschutzvereinbarung unterschrieben", 2],
      ["Kennenlerngespräch geführt", 3],
    ]);
    expect(o.partners).toEqual([
      expect.objectContaining({
        isCoordinator: true,
        organisation: expect.objectContaining({ id: coordinator.id }),
      }),
    ]);
    expect(actions(await co.client.get(`/api/networks/${net.id}/audit`))).toEqual(["network.created"]);
    // a plain member reads it, but may not found one
    expect((await cm.client.get(`/api/networks/${net.id}`)).json.network.abilities).toEqual({
      update: false,
      invitePartners: false,
      manageChecklist: false,
      readOnboarding: false,
      readAudit: false,
      removePartners: false,
      createProject: true,
    });
    await storesNothing(t, async () => {
      const res = await cm.client.post("/api/networks", { organisationId: coordinator.id, name: "Schatten" });
      expectError(res, 403, "forbidden");
    });

    const english = await person(t, "Eve English", { locale: "en" });
    const org = await createOrganisation(english.client);
    const net2 = (await english.client.post("/api/networks", { organisationId: org.id, name: "Open Stages" }))
      .json.network;
    expect((await onboarding(english.client, net2.id)).checklist.map((i) => i.label)).toEqual([
      "Contact person named",
      "Data protection agreement signed",
      "Introductory meeting held",
    ]);
  });

  it("refuses bad input, and organisations the caller does not administer", async () => {
    const { co, coordinator } = await network();
    const valid = { organisationId: coordinator.id, name: "Neu" };
    await expectRefusedBodies(t, (body) => co.client.post("/api/networks", body), [
      ...badBodies(valid, "name"),
      ...badBodies(valid, "description").slice(2, 4),
      [{ name: "Neu" }, { organisationId: "required" }],
      [{ ...valid, organisationId: "abc" }, { organisationId: "invalid_format" }],
      [{ ...valid, organisationId: 7 }, { organisationId: "invalid_type" }],
      [{ ...valid, name: "  " }, { name: "too_short" }],
    ]);
    const outsider = await person(t);
    await storesNothing(t, async () => {
      expectError(await outsider.client.post("/api/networks", valid), 404, "not_found");
    });
  });

  it("coordinator admins rename and describe it; partners may not", async () => {
    const w = await network();
    const p = await partner(w, "Theaterkollektiv");
    const path = `/api/networks/${w.net.id}`;
    const res = await w.co.client.patch(path, { name: "Freie Szene Nord", description: "Wir vernetzen." });
    expect(res.status).toBe(200);
    expect(res.json.network).toMatchObject({
      name: "Freie Szene Nord",
      description: "Wir vernetzen.",
      partnerCount: 2,
    });
    expect((await w.co.client.get(`${path}/audit`)).json.events[0]).toMatchObject({
      action: "network.updated",
      details: { fields: "name,description" },
    });
    await expectAllForbidden(t, p.admin.client, [["PATCH", path, { name: "Unser Netz" }]]);
    await expectAllForbidden(t, w.cm.client, [["PATCH", path, { name: "Unser Netz" }]]);
    await expectRefusedBodies(t, (body) => w.co.client.patch(path, body), [
      ...badBodies({ description: "ok" }, "name"),
      [{}, { _: "nothing_to_change" }],
      [{ description: "d".repeat(10_000) }, { description: "too_long" }],
      [{ coordinatorId: p.org.id }, { coordinatorId: "unknown_field", _: "nothing_to_change" }],
    ]);
    expect((await p.member.client.get(path)).json.network).toMatchObject({
      name: "Freie Szene Nord",
      myOrganisations: [{ id: p.org.id, name: "Theaterkollektiv", role: "member" }],
    });
  });
});

describe("partner invitations", () => {
  it("an existing organisation: its admins see it and accept for it", async () => {
    const w = await network();
    const admin = await person(t, "Paula Partner");
    const org = await createOrganisation(admin.client, { name: "Tanzhaus West" });
    const member = await addMember(t, admin.client, org.id, "member", "Piet Member");
    const invitation = await invite(w.co.client, w.net.id, { organisationId: org.id });
    expect(invitation).toMatchObject({
      kind: "network",
      email: "",
      invitedOrganisation: { id: org.id, name: "Tanzhaus West" },
      role: null,
      invitedBy: "Cora Coordinator",
      state: "pending",
    });
    const notice = t.mails(admin.email).at(-1);
    expect(notice?.text).toContain(`http://localhost:3000/organisations/${org.id}/network-invitations`);
    expect(t.mails(member.email).at(-1)?.text ?? "").not.toContain("network-invitations");

    const received = {
      id: invitation.id,
      kind: "network",
      target: { id: w.net.id, name: "Netzwerk Freie Szene" },
      coordinatorName: "Kulturbüro Mitte",
      invitedOrganisation: { id: org.id, name: "Tanzhaus West" },
      email: "",
      role: null,
      invitedBy: "Cora Coordinator",
      state: "pending",
    };
    const forOrg = await admin.client.get(`/api/organisations/${org.id}/network-invitations`);
    expect(forOrg.json.invitations).toEqual([expect.objectContaining(received)]);
    expect((await admin.client.get("/api/invitations")).json.invitations).toEqual([
      expect.objectContaining(received),
    ]);
    expect((await member.client.get("/api/invitations")).json.invitations).toEqual([]);
    await expectAllForbidden(t, member.client, [["GET", `/api/organisations/${org.id}/network-invitations`]]);
    await storesNothing(t, async () => {
      expectError(await member.client.post(`/api/invitations/${invitation.id}/accept`, {}), 404, "not_found");
      const other = await admin.client.post(`/api/invitations/${invitation.id}/accept`, {
        organisationId: w.coordinator.id,
      });
      expectError(other, 422, "validation_failed");
      expect(other.json.error.fields).toEqual({ organisationId: "invalid" });
    });

    const accepted = await admin.client.post(`/api/invitations/${invitation.id}/accept`, {
      organisationId: org.id,
    });
    expect(accepted.json).toEqual({ kind: "network", targetId: w.net.id });
    expect((await admin.client.get("/api/networks")).json.networks).toEqual([
      expect.objectContaining({ id: w.net.id, isCoordinator: false, partnerCount: 2 }),
    ]);
    expect((await member.client.get(`/api/networks/${w.net.id}`)).status).toBe(200);
    expect(
      (await admin.client.get(`/api/organisations/${org.id}/network-invitations`)).json.invitations,
    ).toEqual([]);
    expect(actions(await w.co.client.get(`/api/networks/${w.net.id}/audit`)).slice(0, 2)).toEqual([
      "partner.joined",
      "partner.invited",
    ]);

    await storesNothing(t, async () => {
      const again = await w.co.client.post(`/api/networks/${w.net.id}/invitations`, {
        organisationId: org.id,
      });
      expectError(again, 409, "already_member");
      expect(again.json.error.fields).toEqual({ organisationId: "already_member" });
      const none = await w.co.client.post(`/api/networks/${w.net.id}/invitations`, {
        organisationId: "00000000-0000-4000-8000-000000000000",
      });
      expectError(none, 422, "validation_failed");
      expect(none.json.error.fields).toEqual({ organisationId: "not_found" });
    });
  });

  it("by email: the new person founds an organisation and accepts for it", async () => {
    const w = await network();
    const email = uniqueEmail("founder");
    const invitation = await invite(w.co.client, w.net.id, { email });
    expect(invitation).toMatchObject({ email, invitedOrganisation: null, state: "pending" });
    const token = inviteToken(t, email);

    const newcomer = await person(t, "Nina Newcomer", { email });
    const own = await createOrganisation(newcomer.client, { name: "Nachbarschaftschor" });
    const foreign = await createOrganisation((await person(t)).client, { name: "Fremder Verein" });
    const host = await person(t, "Hanna Host");
    const hosting = await createOrganisation(host.client, { name: "Gastgeber e.V." });
    await host.client.post(`/api/organisations/${hosting.id}/invitations`, { email, role: "member" });
    expect(
      (await newcomer.client.post("/api/invitations/accept", { token: inviteToken(t, email) })).status,
    ).toBe(200);

    const accept = (body: Record<string, unknown>) => newcomer.client.post("/api/invitations/accept", body);
    await storesNothing(t, async () => {
      const missing = await accept({ token });
      expectError(missing, 422, "validation_failed");
      expect(missing.json.error.fields).toEqual({ organisationId: "required" });
      expectError(await accept({ token, organisationId: foreign.id }), 404, "not_found");
      expectError(await accept({ token, organisationId: hosting.id }), 403, "forbidden");
      expectError(await accept({ token, organisationId: "nope" }), 422, "validation_failed");
    });
    const res = await accept({ token, organisationId: own.id });
    expect(res.json).toEqual({ kind: "network", targetId: w.net.id });
    expect((await newcomer.client.get(`/api/networks/${w.net.id}`)).json.network.myOrganisations).toEqual([
      { id: own.id, name: "Nachbarschaftschor", role: "owner" },
    ]);
    expectError(await accept({ token, organisationId: own.id }), 410, "invitation_expired");
    expect(partnerIn(await onboarding(w.co.client, w.net.id), own.id)).toBeDefined();
  });

  it("declined invitations show as declined; a resend renews them; revoked ones are gone", async () => {
    const w = await network();
    const admin = await person(t, "Dora Decliner");
    const org = await createOrganisation(admin.client, { name: "Nein Danke e.V." });
    const invitation = await invite(w.co.client, w.net.id, { organisationId: org.id });
    expect((await admin.client.post(`/api/invitations/${invitation.id}/decline`)).json).toEqual({ ok: true });
    expect((await admin.client.get("/api/invitations")).json.invitations).toEqual([]);
    expect((await onboarding(w.co.client, w.net.id)).invitations).toEqual([
      expect.objectContaining({ id: invitation.id, state: "declined" }),
    ]);
    expect((await w.co.client.get(`/api/networks/${w.net.id}/audit`)).json.events[0]).toMatchObject({
      action: "partner.declined",
      target: { kind: "organisation", id: org.id },
    });
    await storesNothing(t, async () => {
      const res = await admin.client.post(`/api/invitations/${invitation.id}/accept`, {
        organisationId: org.id,
      });
      expectError(res, 410, "invitation_expired");
    });

    const resent = await w.co.client.post(`/api/networks/${w.net.id}/invitations/${invitation.id}/resend`);
    expect(resent.json.invitation).toMatchObject({ id: invitation.id, state: "pending" });
    expect((await admin.client.get("/api/invitations")).json.invitations).toHaveLength(1);

    const email = uniqueEmail("no-thanks");
    const byEmail = await invite(w.co.client, w.net.id, { email });
    const token = inviteToken(t, email);
    const decliner = await person(t, "Dieter", { email });
    expect((await decliner.client.post("/api/invitations/decline", { token })).json).toEqual({ ok: true });
    expectError(await decliner.client.post("/api/invitations/decline", { token }), 410, "invitation_expired");
    expect((await onboarding(w.co.client, w.net.id)).invitations).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: byEmail.id, state: "declined", email })]),
    );

    const base = `/api/networks/${w.net.id}/invitations`;
    expect((await w.co.client.delete(`${base}/${invitation.id}`)).json).toEqual({ ok: true });
    expectError(await w.co.client.delete(`${base}/${invitation.id}`), 404, "not_found");
    expectError(await w.co.client.post(`${base}/${invitation.id}/resend`), 404, "not_found");
    expect((await admin.client.get("/api/invitations")).json.invitations).toEqual([]);
    expect(actions(await w.co.client.get(`/api/networks/${w.net.id}/audit`))[0]).toBe(
      "partner.invitation_revoked",
    );
  });

  it("refuses bad input and anyone but coordinator admins", async () => {
    const w = await network();
    const p = await partner(w, "Bühne Süd");
    const base = `/api/networks/${w.net.id}/invitations`;
    await expectRefusedBodies(t, (body) => w.co.client.post(base, body), [
      ...badBodies({ email: uniqueEmail() }, "email"),
      [{}, { _: "one_of_organisation_or_email" }],
      [{ email: uniqueEmail(), organisationId: p.org.id }, { _: "one_of_organisation_or_email" }],
      [{ email: "nobody" }, { email: "invalid_email" }],
      [{ organisationId: "x".repeat(10_000) }, { organisationId: "invalid_format" }],
    ]);
    const pending = await invite(w.co.client, w.net.id, { email: uniqueEmail() });
    const calls: RouteCall[] = [
      ["POST", base, { email: uniqueEmail() }],
      ["DELETE", `${base}/${pending.id}`],
      ["POST", `${base}/${pending.id}/resend`],
    ];
    await expectAllForbidden(t, p.admin.client, calls);
    await expectAllForbidden(t, w.cm.client, calls);
  });
});

describe("onboarding", () => {
  it("shows who joined, whose profile is complete and who is in a network project", async () => {
    const w = await network();
    const p = await partner(w, "Figurentheater");
    let o = await onboarding(w.co.client, w.net.id);
    expect(o.partners.map((x) => x.organisation.name)).toEqual(["Figurentheater", "Kulturbüro Mitte"]);
    expect(partnerIn(o, p.org.id)).toMatchObject({
      organisation: { id: p.org.id, name: "Figurentheater", kind: "collective", district: "" },
      isCoordinator: false,
      profileComplete: false,
      firstProjectJoined: false,
      checks: o.checklist.map((i) => ({ itemId: i.id, done: false, doneAt: null })),
    });

    await p.admin.client.patch(`/api/organisations/${p.org.id}`, {
      sparten: ["theatre"],
      description: "Puppen für alle",
      district: "Südstadt",
      contactEmail: "hallo@figuren.example",
    });
    const project = (await w.co.client.post("/api/projects", { networkId: w.net.id, name: "Festival" })).json
      .project;
    o = await onboarding(w.co.client, w.net.id);
    expect(partnerIn(o, p.org.id)).toMatchObject({ profileComplete: true, firstProjectJoined: false });
    expect(partnerIn(o, w.coordinator.id)).toMatchObject({ isCoordinator: true, firstProjectJoined: true });

    await w.co.client.post(`/api/projects/${project.id}/invitations`, {
      email: p.member.email,
      role: "editor",
    });
    const token = inviteToken(t, p.member.email);
    expect((await p.member.client.post("/api/invitations/accept", { token })).status).toBe(200);
    o = await onboarding(w.co.client, w.net.id);
    expect(partnerIn(o, p.org.id)).toMatchObject({ profileComplete: true, firstProjectJoined: true });

    await expectAllForbidden(t, p.admin.client, [["GET", `/api/networks/${w.net.id}/onboarding`]]);
    await expectAllForbidden(t, w.cm.client, [["GET", `/api/networks/${w.net.id}/onboarding`]]);
  });

  it("checklist items are added, renamed, ticked per partner and deleted with their ticks", async () => {
    const w = await network();
    const p = await partner(w, "Lesebühne");
    const base = `/api/networks/${w.net.id}/checklist`;
    const added = await w.co.client.post(base, { label: "  Logo geliefert " });
    expect(added.status).toBe(201);
    const item = added.json.item;
    expect(item).toMatchObject({ label: "Logo geliefert", position: 4 });
    const renamed = await w.co.client.patch(`${base}/${item.id}`, { label: "Logo und Fotos geliefert" });
    expect(renamed.json.item).toEqual({ ...item, label: "Logo und Fotos geliefert" });

    const tick = (organisationId: string, itemId: string, done: unknown) =>
      w.co.client.request("PUT", `/api/networks/${w.net.id}/partners/${organisationId}/checklist/${itemId}`, {
        done,
      });
    expect((await tick(p.org.id, item.id, true)).json).toEqual({ ok: true });
    expect((await tick(p.org.id, item.id, true)).status).toBe(200);
    let check = partnerIn(await onboarding(w.co.client, w.net.id), p.org.id)?.checks.at(-1);
    expect(check).toMatchObject({ itemId: item.id, done: true });
    expect(check.doneAt).toBe(t.clock.now.toISOString());
    expect((await tick(p.org.id, item.id, false)).status).toBe(200);
    check = partnerIn(await onboarding(w.co.client, w.net.id), p.org.id)?.checks.at(-1);
    expect(check).toEqual({ itemId: item.id, done: false, doneAt: null });

    const outsiderOrg = await createOrganisation((await person(t)).client);
    const otherNet = await network("Anderes Netz");
    const foreignItem = (await onboarding(otherNet.co.client, otherNet.net.id)).checklist[0];
    await storesNothing(t, async () => {
      expectError(await tick(outsiderOrg.id, item.id, true), 404, "not_found");
      expectError(await tick(p.org.id, foreignItem?.id ?? "", true), 404, "not_found");
      expectError(
        await w.co.client.patch(`${base}/${foreignItem?.id}`, { label: "Meins" }),
        404,
        "not_found",
      );
      expectError(await w.co.client.delete(`${base}/${foreignItem?.id}`), 404, "not_found");
    });
    await expectRefusedBodies(t, (body) => w.co.client.post(base, body), [
      ...badBodies({ label: "Ok" }, "label"),
      [{}, { label: "required" }],
    ]);
    await expectRefusedBodies(t, (body) => w.co.client.patch(`${base}/${item.id}`, body), [
      ...badBodies({ label: "Ok" }, "label"),
    ]);
    await expectRefusedBodies(
      t,
      (body) =>
        w.co.client.request(
          "PUT",
          `/api/networks/${w.net.id}/partners/${p.org.id}/checklist/${item.id}`,
          body,
        ),
      [
        ...badBodies({ done: true }, "done").slice(0, 2),
        [{ done: "x".repeat(10_000) }, { done: "invalid_type" }],
        [{ done: "yes" }, { done: "invalid_type" }],
        [{}, { done: "required" }],
        [{ done: true, by: "me" }, { by: "unknown_field" }],
      ],
    );

    await tick(p.org.id, item.id, true);
    const ticks = await t.rowCount("network_checklist_checks");
    expect((await w.co.client.delete(`${base}/${item.id}`)).json).toEqual({ ok: true });
    expect(await t.rowCount("network_checklist_checks")).toBe(ticks - 1);
    expect((await onboarding(w.co.client, w.net.id)).checklist.map((i) => i.id)).not.toContain(item.id);
    expectError(await w.co.client.delete(`${base}/${item.id}`), 404, "not_found");

    const first = (await onboarding(w.co.client, w.net.id)).checklist[0]?.id ?? "";
    await expectAllForbidden(t, p.admin.client, [
      ["POST", base, { label: "Von uns" }],
      ["PATCH", `${base}/${first}`, { label: "Von uns" }],
      ["DELETE", `${base}/${first}`],
      ["PUT", `/api/networks/${w.net.id}/partners/${p.org.id}/checklist/${first}`, { done: true }],
    ]);
  });
});

describe("partners leaving", () => {
  it("the coordinator removes a partner, a partner's admin takes it out, the coordinator stays", async () => {
    const w = await network();
    const p = await partner(w, "Erstes Ensemble");
    const q = await partner(w, "Zweites Ensemble");
    const path = (organisationId: string) => `/api/networks/${w.net.id}/partners/${organisationId}`;
    const items = (await onboarding(w.co.client, w.net.id)).checklist;
    await w.co.client.request("PUT", `${path(p.org.id)}/checklist/${items[0]?.id}`, { done: true });

    await storesNothing(t, async () => {
      expectError(await w.co.client.delete(path(w.coordinator.id)), 409, "conflict");
      expectError(await q.member.client.delete(path(q.org.id)), 403, "forbidden");
      expectError(await q.admin.client.delete(path(p.org.id)), 404, "not_found");
      expectError(await w.cm.client.delete(path(q.org.id)), 404, "not_found");
    });

    const checks = await t.rowCount("network_checklist_checks");
    expect((await w.co.client.delete(path(p.org.id))).json).toEqual({ ok: true });
    expect(await t.rowCount("network_checklist_checks")).toBe(checks - 1);
    expectError(await p.member.client.get(`/api/networks/${w.net.id}`), 404, "not_found");
    expect((await p.admin.client.get("/api/networks")).json.networks).toEqual([]);
    expectError(await w.co.client.delete(path(p.org.id)), 404, "not_found");

    expect((await q.admin.client.delete(path(q.org.id))).json).toEqual({ ok: true });
    expectError(await q.member.client.get(`/api/networks/${w.net.id}/directory`), 404, "not_found");
    const audit = await w.co.client.get(`/api/networks/${w.net.id}/audit`);
    expect(audit.json.events.slice(0, 2)).toEqual([
      expect.objectContaining({ action: "partner.left", target: expect.objectContaining({ id: q.org.id }) }),
      expect.objectContaining({
        action: "partner.removed",
        target: expect.objectContaining({ id: p.org.id }),
      }),
    ]);
    expect((await w.co.client.get(`/api/networks/${w.net.id}`)).json.network.partnerCount).toBe(1);
  });
});

describe("directory", () => {
  it("every member of a partner searches by name, Sparte and district; outsiders get 404", async () => {
    const w = await network();
    const p = await partner(w, "Improtheater Kollektiv", {
      sparten: ["theatre"],
      district: "Nordstadt",
      description: "Spontan und laut",
    });
    await partner(w, "Blechbläser 100%", { sparten: ["music", "other"], district: "nordstadt" });
    const dir = (query = "") => p.member.client.get(`/api/networks/${w.net.id}/directory${query}`);
    const names = async (query = "") => {
      const res = await dir(query);
      expect(res.status, res.text).toBe(200);
      return res.json.entries.map((e: { name: string }) => e.name);
    };
    expect(await names()).toEqual(["Blechbläser 100%", "Improtheater Kollektiv", "Kulturbüro Mitte"]);
    // one filter entry per district, however partners capitalised it
    expect((await dir()).json.districts).toEqual(["Mitte", "Nordstadt"]);
    expect((await dir()).json.entries[1]).toMatchObject({
      id: p.org.id,
      kind: "collective",
      sparten: ["theatre"],
      description: "Spontan und laut",
      profileComplete: false,
    });
    expect(await names("?q=kollektiv")).toEqual(["Improtheater Kollektiv"]);
    expect(await names("?q=SPONTAN")).toEqual(["Improtheater Kollektiv"]);
    expect(await names(`?q=${encodeURIComponent("0%")}`)).toEqual(["Blechbläser 100%"]);
    expect(await names("?q=_")).toEqual([]);
    expect(await names("?sparte=music")).toEqual(["Blechbläser 100%"]);
    expect(await names("?district=NORDSTADT")).toEqual(["Blechbläser 100%", "Improtheater Kollektiv"]);
    expect(await names("?district=Nordstadt&sparte=theatre&q=impro")).toEqual(["Improtheater Kollektiv"]);
    expect(await names("?sparte=dance")).toEqual([]);

    const bad = async (query: string, fields: Record<string, string>) => {
      const res = await dir(query);
      expectError(res, 422, "validation_failed");
      expect(res.json.error.fields).toEqual(fields);
    };
    await bad("?sparte=poetry", { sparte: "invalid" });
    await bad(`?q=${"x".repeat(10_000)}`, { q: "too_long" });
    await bad(`?district=${"x".repeat(10_000)}`, { district: "too_long" });
    await bad("?limit=5", { limit: "unknown_field" });
    await bad("?__proto__=x", JSON.parse('{"__proto__":"unknown_field"}'));

    const outsider = await person(t);
    await createOrganisation(outsider.client);
    expectError(await outsider.client.get(`/api/networks/${w.net.id}/directory`), 404, "not_found");
  });
});

describe("audit log", () => {
  it("coordinator admins read it and export CSV; partners may not", async () => {
    const w = await network();
    const p = await partner(w, "=HYPERLINK(evil)");
    const res = await w.co.client.get(`/api/networks/${w.net.id}/audit`);
    expect(actions(res)).toEqual(["partner.joined", "partner.invited", "network.created"]);
    expect(res.json.nextCursor).toBeNull();
    // no addresses of other organisations' people in a network's log
    expect(res.json.events.map((e: { ip: string | null }) => e.ip)).toEqual([null, null, null]);
    const csv = await w.co.client.get(`/api/networks/${w.net.id}/audit.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.text.trimEnd().split("\r\n")).toHaveLength(4);
    expect(csv.text).toContain(`"'=HYPERLINK(evil)"`);
    expect(csv.text).not.toContain(`"=HYPERLINK`);
    const calls: RouteCall[] = [
      ["GET", `/api/networks/${w.net.id}/audit`],
      ["GET", `/api/networks/${w.net.id}/audit.csv`],
    ];
    await expectAllForbidden(t, p.admin.client, calls);
    await expectAllForbidden(t, w.cm.client, calls);
    const bad = await w.co.client.get(`/api/networks/${w.net.id}/audit?before=-1`);
    expect(bad.json.error.fields).toEqual({ before: "invalid_format" });
  });
});

describe("access", () => {
  async function everyRoute() {
    const w = await network();
    const p = await partner(w, "Partner Eins");
    const invitation = await invite(w.co.client, w.net.id, { email: uniqueEmail() });
    const item = (await onboarding(w.co.client, w.net.id)).checklist[0]?.id ?? "";
    const base = `/api/networks/${w.net.id}`;
    const scoped: RouteCall[] = [
      ["GET", base],
      ["PATCH", base, { name: "Übernommen" }],
      ["GET", `${base}/onboarding`],
      ["POST", `${base}/invitations`, { email: uniqueEmail() }],
      ["DELETE", `${base}/invitations/${invitation.id}`],
      ["POST", `${base}/invitations/${invitation.id}/resend`],
      ["DELETE", `${base}/partners/${p.org.id}`],
      ["POST", `${base}/checklist`, { label: "Neu" }],
      ["PATCH", `${base}/checklist/${item}`, { label: "Neu" }],
      ["DELETE", `${base}/checklist/${item}`],
      ["PUT", `${base}/partners/${p.org.id}/checklist/${item}`, { done: true }],
      ["GET", `${base}/directory?q=Partner`],
      ["GET", `${base}/audit`],
      ["GET", `${base}/audit.csv`],
    ];
    return { w, p, scoped };
  }

  it("every route answers 401 without a session", async () => {
    const { w, scoped } = await everyRoute();
    await expectAllUnauthenticated(t, [
      ["GET", "/api/networks"],
      ["POST", "/api/networks", { organisationId: w.coordinator.id, name: "Anon" }],
      ...scoped,
    ]);
  });

  it("every route answers 404 to a signed-in outsider and for ids that name nothing", async () => {
    const { w, scoped } = await everyRoute();
    const outsider: Person = await person(t, "Otto Outsider");
    const own = await createOrganisation(outsider.client);
    await outsider.client.post("/api/networks", { organisationId: own.id, name: "Eigenes Netz" });
    await expectAllNotFound(t, outsider.client, scoped);
    expect((await outsider.client.get("/api/networks")).json.networks).toHaveLength(1);
    const nothing = "00000000-0000-4000-8000-000000000000";
    await expectAllNotFound(
      t,
      w.co.client,
      scoped.map(([m, p, b]): RouteCall => [m, p.replace(w.net.id, nothing), b]),
    );
    await expectAllNotFound(t, w.co.client, [
      ["GET", "/api/networks/not-a-uuid"],
      ["DELETE", `/api/networks/${w.net.id}/partners/not-a-uuid`],
      ["DELETE", `/api/networks/${w.net.id}/invitations/not-a-uuid`],
    ]);
  });
});
