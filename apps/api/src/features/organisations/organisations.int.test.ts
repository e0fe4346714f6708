import { describe, expect, it } from "vitest";
import { Client, uniqueEmail, useTestApp } from "../../test/harness.ts";
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
  person,
  protoField,
  type RouteCall,
  storesNothing,
  withProto,
} from "../../test/tenancy.ts";

const t = useTestApp();

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

/** The members of an organisation as `{ name: role }`. */
async function roles(client: Client, id: string): Promise<Record<string, string>> {
  const res = await client.get(`/api/organisations/${id}/members`);
  expect(res.status, res.text).toBe(200);
  return Object.fromEntries(
    (res.json.members as Array<{ displayName: string; role: string }>).map((m) => [m.displayName, m.role]),
  );
}

/** An organisation with an owner, an admin and two members. */
async function team() {
  const owner = await person(t, "Olga Owner");
  const org = await createOrganisation(owner.client, { name: "Theater am Fluss", kind: "venue" });
  const admin = await addMember(t, owner.client, org.id, "admin", "Ada Admin");
  const member = await addMember(t, owner.client, org.id, "member", "Max Member");
  const other = await addMember(t, owner.client, org.id, "member", "Mia Member");
  return { owner, org, admin, member, other };
}

describe("create and read", () => {
  it("makes the creator owner, records it, and lists it as mine", async () => {
    const { client, user } = await person(t, "Greta Gründerin");
    const res = await client.post("/api/organisations", {
      name: "  Chorwerk Süd  ",
      kind: "association",
      sparten: ["music"],
      website: "https://chorwerk.example",
    });
    expect(res.status).toBe(201);
    const org = res.json.organisation;
    expect(org).toMatchObject({
      name: "Chorwerk Süd",
      kind: "association",
      sparten: ["music"],
      website: "https://chorwerk.example",
      description: "",
      myRole: "owner",
      memberCount: 1,
      profileComplete: false,
      abilities: {
        update: true,
        manageMembers: true,
        readAudit: true,
        transferOwnership: true,
        createNetwork: true,
        createProject: true,
        leave: true,
      },
    });
    expect(org.avatarColor).toBeGreaterThanOrEqual(0);
    expect(org.avatarColor).toBeLessThan(8);
    expect((await client.get("/api/organisations")).json.organisations).toEqual([
      {
        id: org.id,
        name: "Chorwerk Süd",
        kind: "association",
        avatarColor: org.avatarColor,
        myRole: "owner",
      },
    ]);
    expect((await client.get(`/api/organisations/${org.id}`)).json.organisation).toEqual(org);
    const members = (await client.get(`/api/organisations/${org.id}/members`)).json.members;
    expect(members).toEqual([expect.objectContaining({ userId: user.id, role: "owner", isMe: true })]);
    const audit = (await client.get(`/api/organisations/${org.id}/audit`)).json.events;
    expect(audit).toEqual([
      expect.objectContaining({
        action: "organisation.created",
        actor: { id: user.id, name: "Greta Gründerin" },
        target: { kind: "organisation", id: org.id, name: "Chorwerk Süd" },
      }),
    ]);
  });

  it("refuses bad input with field codes and stores nothing", async () => {
    const { client } = await person(t);
    const valid = { name: "Ok", kind: "venue" };
    const send = (body: unknown) => client.post("/api/organisations", body);
    await expectRefusedBodies(t, send, [
      ...badBodies(valid, "name"),
      // a missing choice answers "invalid" (zod reports no "required" for enums)
      [{}, { name: "required", kind: "invalid" }],
      [{ name: "   ", kind: "venue" }, { name: "too_short" }],
      [{ name: "Tab\there", kind: "venue" }, { name: "invalid_characters" }],
      [{ ...valid, kind: "castle" }, { kind: "invalid" }],
      [{ ...valid, kind: 3 }, { kind: "invalid" }],
      [{ ...valid, sparten: ["music", "music"] }, { sparten: "duplicate" }],
      [{ ...valid, sparten: "music" }, { sparten: "invalid_type" }],
      [{ ...valid, website: "javascript:alert(1)" }, { website: "invalid_url" }],
      [{ ...valid, contactEmail: "nobody" }, { contactEmail: "invalid" }],
      [{ ...valid, description: "d".repeat(10_000) }, { description: "too_long" }],
      [[valid], { _: "invalid_type" }],
    ]);
    expect((await client.get("/api/organisations")).json.organisations).toEqual([]);
  });

  it("finds organisations by name for any signed-in person, with only public fields", async () => {
    const { client } = await person(t);
    await createOrganisation(client, {
      name: "Jazzclub 100% Unterhaus",
      kind: "venue",
      district: "Altstadt",
    });
    const stranger = await person(t);
    const found = await stranger.client.get(
      `/api/organisations/search?q=${encodeURIComponent("100% unter")}`,
    );
    expect(found.status).toBe(200);
    expect(found.json.results).toEqual([
      expect.objectContaining({ name: "Jazzclub 100% Unterhaus", kind: "venue", district: "Altstadt" }),
    ]);
    expect(Object.keys(found.json.results[0]).sort()).toEqual([
      "avatarColor",
      "district",
      "id",
      "kind",
      "name",
    ]);
    // `%` and `_` are literal, not wildcards
    expect((await stranger.client.get("/api/organisations/search?q=z%25z")).json.results).toEqual([]);
    const short = await stranger.client.get("/api/organisations/search?q=J");
    expectError(short, 422, "validation_failed");
    expect(short.json.error.fields).toEqual({ q: "too_short" });
    expect((await stranger.client.get("/api/organisations/search")).json.error.fields).toEqual({
      q: "required",
    });
    const long = await stranger.client.get(`/api/organisations/search?q=${"x".repeat(10_000)}`);
    expect(long.json.error.fields).toEqual({ q: "too_long" });
    const extra = await stranger.client.get("/api/organisations/search?q=Jazz&limit=1000");
    expect(extra.json.error.fields).toEqual({ limit: "unknown_field" });
  });
});

