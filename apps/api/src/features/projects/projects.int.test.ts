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
  later,
  type Person,
  person,
  type RouteCall,
  storesNothing,
} from "../../test/tenancy.ts";
import { purgeTrashedProjects } from "./projects.service.ts";

const t = useTestApp();

const DAY = 24 * 60 * 60 * 1000;

async function createProject(client: Client, body: Record<string, unknown>) {
  const res = await client.post("/api/projects", body);
  expect(res.status, res.text).toBe(201);
  return res.json.project as Record<string, any> & { id: string; name: string };
}

/** An organisation led by Lea (owner) with an admin and a plain member, and one project Lea leads. */
async function world() {
  const lead = await person(t, "Lea Lead");
  const org = await createOrganisation(lead.client, { name: "Stadtteilbühne" });
  const admin = await addMember(t, lead.client, org.id, "admin", "Adam Admin");
  const member = await addMember(t, lead.client, org.id, "member", "Mona Member");
  const project = await createProject(lead.client, { organisationId: org.id, name: "Sommerfest" });
  return { lead, org, admin, member, project };
}

/**
 * Invites `who` (or a new guest) into a project with a role as `lead`; they accept the mailed link.
 */
async function join(lead: Client, projectId: string, role: string, who?: Person): Promise<Person> {
  const email = who?.email ?? uniqueEmail("guest");
  const res = await lead.post(`/api/projects/${projectId}/invitations`, { email, role });
  expect(res.status, res.text).toBe(201);
  const token = inviteToken(t, email);
  const joined = who ?? (await person(t, `Guest ${role}`, { email }));
  const accepted = await joined.client.post("/api/invitations/accept", { token });
  expect(accepted.json).toEqual({ kind: "project", targetId: projectId });
  return joined;
}

/** Someone from a third organisation. */
async function outsiderWithOrganisation(name = "Ed Editor") {
  const p = await person(t, name);
  const org = await createOrganisation(p.client, { name: "Drittverein" });
  return { ...p, org };
}

function names(res: { json: Record<string, any> }): string[] {
  return (res.json.projects as Array<{ name: string }>).map((p) => p.name);
}

describe("create", () => {
  it("in an organisation: the creator leads it, and it is recorded", async () => {
    const { lead, org, member, project } = await world();
    expect(project).toMatchObject({
      name: "Sommerfest",
      description: "",
      color: "blue",
      owner: { kind: "organisation", id: org.id, name: "Stadtteilbühne" },
      state: "active",
      archivedAt: null,
      deletedAt: null,
      purgeAt: null,
      memberCount: 1,
      myRole: "lead",
      abilities: {
        update: true,
        archive: true,
        unarchive: false,
        delete: true,
        restore: false,
        manageMembers: true,
        editContent: true,
        leave: true,
      },
    });
    expect((await lead.client.get(`/api/projects/${project.id}`)).json.project).toEqual(project);
    expect((await lead.client.get(`/api/projects/${project.id}/members`)).json.members).toEqual([
      expect.objectContaining({
        userId: lead.user.id,
        displayName: "Lea Lead",
        role: "lead",
        organisations: [{ id: org.id, name: "Stadtteilbühne" }],
        guest: false,
        isMe: true,
      }),
    ]);
    expect((await lead.client.get(`/api/organisations/${org.id}/audit`)).json.events[0]).toMatchObject({
      action: "project.created",
      target: { kind: "project", id: project.id, name: "Sommerfest" },
    });
    // a plain member of the organisation creates projects, but sees only their own
    const own = await createProject(member.client, {
      organisationId: org.id,
      name: "Lesung",
      description: "Im Hof",
      color: "teal",
    });
    expect(own).toMatchObject({ color: "teal", description: "Im Hof", myRole: "lead" });
    expect(names(await member.client.get("/api/projects"))).toEqual(["Lesung"]);
    expectError(await member.client.get(`/api/projects/${project.id}`), 404, "not_found");
  });

  it("in a network: for members of partner organisations only", async () => {
    const { lead, org, member } = await world();
    const net = (await lead.client.post("/api/networks", { organisationId: org.id, name: "Kulturnetz" })).json
      .network;
    const project = await createProject(member.client, { networkId: net.id, name: "Festival" });
    expect(project).toMatchObject({
      owner: { kind: "network", id: net.id, name: "Kulturnetz" },
      myRole: "lead",
    });
    expect(actions(await lead.client.get(`/api/networks/${net.id}/audit`))[0]).toBe("project.created");
    const stranger = await outsiderWithOrganisation("Sven Stranger");
    await storesNothing(t, async () => {
      expectError(
        await stranger.client.post("/api/projects", { networkId: net.id, name: "Nope" }),
        404,
        "not_found",
      );
      expectError(
        await stranger.client.post("/api/projects", { organisationId: org.id, name: "Nope" }),
        404,
        "not_found",
      );
    });
  });

  it("refuses bad input and stores nothing", async () => {
    const { lead, org } = await world();
    const valid = { organisationId: org.id, name: "Neu" };
    await expectRefusedBodies(t, (body) => lead.client.post("/api/projects", body), [
      ...badBodies(valid, "name"),
      [{ name: "Neu" }, { _: "one_of_organisation_or_network" }],
      [{ ...valid, networkId: org.id }, { _: "one_of_organisation_or_network" }],
      [{ ...valid, organisationId: "abc" }, { organisationId: "invalid_format" }],
      [{ ...valid, color: "neon" }, { color: "invalid" }],
      [{ ...valid, description: "d".repeat(10_000) }, { description: "too_long" }],
      [{ organisationId: org.id }, { name: "required" }],
    ]);
  });
});