describe("profile", () => {
  it("admins update the profile; it is complete once the directory fields are filled in", async () => {
    const { owner, org, admin, member } = await team();
    const path = `/api/organisations/${org.id}`;
    const first = await admin.client.patch(path, { description: "Freies Theater", district: "Nordstadt" });
    expect(first.status).toBe(200);
    expect(first.json.organisation).toMatchObject({
      description: "Freies Theater",
      district: "Nordstadt",
      myRole: "admin",
      profileComplete: false,
      abilities: { update: true, transferOwnership: false },
    });
    const done = await owner.client.patch(path, {
      sparten: ["theatre", "dance"],
      contactEmail: "  Buero@Theater.example ",
      contactName: "Olga",
    });
    expect(done.json.organisation).toMatchObject({
      sparten: ["theatre", "dance"],
      contactEmail: "buero@theater.example",
      profileComplete: true,
      memberCount: 4,
    });
    expect((await owner.client.patch(path, { district: "" })).json.organisation.profileComplete).toBe(false);
    const audit = await owner.client.get(`${path}/audit`);
    expect(audit.json.events[0]).toMatchObject({
      action: "organisation.updated",
      details: { fields: "district" },
    });
    expect(actions(audit).filter((a) => a === "organisation.updated")).toHaveLength(3);

    expectError(await member.client.patch(path, { name: "Mine now" }), 403, "forbidden");
    expect((await member.client.get(path)).json.organisation).toMatchObject({
      name: "Theater am Fluss",
      myRole: "member",
      abilities: { update: false, manageMembers: false, readAudit: false, createProject: true, leave: true },
    });
  });

  it("refuses bad input and an empty change, storing nothing", async () => {
    const { client } = await person(t);
    const org = await createOrganisation(client);
    const send = (body: unknown) => client.patch(`/api/organisations/${org.id}`, body);
    await expectRefusedBodies(t, send, [
      ...badBodies({ description: "ok" }, "name"),
      ...badBodies({ name: "ok" }, "district"),
      [{}, { _: "nothing_to_change" }],
      [{ name: "" }, { name: "too_short" }],
      [{ kind: "castle" }, { kind: "invalid" }],
      [{ sparten: ["music", "poetry"] }, { "sparten.1": "invalid" }],
      [{ website: "ftp://x.example" }, { website: "invalid_url" }],
    ]);
    expect((await client.get(`/api/organisations/${org.id}`)).json.organisation.name).toBe(org.name);
  });
});