describe("members", () => {
  it("an editor from a third organisation and a guest viewer join by email, with what their roles allow", async () => {
    const { lead, project } = await world();
    const ed = await outsiderWithOrganisation();
    const base = `/api/projects/${project.id}`;
    const invited = await lead.client.post(`${base}/invitations`, { email: ed.email, role: "editor" });
    expect(invited.json.invitation).toMatchObject({
      kind: "project",
      email: ed.email,
      role: "editor",
      state: "pending",
    });
    expect(t.mails(ed.email).at(-1)?.text).toContain("Sommerfest");
    expect((await lead.client.get(`${base}/invitations`)).json.invitations).toHaveLength(1);
    await join(lead.client, project.id, "editor", ed);
    const guest = await join(lead.client, project.id, "viewer");
    expect((await guest.client.get("/api/account/me")).json.user.emailVerified).toBe(true);
    expect((await lead.client.get(`${base}/invitations`)).json.invitations).toEqual([]);

    const members = (await lead.client.get(`${base}/members`)).json.members;
    expect(members.map((m: Record<string, unknown>) => [m.displayName, m.role, m.guest])).toEqual([
      ["Lea Lead", "lead", false],
      ["Ed Editor", "editor", true],
      ["Guest viewer", "viewer", true],
    ]);
    // only the organisations taking part in the project are shown: the editor's own
    // organisation is none of the others' business
    expect(members[0].organisations).toHaveLength(1);
    expect(members[1].organisations).toEqual([]);
    expect(members[2].organisations).toEqual([]);
    expect(JSON.stringify(members)).not.toContain("Drittverein");

    const asViewer = (await guest.client.get(base)).json.project;
    expect(asViewer).toMatchObject({ myRole: "viewer", memberCount: 3 });
    expect(asViewer.abilities).toEqual({
      update: false,
      archive: false,
      unarchive: false,
      delete: false,
      restore: false,
      manageMembers: false,
      editContent: false,
      leave: true,
    });
    expect((await guest.client.get(`${base}/members`)).status).toBe(200);
    expect(names(await guest.client.get("/api/projects"))).toEqual(["Sommerfest"]);
    const asEditor = (await ed.client.get(base)).json.project;
    expect(asEditor.abilities).toMatchObject({ editContent: true, manageMembers: false, update: false });

    const pending = (await lead.client.post(`${base}/invitations`, { email: uniqueEmail(), role: "viewer" }))
      .json.invitation;
    const leadOnly: RouteCall[] = [
      ["PATCH", base, { name: "Meins" }],
      ["POST", `${base}/archive`],
      ["DELETE", base],
      ["GET", `${base}/invitations`],
      ["POST", `${base}/invitations`, { email: uniqueEmail(), role: "viewer" }],
      ["DELETE", `${base}/invitations/${pending.id}`],
      ["PATCH", `${base}/members/${guest.user.id}`, { role: "editor" }],
      ["DELETE", `${base}/members/${guest.user.id}`],
    ];
    await expectAllForbidden(t, guest.client, leadOnly.slice(0, 6));
    await expectAllForbidden(t, ed.client, leadOnly);
    await storesNothing(t, async () => {
      const again = await lead.client.post(`${base}/invitations`, { email: ed.email, role: "viewer" });
      expectError(again, 409, "already_member");
      expect(again.json.error.fields).toEqual({ email: "already_member" });
    });
  });

  it("revokes invitations; their links are dead", async () => {
    const { lead, project } = await world();
    const base = `/api/projects/${project.id}/invitations`;
    const email = uniqueEmail();
    const invitation = (await lead.client.post(base, { email, role: "editor" })).json.invitation;
    const token = inviteToken(t, email);
    expect((await lead.client.delete(`${base}/${invitation.id}`)).json).toEqual({ ok: true });
    expectError(await lead.client.delete(`${base}/${invitation.id}`), 404, "not_found");
    const p = await person(t, "Too Late", { email });
    expectError(await p.client.post("/api/invitations/accept", { token }), 410, "invitation_expired");
    await expectRefusedBodies(t, (body) => lead.client.post(base, body), [
      ...badBodies({ email: uniqueEmail(), role: "viewer" }, "email"),
      [{ email: uniqueEmail(), role: "owner" }, { role: "invalid" }],
      [{ email: "nobody", role: "viewer" }, { email: "invalid_email" }],
    ]);
  });

  it("leads change roles and remove people; the last lead stays (409)", async () => {
    const { lead, project } = await world();
    const ed = await join(lead.client, project.id, "editor", await outsiderWithOrganisation());
    const guest = await join(lead.client, project.id, "viewer");
    const path = (userId: string) => `/api/projects/${project.id}/members/${userId}`;
    const stranger = await person(t);
    await storesNothing(t, async () => {
      expectError(await lead.client.patch(path(lead.user.id), { role: "editor" }), 409, "last_lead");
      expectError(await lead.client.delete(path(lead.user.id)), 409, "last_lead");
      expectError(await lead.client.patch(path(stranger.user.id), { role: "editor" }), 404, "not_found");
      expectError(await lead.client.delete(path(stranger.user.id)), 404, "not_found");
    });
    await expectRefusedBodies(t, (body) => lead.client.patch(path(ed.user.id), body), [
      ...badBodies({ role: "lead" }, "role").filter(([, f]) => !("role" in f)),
      [{ role: "boss" }, { role: "invalid" }],
      [{ role: "x".repeat(10_000) }, { role: "invalid" }],
    ]);

    const promoted = await lead.client.patch(path(ed.user.id), { role: "lead" });
    expect(promoted.json.members.map((m: { role: string }) => m.role)).toEqual(["lead", "lead", "viewer"]);
    // two leads demoting themselves at once keep one
    const both = await Promise.all([
      lead.client.patch(path(lead.user.id), { role: "editor" }),
      ed.client.patch(path(ed.user.id), { role: "editor" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const [stays, steps] = both[0].status === 200 ? [ed, lead] : [lead, ed];
    expect((await stays.client.patch(path(steps.user.id), { role: "lead" })).status).toBe(200);

    // a lead leaves once another lead is there; a viewer leaves; a lead removes someone
    const left = await lead.client.delete(path(lead.user.id));
    expect(left.json.members.map((m: { displayName: string }) => m.displayName)).toEqual([
      "Ed Editor",
      "Guest viewer",
    ]);
    // Lea still owns the organisation, so she sees its project, without a project role
    expect((await lead.client.get(`/api/projects/${project.id}`)).json.project).toMatchObject({
      myRole: null,
      abilities: { manageMembers: true, leave: false },
    });
    expectError(await lead.client.delete(path(lead.user.id)), 403, "forbidden");
    const guestLeft = await guest.client.delete(path(guest.user.id));
    expect(guestLeft.status).toBe(200);
    expectError(await guest.client.get(`/api/projects/${project.id}`), 404, "not_found");
    await join(ed.client, project.id, "viewer", guest);
    const removed = await ed.client.delete(path(guest.user.id));
    expect(removed.json.members.map((m: { displayName: string }) => m.displayName)).toEqual(["Ed Editor"]);
    expectError(await ed.client.delete(path(guest.user.id)), 404, "not_found");
  });
});

describe("lifecycle", () => {
  it("lists active, archived and trashed projects, by organisation or network", async () => {
    const { lead, org } = await world();
    const net = (await lead.client.post("/api/networks", { organisationId: org.id, name: "Netz" })).json
      .network;
    const inNetwork = await createProject(lead.client, { networkId: net.id, name: "B Netzprojekt" });
    const archived = await createProject(lead.client, { organisationId: org.id, name: "C Archiv" });
    const trashed = await createProject(lead.client, { organisationId: org.id, name: "D Papierkorb" });
    await lead.client.post(`/api/projects/${archived.id}/archive`);
    await lead.client.delete(`/api/projects/${trashed.id}`);
    const list = (query: string) => lead.client.get(`/api/projects${query}`);
    expect(names(await list(""))).toEqual(["B Netzprojekt", "Sommerfest"]);
    expect(names(await list("?view=active"))).toEqual(["B Netzprojekt", "Sommerfest"]);
    expect(names(await list("?view=archived"))).toEqual(["C Archiv"]);
    expect(names(await list("?view=trash"))).toEqual(["D Papierkorb"]);
    expect(names(await list(`?organisationId=${org.id}`))).toEqual(["Sommerfest"]);
    expect(names(await list(`?networkId=${net.id}`))).toEqual([inNetwork.name]);
    expect(names(await list(`?view=archived&networkId=${net.id}`))).toEqual([]);
    expect(names(await list(`?view=trash&organisationId=${org.id}`))).toEqual(["D Papierkorb"]);
    const bad = async (query: string, fields: Record<string, string>) => {
      const res = await list(query);
      expectError(res, 422, "validation_failed");
      expect(res.json.error.fields).toEqual(fields);
    };
    await bad("?view=deleted", { view: "invalid" });
    await bad("?organisationId=abc", { organisationId: "invalid_format" });
    await bad(`?networkId=${"x".repeat(10_000)}`, { networkId: "invalid_format" });
    await bad("?view=active&sort=name", { sort: "unknown_field" });
    // someone else's organisation as a filter shows nothing
    const stranger = await outsiderWithOrganisation();
    expect(names(await stranger.client.get(`/api/projects?organisationId=${org.id}`))).toEqual([]);
  });

  it("archived projects are read-only (409 project_archived) until unarchived", async () => {
    const { lead, project } = await world();
    const guest = await join(lead.client, project.id, "viewer");
    const base = `/api/projects/${project.id}`;
    const archived = await lead.client.post(`${base}/archive`);
    expect(archived.json.project).toMatchObject({ state: "archived", archivedAt: t.clock.now.toISOString() });
    expect(archived.json.project.abilities).toMatchObject({
      update: false,
      archive: false,
      unarchive: true,
      editContent: false,
    });
    await storesNothing(t, async () => {
      expectError(await lead.client.patch(base, { name: "Neu" }), 409, "project_archived");
      expectError(await lead.client.post(`${base}/archive`), 409, "project_archived");
      expectError(
        await lead.client.post(`${base}/invitations`, { email: uniqueEmail(), role: "viewer" }),
        409,
        "project_archived",
      );
      expectError(await guest.client.patch(base, { name: "Neu" }), 403, "forbidden");
      expectError(await guest.client.post(`${base}/unarchive`), 403, "forbidden");
    });
    expect((await guest.client.get(base)).json.project.state).toBe("archived");
    const back = await lead.client.post(`${base}/unarchive`);
    expect(back.json.project).toMatchObject({ state: "active", archivedAt: null });
    expectError(await lead.client.post(`${base}/unarchive`), 403, "forbidden");
    const changed = await lead.client.patch(base, {
      name: "Herbstfest",
      color: "orange",
      description: "Neu",
    });
    expect(changed.json.project).toMatchObject({ name: "Herbstfest", color: "orange", description: "Neu" });
    await expectRefusedBodies(t, (body) => lead.client.patch(base, body), [
      ...badBodies({ color: "red" }, "name"),
      [{}, { _: "nothing_to_change" }],
      [{ color: "neon" }, { color: "invalid" }],
      [{ state: "active" }, { state: "unknown_field", _: "nothing_to_change" }],
    ]);
  });

  it("deleted projects go to the trash: gone for others, restorable by leads", async () => {
    const { lead, org, project } = await world();
    const ed = await join(lead.client, project.id, "editor", await outsiderWithOrganisation());
    const base = `/api/projects/${project.id}`;
    const guestEmail = uniqueEmail("late-guest");
    await lead.client.post(`${base}/invitations`, { email: guestEmail, role: "viewer" });
    const guestToken = inviteToken(t, guestEmail);
    const guest = await person(t, "Late Guest", { email: guestEmail });
    expectError(await ed.client.delete(base), 403, "forbidden");
    const trashed = await lead.client.delete(base);
    expect(trashed.status).toBe(200);
    const p = trashed.json.project;
    expect(p).toMatchObject({ state: "trashed", deletedAt: t.clock.now.toISOString() });
    expect(new Date(p.purgeAt).getTime() - new Date(p.deletedAt).getTime()).toBe(30 * DAY);
    expect(p.abilities).toMatchObject({ restore: true, update: false, delete: false, manageMembers: false });
    await storesNothing(t, async () => {
      expectError(await ed.client.get(base), 404, "not_found");
      expectError(await ed.client.get(`${base}/members`), 404, "not_found");
      expectError(await ed.client.post(`${base}/restore`), 404, "not_found");
      expectError(await lead.client.patch(base, { name: "Neu" }), 403, "forbidden");
      expectError(await lead.client.delete(base), 403, "forbidden");
      // an invitation into a trashed project cannot be accepted, but is kept for a restore
      expectError(
        await guest.client.post("/api/invitations/accept", { token: guestToken }),
        410,
        "invitation_expired",
      );
    });
    expect(names(await ed.client.get("/api/projects"))).toEqual([]);
    expect(names(await ed.client.get("/api/projects?view=trash"))).toEqual([]);
    expect(names(await lead.client.get("/api/projects?view=trash"))).toEqual(["Sommerfest"]);
    expect((await lead.client.get(base)).json.project.state).toBe("trashed");

    const restored = await lead.client.post(`${base}/restore`);
    expect(restored.json.project).toMatchObject({ state: "active", deletedAt: null, purgeAt: null });
    expect((await ed.client.get(base)).json.project.myRole).toBe("editor");
    expect((await guest.client.post("/api/invitations/accept", { token: guestToken })).status).toBe(200);
    expectError(await lead.client.post(`${base}/restore`), 403, "forbidden");
    const audit = (await lead.client.get(`/api/organisations/${org.id}/audit`)).json.events;
    expect(audit.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
      "project.restored",
      "project.deleted",
    ]);
    expect(audit[1].details).toEqual({ purgeAt: p.purgeAt });
  });

  it("purges projects 30 days after they were trashed, and records it", async () => {
    const { lead, org, project } = await world();
    const kept = await createProject(lead.client, { organisationId: org.id, name: "Bleibt" });
    await join(lead.client, project.id, "viewer");
    await lead.client.delete(`/api/projects/${project.id}`);
    const exists = async (id: string) =>
      (await t.db.db.selectFrom("projects").select("id").where("id", "=", id).executeTakeFirst()) !==
      undefined;
    await later(t, 30 - 1 / 24, () => purgeTrashedProjects(t.deps));
    expect(await exists(project.id)).toBe(true);
    const members = async (id: string) =>
      (await t.db.db.selectFrom("project_members").select("user_id").where("project_id", "=", id).execute())
        .length;
    expect(await members(project.id)).toBe(2);
    await later(t, 30 + 1 / 24, async () => {
      expect(await purgeTrashedProjects(t.deps)).toBeGreaterThanOrEqual(1);
    });
    expect(await exists(project.id)).toBe(false);
    expect(await exists(kept.id)).toBe(true);
    expect(await members(project.id)).toBe(0);
    expect(await members(kept.id)).toBe(1);
    const audit = (await lead.client.get(`/api/organisations/${org.id}/audit`)).json.events;
    expect(audit[0]).toMatchObject({
      action: "project.purged",
      actor: { id: null, name: "Ensemble" },
      target: { kind: "project", id: project.id, name: "Sommerfest" },
    });
    expectError(await lead.client.get(`/api/projects/${project.id}`), 404, "not_found");
    expect(names(await lead.client.get("/api/projects?view=trash"))).toEqual([]);
  });

  it("admins of the owning organisation see and manage its projects without being members", async () => {
    const { lead, org, admin, member, project } = await world();
    const net = (await lead.client.post("/api/networks", { organisationId: org.id, name: "Netz" })).json
      .network;
    const netProject = await createProject(lead.client, { networkId: net.id, name: "Netzprojekt" });
    const listed = (await admin.client.get(`/api/projects?organisationId=${org.id}`)).json.projects;
    expect(listed).toEqual([expect.objectContaining({ id: project.id, myRole: null })]);
    expect(listed[0].abilities).toMatchObject({
      update: true,
      manageMembers: true,
      delete: true,
      leave: false,
    });
    // the organisation coordinates the network, so its admins manage the network's projects too
    expect(names(await admin.client.get("/api/projects"))).toEqual(["Netzprojekt", "Sommerfest"]);
    expect((await admin.client.get(`/api/projects/${project.id}/members`)).json.members).toHaveLength(1);
    expect(
      (await admin.client.patch(`/api/projects/${project.id}`, { description: "Vom Vorstand" })).status,
    ).toBe(200);
    expectError(
      await admin.client.delete(`/api/projects/${project.id}/members/${admin.user.id}`),
      403,
      "forbidden",
    );
    await lead.client.delete(`/api/projects/${project.id}`);
    expect(names(await admin.client.get("/api/projects?view=trash"))).toEqual(["Sommerfest"]);
    expect((await admin.client.post(`/api/projects/${project.id}/restore`)).status).toBe(200);
    const asCoordinator = (await admin.client.get(`/api/projects/${netProject.id}`)).json.project;
    expect(asCoordinator).toMatchObject({ myRole: null, abilities: { manageMembers: true, leave: false } });
    // not for plain members
    expect(names(await member.client.get("/api/projects"))).toEqual([]);
    expectError(await member.client.get(`/api/projects/${netProject.id}`), 404, "not_found");
    expectError(await member.client.get(`/api/projects/${project.id}`), 404, "not_found");
  });
});

describe("access", () => {
  async function everyRoute() {
    const w = await world();
    const guest = await join(w.lead.client, w.project.id, "viewer");
    const invitation = (
      await w.lead.client.post(`/api/projects/${w.project.id}/invitations`, {
        email: uniqueEmail(),
        role: "editor",
      })
    ).json.invitation;
    const base = `/api/projects/${w.project.id}`;
    const scoped: RouteCall[] = [
      ["GET", base],
      ["PATCH", base, { name: "Übernommen" }],
      ["POST", `${base}/archive`],
      ["POST", `${base}/unarchive`],
      ["DELETE", base],
      ["POST", `${base}/restore`],
      ["GET", `${base}/members`],
      ["PATCH", `${base}/members/${guest.user.id}`, { role: "lead" }],
      ["DELETE", `${base}/members/${guest.user.id}`],
      ["GET", `${base}/invitations`],
      ["POST", `${base}/invitations`, { email: uniqueEmail(), role: "lead" }],
      ["DELETE", `${base}/invitations/${invitation.id}`],
    ];
    return { ...w, scoped };
  }

  it("every route answers 401 without a session", async () => {
    const { org, scoped } = await everyRoute();
    await expectAllUnauthenticated(t, [
      ["GET", "/api/projects"],
      ["POST", "/api/projects", { organisationId: org.id, name: "Anon" }],
      ...scoped,
    ]);
  });

  it("every route answers 404 to a signed-in outsider and for ids that name nothing", async () => {
    const { lead, project, scoped } = await everyRoute();
    const outsider = await outsiderWithOrganisation("Otto Outsider");
    await createProject(outsider.client, { organisationId: outsider.org.id, name: "Eigenes" });
    await expectAllNotFound(t, outsider.client, scoped);
    expect(names(await outsider.client.get("/api/projects"))).toEqual(["Eigenes"]);
    const nothing = "00000000-0000-4000-8000-000000000000";
    await expectAllNotFound(
      t,
      lead.client,
      scoped.map(([m, p, b]): RouteCall => [m, p.replace(project.id, nothing), b]),
    );
    await expectAllNotFound(t, lead.client, [
      ["GET", "/api/projects/not-a-uuid"],
      ["PATCH", `/api/projects/${project.id}/members/not-a-uuid`, { role: "lead" }],
      ["DELETE", `/api/projects/${project.id}/invitations/${nothing}`],
    ]);
  });
});