describe("invitations", () => {
  it("mails a link; a new person signs up with that address, accepts, joins with the role and is verified", async () => {
    const { client: owner, user: ownerUser } = await person(t, "Olga Owner");
    const org = await createOrganisation(owner, { name: "Kunstraum Ost" });
    const email = uniqueEmail("invitee");
    const res = await owner.post(`/api/organisations/${org.id}/invitations`, {
      email: email.toUpperCase(),
      role: "admin",
    });
    expect(res.status).toBe(201);
    expect(res.json.invitation).toMatchObject({
      kind: "organisation",
      email,
      role: "admin",
      invitedBy: "Olga Owner",
      invitedOrganisation: null,
      state: "pending",
    });
    const mails = t.mails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("Kunstraum Ost");
    const token = inviteToken(t, email);
    expect((await owner.get(`/api/organisations/${org.id}/invitations`)).json.invitations).toEqual([
      res.json.invitation,
    ]);

    const { client, user } = await person(t, "Ines Invited", { email }, { confirmed: false });
    expect((await client.get("/api/account/me")).json.user.emailVerified).toBe(false);
    const accepted = await client.post("/api/invitations/accept", { token });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({ kind: "organisation", targetId: org.id });
    expect((await client.get("/api/account/me")).json.user.emailVerified).toBe(true);
    expect((await client.get(`/api/organisations/${org.id}`)).json.organisation.myRole).toBe("admin");
    expect(await roles(owner, org.id)).toEqual({ "Olga Owner": "owner", "Ines Invited": "admin" });
    expect((await owner.get(`/api/organisations/${org.id}/invitations`)).json.invitations).toEqual([]);

    // the link works once
    await storesNothing(t, async () => {
      expectError(await client.post("/api/invitations/accept", { token }), 410, "invitation_expired");
    });
    const audit = (await owner.get(`/api/organisations/${org.id}/audit`)).json.events;
    expect(audit.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: "member.joined",
        actor: { id: user.id, name: "Ines Invited" },
        details: { role: "admin", organisation: "Kunstraum Ost" },
      }),
      expect.objectContaining({
        action: "member.invited",
        actor: { id: ownerUser.id, name: "Olga Owner" },
        target: expect.objectContaining({ kind: "invitation", name: email }),
        details: { role: "admin" },
      }),
    ]);
  });

  it("expires after 7 days", async () => {
    const { client: owner } = await person(t);
    const org = await createOrganisation(owner);
    const early = uniqueEmail("early");
    const late = uniqueEmail("late");
    await owner.post(`/api/organisations/${org.id}/invitations`, { email: early, role: "member" });
    await owner.post(`/api/organisations/${org.id}/invitations`, { email: late, role: "member" });
    const earlyToken = inviteToken(t, early);
    const lateToken = inviteToken(t, late);
    const earlyPerson = await person(t, "Early", { email: early });
    const latePerson = await person(t, "Late", { email: late });
    const minute = 1 / (24 * 60);
    await later(t, 7 - minute, async () => {
      const res = await earlyPerson.client.post("/api/invitations/accept", { token: earlyToken });
      expect(res.status).toBe(200);
    });
    await later(t, 7 + minute, async () => {
      const listed = (await owner.get(`/api/organisations/${org.id}/invitations`)).json.invitations;
      expect(listed).toEqual([expect.objectContaining({ email: late, state: "expired" })]);
      await storesNothing(t, async () => {
        const token = lateToken;
        expectError(
          await latePerson.client.post("/api/invitations/accept", { token }),
          410,
          "invitation_expired",
        );
        expectError(
          await new Client(t).post("/api/invitations/preview", { token }),
          410,
          "invitation_expired",
        );
      });
    });
    expect(Object.values(await roles(owner, org.id)).sort()).toEqual(["member", "owner"]);
  });

  it("refuses a signed-in person with another address (403), and still works for the right one", async () => {
    const { client: owner } = await person(t);
    const org = await createOrganisation(owner);
    const email = uniqueEmail("right");
    await owner.post(`/api/organisations/${org.id}/invitations`, { email, role: "member" });
    const token = inviteToken(t, email);
    const wrong = await person(t, "Wrong Person", {}, { confirmed: false });
    await storesNothing(t, async () => {
      expectError(
        await wrong.client.post("/api/invitations/accept", { token }),
        403,
        "invitation_wrong_account",
      );
    });
    expect((await wrong.client.get("/api/account/me")).json.user.emailVerified).toBe(false);
    expectError(await wrong.client.get(`/api/organisations/${org.id}`), 404, "not_found");
    const right = await person(t, "Right Person", { email });
    expect((await right.client.post("/api/invitations/accept", { token })).status).toBe(200);
  });

  it("revoked links are dead; a resent link replaces the old one", async () => {
    const { client: owner } = await person(t);
    const org = await createOrganisation(owner);
    const base = `/api/organisations/${org.id}/invitations`;
    const revokedEmail = uniqueEmail("revoked");
    const resentEmail = uniqueEmail("resent");
    const revoked = (await owner.post(base, { email: revokedEmail, role: "member" })).json.invitation;
    const resent = (await owner.post(base, { email: resentEmail, role: "admin" })).json.invitation;
    const revokedToken = inviteToken(t, revokedEmail);
    const oldToken = inviteToken(t, resentEmail);

    expect((await owner.delete(`${base}/${revoked.id}`)).json).toEqual({ ok: true });
    expectError(await owner.delete(`${base}/${revoked.id}`), 404, "not_found");
    const r = await person(t, "Revoked", { email: revokedEmail });
    expectError(
      await r.client.post("/api/invitations/accept", { token: revokedToken }),
      410,
      "invitation_expired",
    );

    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const again = await owner.post(`${base}/${resent.id}/resend`);
    expect(again.status).toBe(200);
    expect(again.json.invitation).toMatchObject({
      id: resent.id,
      email: resentEmail,
      role: "admin",
      state: "pending",
    });
    expect(new Date(again.json.invitation.expiresAt).getTime()).toBeGreaterThan(
      new Date(resent.expiresAt).getTime(),
    );
    expect(t.mails(resentEmail)).toHaveLength(2);
    const newToken = inviteToken(t, resentEmail);
    expect(newToken).not.toBe(oldToken);
    const p = await person(t, "Resent", { email: resentEmail });
    expectError(
      await p.client.post("/api/invitations/accept", { token: oldToken }),
      410,
      "invitation_expired",
    );
    expect((await p.client.post("/api/invitations/accept", { token: newToken })).status).toBe(200);
    expect((await p.client.get(`/api/organisations/${org.id}`)).json.organisation.myRole).toBe("admin");
    expectError(await owner.post(`${base}/${resent.id}/resend`), 404, "not_found");
    expect(actions(await owner.get(`/api/organisations/${org.id}/audit`))).toContain(
      "member.invitation_revoked",
    );
  });

  it("refuses bad input, a member's address, and members who are not admins", async () => {
    const { owner, org, admin, member } = await team();
    const base = `/api/organisations/${org.id}/invitations`;
    const valid = { email: uniqueEmail(), role: "member" };
    await expectRefusedBodies(t, (body) => owner.client.post(base, body), [
      ...badBodies(valid, "email"),
      [{ email: "not-an-address", role: "member" }, { email: "invalid_email" }],
      [{ ...valid, role: "owner" }, { role: "invalid" }],
      [{ email: valid.email }, { role: "invalid" }],
    ]);
    await storesNothing(t, async () => {
      const taken = await owner.client.post(base, { email: admin.email, role: "member" });
      expectError(taken, 409, "already_member");
      expect(taken.json.error.fields).toEqual({ email: "already_member" });
    });
    const pending = (await admin.client.post(base, valid)).json.invitation;
    await expectAllForbidden(t, member.client, [
      ["GET", base],
      ["POST", base, { email: uniqueEmail(), role: "member" }],
      ["DELETE", `${base}/${pending.id}`],
      ["POST", `${base}/${pending.id}/resend`],
    ]);
  });

  it("answers 404 for another organisation's invitation", async () => {
    const a = await person(t);
    const b = await person(t);
    const orgA = await createOrganisation(a.client);
    const orgB = await createOrganisation(b.client);
    const inviteB = (
      await b.client.post(`/api/organisations/${orgB.id}/invitations`, {
        email: uniqueEmail(),
        role: "member",
      })
    ).json.invitation;
    await expectAllNotFound(t, a.client, [
      ["DELETE", `/api/organisations/${orgA.id}/invitations/${inviteB.id}`],
      ["POST", `/api/organisations/${orgA.id}/invitations/${inviteB.id}/resend`],
      ["DELETE", `/api/organisations/${orgA.id}/invitations/not-a-uuid`],
    ]);
  });
});

describe("roles", () => {
  it("members change no roles, admins never touch owners, nobody changes their own, owners can", async () => {
    const { owner, org, admin, member, other } = await team();
    const path = (userId: string) => `/api/organisations/${org.id}/members/${userId}`;
    const refused = async (who: Client, userId: string, role: string, status: number) => {
      await storesNothing(t, async () => {
        const res = await who.patch(path(userId), { role });
        expect(res.status, `${role}: ${res.text}`).toBe(status);
      });
    };
    await refused(member.client, other.user.id, "admin", 403);
    await refused(member.client, member.user.id, "admin", 403);
    await refused(admin.client, other.user.id, "owner", 403);
    await refused(admin.client, owner.user.id, "member", 403);
    await refused(admin.client, owner.user.id, "admin", 403);
    await refused(admin.client, admin.user.id, "member", 403);
    await refused(owner.client, owner.user.id, "admin", 403);
    const notAllowed = await admin.client.patch(path(other.user.id), { role: "owner" });
    expect(notAllowed.json.error.fields).toEqual({ role: "not_allowed" });

    const promoted = await admin.client.patch(path(member.user.id), { role: "admin" });
    expect(promoted.status).toBe(200);
    expect(promoted.json.members.find((m: { userId: string }) => m.userId === member.user.id).role).toBe(
      "admin",
    );
    expect((await admin.client.patch(path(member.user.id), { role: "member" })).status).toBe(200);
    expect((await owner.client.patch(path(other.user.id), { role: "owner" })).status).toBe(200);
    expect(await roles(owner.client, org.id)).toEqual({
      "Olga Owner": "owner",
      "Mia Member": "owner",
      "Ada Admin": "admin",
      "Max Member": "member",
    });
    expect((await owner.client.patch(path(other.user.id), { role: "member" })).status).toBe(200);
    const audit = (await owner.client.get(`/api/organisations/${org.id}/audit`)).json.events;
    expect(audit[0]).toMatchObject({
      action: "member.role_changed",
      target: { kind: "user", id: other.user.id, name: "Mia Member" },
      details: { from: "owner", to: "member" },
    });

    expectError(
      await owner.client.patch(path((await person(t)).user.id), { role: "admin" }),
      404,
      "not_found",
    );
    await expectRefusedBodies(t, (body) => owner.client.patch(path(member.user.id), body), [
      ...badBodies({ role: "admin" }, "role").filter(([, f]) => !("role" in f)),
      [{ role: "king" }, { role: "invalid" }],
      [{ role: 1 }, { role: "invalid" }],
      [{}, { role: "invalid" }],
    ]);
  });

  it("the last owner cannot leave; with two owners one can, and they cannot both leave at once", async () => {
    const { owner, org, admin } = await team();
    const leave = (c: Client) => c.post(`/api/organisations/${org.id}/leave`);
    await storesNothing(t, async () => {
      expectError(await leave(owner.client), 409, "last_owner");
      expectError(
        await owner.client.delete(`/api/organisations/${org.id}/members/${owner.user.id}`),
        409,
        "last_owner",
      );
      expectError(
        await admin.client.delete(`/api/organisations/${org.id}/members/${owner.user.id}`),
        403,
        "forbidden",
      );
    });
    expect(
      (await owner.client.patch(`/api/organisations/${org.id}/members/${admin.user.id}`, { role: "owner" }))
        .status,
    ).toBe(200);
    const both = await Promise.all([leave(owner.client), leave(admin.client)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(
      Object.values(await roles(both[0].status === 200 ? admin.client : owner.client, org.id)),
    ).toContain("owner");
    const stayed = both[0].status === 200 ? admin : owner;
    const gone = both[0].status === 200 ? owner : admin;
    expectError(await gone.client.get(`/api/organisations/${org.id}`), 404, "not_found");
    expect(actions(await stayed.client.get(`/api/organisations/${org.id}/audit`))[0]).toBe("member.left");
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const { owner, org, admin } = await team();
    const path = (userId: string) => `/api/organisations/${org.id}/members/${userId}`;
    await owner.client.patch(path(admin.user.id), { role: "owner" });
    const both = await Promise.all([
      owner.client.patch(path(admin.user.id), { role: "admin" }),
      admin.client.patch(path(owner.user.id), { role: "admin" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 403]);
    const list = Object.values(await roles(owner.client, org.id));
    expect(list.filter((r) => r === "owner")).toHaveLength(1);
  });

  it("transfers ownership: the new owner owns, the old owner stays admin", async () => {
    const { owner, org, admin, member } = await team();
    const path = `/api/organisations/${org.id}/transfer-ownership`;
    const stranger = await person(t);
    await storesNothing(t, async () => {
      expectError(await admin.client.post(path, { userId: member.user.id }), 403, "forbidden");
      const self = await owner.client.post(path, { userId: owner.user.id });
      expectError(self, 422, "validation_failed");
      expect(self.json.error.fields).toEqual({ userId: "unchanged" });
      const notMember = await owner.client.post(path, { userId: stranger.user.id });
      expect(notMember.json.error.fields).toEqual({ userId: "not_a_member" });
    });
    await expectRefusedBodies(t, (body) => owner.client.post(path, body), [
      ...badBodies({ userId: member.user.id }, "userId").filter(
        ([, f]) => !Object.values(f).includes("too_long"),
      ),
      [{ userId: "x".repeat(10_000) }, { userId: "invalid_format" }],
      [{ userId: "abc" }, { userId: "invalid_format" }],
      [{}, { userId: "required" }],
    ]);
    const res = await owner.client.post(path, { userId: member.user.id });
    expect(res.status).toBe(200);
    expect(await roles(owner.client, org.id)).toMatchObject({ "Max Member": "owner", "Olga Owner": "admin" });
    expect(
      (await owner.client.get(`/api/organisations/${org.id}`)).json.organisation.abilities.transferOwnership,
    ).toBe(false);
    expectError(await owner.client.post(path, { userId: owner.user.id }), 403, "forbidden");
    expect((await member.client.post(`/api/organisations/${org.id}/leave`)).status).toBe(409);
    const audit = (await owner.client.get(`/api/organisations/${org.id}/audit`)).json.events;
    expect(audit[0]).toMatchObject({
      action: "ownership.transferred",
      target: { id: member.user.id, name: "Max Member" },
      details: { from: "Olga Owner" },
    });
  });
});

describe("removing members", () => {
  it("removes the member and their places in the organisation's projects", async () => {
    const { owner, org, admin, member, other } = await team();
    const project = (await owner.client.post("/api/projects", { organisationId: org.id, name: "Sommerfest" }))
      .json.project;
    await owner.client.post(`/api/projects/${project.id}/invitations`, {
      email: member.email,
      role: "editor",
    });
    expect(
      (await member.client.post("/api/invitations/accept", { token: inviteToken(t, member.email) })).status,
    ).toBe(200);
    expect((await member.client.get(`/api/projects/${project.id}`)).json.project.myRole).toBe("editor");

    const path = (userId: string) => `/api/organisations/${org.id}/members/${userId}`;
    const stranger = await person(t);
    await storesNothing(t, async () => {
      expectError(await other.client.delete(path(member.user.id)), 403, "forbidden");
      expectError(await admin.client.delete(path(owner.user.id)), 403, "forbidden");
      expectError(await admin.client.delete(path(stranger.user.id)), 404, "not_found");
    });
    const before = await t.rowCount("project_members");
    const res = await admin.client.delete(path(member.user.id));
    expect(res.status).toBe(200);
    expect(res.json.members.map((m: { displayName: string }) => m.displayName)).not.toContain("Max Member");
    expect(await t.rowCount("project_members")).toBe(before - 1);
    expectError(await member.client.get(`/api/organisations/${org.id}`), 404, "not_found");
    expectError(await member.client.get(`/api/projects/${project.id}`), 404, "not_found");
    expect((await owner.client.get(`/api/projects/${project.id}/members`)).json.members).toHaveLength(1);
    const audit = (await owner.client.get(`/api/organisations/${org.id}/audit`)).json.events;
    expect(audit[0]).toMatchObject({
      action: "member.removed",
      target: { name: "Max Member" },
      details: { role: "member" },
    });

    // removing oneself is leaving
    const self = await other.client.delete(path(other.user.id));
    expect(self.status).toBe(200);
    expect(self.json.members).toEqual([]);
    expect((await other.client.get("/api/organisations")).json.organisations).toEqual([]);
  });
});

describe("audit log", () => {
  it("pages newest first and exports CSV with a BOM and defused formulas", async () => {
    const { client: owner } = await person(t, "Olga Owner");
    const org = await createOrganisation(owner, { name: "@Kollektiv" });
    for (let i = 0; i < 55; i++) {
      await owner.patch(`/api/organisations/${org.id}`, { description: `Fassung ${i}` });
    }
    await addMember(t, owner, org.id, "member", "=cmd|' /C calc'!A0");
    const first = await owner.get(`/api/organisations/${org.id}/audit`);
    expect(first.status).toBe(200);
    expect(first.json.events).toHaveLength(50);
    expect(actions(first).slice(0, 2)).toEqual(["member.joined", "member.invited"]);
    const ids = first.json.events.map((e: { id: string }) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(first.json.nextCursor).toBe(String(ids[49]));
    const second = await owner.get(`/api/organisations/${org.id}/audit?before=${first.json.nextCursor}`);
    expect(second.json.events).toHaveLength(8);
    expect(actions(second).at(-1)).toBe("organisation.created");
    expect(second.json.nextCursor).toBeNull();

    const bad = await owner.get(`/api/organisations/${org.id}/audit?before=abc`);
    expectError(bad, 422, "validation_failed");
    expect(bad.json.error.fields).toEqual({ before: "invalid_format" });
    expect(
      (await owner.get(`/api/organisations/${org.id}/audit?before=1&after=2`)).json.error.fields,
    ).toEqual({
      after: "unknown_field",
    });

    const csv = await owner.get(`/api/organisations/${org.id}/audit.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="audit-${org.id}.csv"`);
    expect(csv.headers.get("cache-control")).toBe("no-store");
    // Response.text() drops a BOM, so look at the bytes
    const raw = await t.app.request(`/api/organisations/${org.id}/audit.csv`, {
      headers: { cookie: owner.cookie ?? "" },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      '"time","action","actor","actor_id","target_kind","target","target_id","details","ip"',
    );
    expect(lines).toHaveLength(1 + 58);
    expect(lines[1]).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(lines.at(-1)).toContain(`"organisation.created","Olga Owner"`);
    expect(lines.at(-1)).toContain(`"'@Kollektiv"`);
    expect(csv.text).not.toMatch(/(^|,)"[=+\-@]/m);
  });

  it("is for admins and owners only", async () => {
    const { owner, org, admin, member } = await team();
    for (const c of [owner.client, admin.client]) {
      expect((await c.get(`/api/organisations/${org.id}/audit`)).status).toBe(200);
      expect((await c.get(`/api/organisations/${org.id}/audit.csv`)).status).toBe(200);
    }
    await expectAllForbidden(t, member.client, [
      ["GET", `/api/organisations/${org.id}/audit`],
      ["GET", `/api/organisations/${org.id}/audit.csv`],
      ["GET", `/api/organisations/${org.id}/network-invitations`],
    ]);
  });
});

describe("access", () => {
  /** Every organisation route, with valid input, against one organisation of `owner`. */
  async function everyRoute() {
    const { owner, org, member } = await team();
    const invitation = (
      await owner.client.post(`/api/organisations/${org.id}/invitations`, {
        email: uniqueEmail(),
        role: "member",
      })
    ).json.invitation;
    const base = `/api/organisations/${org.id}`;
    const scoped: RouteCall[] = [
      ["GET", base],
      ["PATCH", base, { name: "Taken over" }],
      ["GET", `${base}/members`],
      ["PATCH", `${base}/members/${member.user.id}`, { role: "admin" }],
      ["DELETE", `${base}/members/${member.user.id}`],
      ["POST", `${base}/leave`],
      ["POST", `${base}/transfer-ownership`, { userId: member.user.id }],
      ["GET", `${base}/invitations`],
      ["POST", `${base}/invitations`, { email: uniqueEmail(), role: "admin" }],
      ["DELETE", `${base}/invitations/${invitation.id}`],
      ["POST", `${base}/invitations/${invitation.id}/resend`],
      ["GET", `${base}/network-invitations`],
      ["GET", `${base}/audit`],
      ["GET", `${base}/audit.csv`],
    ];
    return { owner, org, scoped };
  }

  it("every route answers 401 without a session", async () => {
    const { scoped } = await everyRoute();
    await expectAllUnauthenticated(t, [
      ["GET", "/api/organisations"],
      ["POST", "/api/organisations", { name: "Anon", kind: "venue" }],
      ["GET", "/api/organisations/search?q=Theater"],
      ...scoped,
    ]);
  });

  it("every route answers 404 to a signed-in outsider and to ids that name nothing", async () => {
    const { owner, scoped } = await everyRoute();
    const outsider = await person(t, "Otto Outsider");
    await createOrganisation(outsider.client, { name: "Outsider e.V." });
    await expectAllNotFound(t, outsider.client, scoped);
    const nothing = (call: RouteCall): RouteCall => [
      call[0],
      call[1].replace(/organisations\/[^/]+/, `organisations/${NO_SUCH_ID}`),
      call[2],
    ];
    await expectAllNotFound(t, owner.client, scoped.map(nothing));
    await expectAllNotFound(t, owner.client, [
      ["GET", "/api/organisations/not-a-uuid"],
      ["PATCH", "/api/organisations/1", { name: "x" }],
      ["GET", `/api/organisations/${NO_SUCH_ID}/members/not-a-uuid`],
    ]);
    expect((await outsider.client.get("/api/organisations")).json.organisations).toHaveLength(1);
  });

  it("a body with __proto__ changes nothing about the answer or the stored row", async () => {
    const { client } = await person(t);
    const org = await createOrganisation(client);
    const res = await client.patch(`/api/organisations/${org.id}`, withProto({ name: "Proto" }));
    expect(res.json.error.fields).toEqual(protoField());
    expect(({} as Record<string, unknown>).isInstanceAdmin).toBeUndefined();
    expect((await client.get(`/api/organisations/${org.id}`)).json.organisation.name).toBe(org.name);
  });
});
