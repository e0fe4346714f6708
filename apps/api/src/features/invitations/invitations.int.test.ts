import { describe, expect, it } from "vitest";
import { Client, uniqueEmail, useTestApp } from "../../test/harness.ts";
import {
  badBodies,
  createOrganisation,
  expectAllUnauthenticated,
  expectError,
  expectRefusedBodies,
  inviteToken,
  later,
  person,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

/** Olga's organisation, a network it coordinates and a project in it: three things to invite into. */
async function inviter() {
  const owner = await person(t, "Olga Owner");
  const org = await createOrganisation(owner.client, { name: "Kulturhaus Nord" });
  const net = (await owner.client.post("/api/networks", { organisationId: org.id, name: "Netzwerk Nord" }))
    .json.network;
  const project = (await owner.client.post("/api/projects", { organisationId: org.id, name: "Hoffest" })).json
    .project;
  const invite = async (path: string, body: Record<string, unknown>) => {
    const res = await owner.client.post(path, body);
    expect(res.status, res.text).toBe(201);
    return res.json.invitation as { id: string; expiresAt: string };
  };
  return {
    owner,
    org,
    net,
    project,
    toOrganisation: (email: string, role = "member") =>
      invite(`/api/organisations/${org.id}/invitations`, { email, role }),
    toNetwork: (body: Record<string, unknown>) => invite(`/api/networks/${net.id}/invitations`, body),
    toProject: (email: string, role = "editor") =>
      invite(`/api/projects/${project.id}/invitations`, { email, role }),
  };
}

/** A person who signed up with `email` and confirmed it through the verification mail. */
async function verifiedPerson(email: string, displayName = "Vera Verified") {
  const p = await person(t, displayName, { email });
  const token = new URL(t.lastLink(email, "/verify-email")).searchParams.get("token");
  expect((await p.client.post("/api/auth/verify-email", { token })).status).toBe(200);
  return p;
}

describe("preview", () => {
  it("shows what a link leads to without a session, and does not use it up", async () => {
    const w = await inviter();
    const email = uniqueEmail("preview");
    const orgInvitation = await w.toOrganisation(email, "admin");
    const orgToken = inviteToken(t, email);
    const anonymous = new Client(t);
    const res = await anonymous.post("/api/invitations/preview", { token: orgToken });
    expect(res.status).toBe(200);
    expect(res.json.invitation).toEqual({
      id: orgInvitation.id,
      kind: "organisation",
      target: { id: w.org.id, name: "Kulturhaus Nord" },
      coordinatorName: null,
      invitedOrganisation: null,
      email,
      role: "admin",
      invitedBy: "Olga Owner",
      expiresAt: orgInvitation.expiresAt,
      state: "pending",
    });
    expect(anonymous.cookie).toBeUndefined();

    await w.toNetwork({ email });
    const network = await anonymous.post("/api/invitations/preview", { token: inviteToken(t, email) });
    expect(network.json.invitation).toMatchObject({
      kind: "network",
      target: { id: w.net.id, name: "Netzwerk Nord" },
      coordinatorName: "Kulturhaus Nord",
      role: null,
    });
    await w.toProject(email, "viewer");
    const projectToken = inviteToken(t, email);
    const project = await anonymous.post("/api/invitations/preview", { token: projectToken });
    expect(project.json.invitation).toMatchObject({
      kind: "project",
      target: { id: w.project.id, name: "Hoffest" },
      role: "viewer",
    });

    const p = await person(t, "Paul", { email });
    expect((await p.client.post("/api/invitations/preview", { token: orgToken })).status).toBe(200);
    expect((await p.client.post("/api/invitations/accept", { token: orgToken })).status).toBe(200);
    expect((await p.client.post("/api/invitations/accept", { token: projectToken })).json).toEqual({
      kind: "project",
      targetId: w.project.id,
    });
  });

  it("answers 410 for tokens that are unknown, used, declined or expired", async () => {
    const w = await inviter();
    const gone = async (token: string) => {
      await storesNothing(t, async () => {
        expectError(
          await new Client(t).post("/api/invitations/preview", { token }),
          410,
          "invitation_expired",
        );
      });
    };
    await gone("x".repeat(43));
    await gone("unknown-but-long-enough");

    const used = uniqueEmail("used");
    await w.toOrganisation(used);
    const usedToken = inviteToken(t, used);
    await (await person(t, "User", { email: used })).client.post("/api/invitations/accept", {
      token: usedToken,
    });
    await gone(usedToken);

    const declined = uniqueEmail("declined");
    await w.toOrganisation(declined);
    const declinedToken = inviteToken(t, declined);
    const decliner = await person(t, "Decliner", { email: declined });
    expect((await decliner.client.post("/api/invitations/decline", { token: declinedToken })).json).toEqual({
      ok: true,
    });
    await gone(declinedToken);

    const expired = uniqueEmail("expired");
    await w.toOrganisation(expired);
    const expiredToken = inviteToken(t, expired);
    await later(t, 7, () => gone(expiredToken));
  });

  it("refuses malformed tokens with field codes", async () => {
    const send = (body: unknown) => new Client(t).post("/api/invitations/preview", body);
    const valid = { token: "a-token-of-some-length" };
    await expectRefusedBodies(t, send, [
      ...badBodies(valid, "token"),
      [{}, { token: "required" }],
      [{ token: "short" }, { token: "too_short" }],
      [{ token: "          " }, { token: "too_short" }],
    ]);
  });
});

describe("my invitations", () => {
  it("lists what is addressed to my (confirmed) address and to organisations I administer", async () => {
    const w = await inviter();
    const email = uniqueEmail("me");
    const second = () => {
      // the list is newest first; the test clock stands still unless moved
      t.clock.now = new Date(t.clock.now.getTime() + 1000);
    };
    await w.toOrganisation(email);
    second();
    await w.toProject(email, "viewer");
    second();
    const me = await verifiedPerson(email);
    const mine = await createOrganisation(me.client, { name: "Meine Bühne" });
    await w.toNetwork({ organisationId: mine.id });
    await w.toOrganisation(uniqueEmail("someone-else"));

    const list = (await me.client.get("/api/invitations")).json.invitations as Array<Record<string, any>>;
    expect(list.map((i) => [i.kind, i.target.name])).toEqual([
      ["network", "Netzwerk Nord"],
      ["project", "Hoffest"],
      ["organisation", "Kulturhaus Nord"],
    ]);
    expect(list[0]).toMatchObject({ email: "", invitedOrganisation: { id: mine.id, name: "Meine Bühne" } });

    // accept one and decline one by id; they leave the list
    const [network, project, organisation] = list;
    expect((await me.client.post(`/api/invitations/${organisation?.id}/accept`, {})).json).toEqual({
      kind: "organisation",
      targetId: w.org.id,
    });
    expect((await me.client.post(`/api/invitations/${project?.id}/decline`)).json).toEqual({ ok: true });
    expect(
      (await w.owner.client.get(`/api/projects/${w.project.id}/invitations`)).json.invitations.map(
        (i: { state: string }) => i.state,
      ),
    ).toEqual(["declined"]);
    expectError(
      await me.client.post(`/api/invitations/${project?.id}/accept`, {}),
      410,
      "invitation_expired",
    );
    expect(
      (await me.client.get("/api/invitations")).json.invitations.map((i: { id: string }) => i.id),
    ).toEqual([network?.id]);
    // expired invitations are not listed
    await later(t, 8, async () => {
      expect((await me.client.get("/api/invitations")).json.invitations).toEqual([]);
    });
    expect(
      (await me.client.post(`/api/invitations/${network?.id}/accept`, { organisationId: mine.id })).json,
    ).toEqual({ kind: "network", targetId: w.net.id });
  });

  it("someone else's invitation is not found, by id or in the list", async () => {
    const w = await inviter();
    const email = uniqueEmail("theirs");
    const theirs = await w.toOrganisation(email);
    const stranger = await verifiedPerson(uniqueEmail("stranger"), "Stranger");
    expect((await stranger.client.get("/api/invitations")).json.invitations).toEqual([]);
    await storesNothing(t, async () => {
      expectError(await stranger.client.post(`/api/invitations/${theirs.id}/accept`, {}), 404, "not_found");
      expectError(await stranger.client.post(`/api/invitations/${theirs.id}/decline`), 404, "not_found");
      expectError(await stranger.client.post(`/api/invitations/${NO_SUCH_ID}/accept`, {}), 404, "not_found");
      expectError(await stranger.client.post("/api/invitations/not-a-uuid/decline"), 404, "not_found");
      const token = inviteToken(t, email);
      expectError(
        await stranger.client.post("/api/invitations/decline", { token }),
        403,
        "invitation_wrong_account",
      );
    });
    expect((await w.owner.client.get(`/api/organisations/${w.org.id}/invitations`)).json.invitations).toEqual(
      [expect.objectContaining({ id: theirs.id, state: "pending" })],
    );
  });

  it("an unconfirmed account with the invited address needs the mailed link", async () => {
    const w = await inviter();
    const email = uniqueEmail("squatter");
    const invitation = await w.toOrganisation(email, "admin");
    const token = inviteToken(t, email);
    // someone signs up with the address but never confirms it: the invitation stays out of reach
    const unconfirmed = await person(t, "Not Really Them", { email }, { confirmed: false });
    expect((await unconfirmed.client.get("/api/invitations")).json.invitations).toEqual([]);
    await storesNothing(t, async () => {
      expectError(
        await unconfirmed.client.post(`/api/invitations/${invitation.id}/accept`, {}),
        404,
        "not_found",
      );
      expectError(
        await unconfirmed.client.post(`/api/invitations/${invitation.id}/decline`),
        404,
        "not_found",
      );
    });
    expectError(await unconfirmed.client.get(`/api/organisations/${w.org.id}`), 404, "not_found");
    // the link proves the address
    expect((await unconfirmed.client.post("/api/invitations/accept", { token })).status).toBe(200);
    expect((await unconfirmed.client.get("/api/account/me")).json.user.emailVerified).toBe(true);
  });

  it("refuses bad bodies for accepting by token and by id", async () => {
    const { client } = await verifiedPerson(uniqueEmail());
    await expectRefusedBodies(t, (body) => client.post("/api/invitations/accept", body), [
      ...badBodies({ token: "a-token-of-some-length" }, "token"),
      [{ token: "a-token-of-some-length", organisationId: "abc" }, { organisationId: "invalid_format" }],
    ]);
    await expectRefusedBodies(t, (body) => client.post("/api/invitations/decline", body), [
      ...badBodies({ token: "a-token-of-some-length" }, "token"),
    ]);
    await expectRefusedBodies(t, (body) => client.post(`/api/invitations/${NO_SUCH_ID}/accept`, body), [
      ...badBodies({ organisationId: NO_SUCH_ID }, "organisationId").slice(0, 2),
      [{ organisationId: "x".repeat(10_000) }, { organisationId: "invalid_format" }],
      [{ organisationId: 5 }, { organisationId: "invalid_type" }],
    ]);
  });

  it("accepting the same link twice at once makes one membership", async () => {
    const w = await inviter();
    const email = uniqueEmail("twice");
    await w.toOrganisation(email);
    const token = inviteToken(t, email);
    const p = await person(t, "Twice", { email });
    const members = await t.rowCount("organisation_members");
    const both = await Promise.all([
      p.client.post("/api/invitations/accept", { token }),
      p.client.post("/api/invitations/accept", { token }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 410]);
    expect(await t.rowCount("organisation_members")).toBe(members + 1);
  });

  it("every route but the preview answers 401 without a session", async () => {
    const w = await inviter();
    const email = uniqueEmail("anon");
    const invitation = await w.toOrganisation(email);
    const token = inviteToken(t, email);
    await expectAllUnauthenticated(t, [
      ["GET", "/api/invitations"],
      ["POST", "/api/invitations/accept", { token }],
      ["POST", "/api/invitations/decline", { token }],
      ["POST", `/api/invitations/${invitation.id}/accept`, {}],
      ["POST", `/api/invitations/${invitation.id}/decline`],
    ]);
    expect((await new Client(t).post("/api/invitations/preview", { token })).status).toBe(200);
  });
});

describe("an invitation carries its sender's authority", () => {
  it("is void once the sender was removed or demoted (security review)", async () => {
    const world = await inviter();
    // an admin invites a second address of their own as admin, then loses their place
    const admin = await person(t, "Ada Admin");
    await world.owner.client.post(`/api/organisations/${world.org.id}/invitations`, {
      email: admin.email,
      role: "admin",
    });
    expect(
      (await admin.client.post("/api/invitations/accept", { token: inviteToken(t, admin.email) })).status,
    ).toBe(200);
    const second = uniqueEmail("second");
    expect(
      (
        await admin.client.post(`/api/organisations/${world.org.id}/invitations`, {
          email: second,
          role: "admin",
        })
      ).status,
    ).toBe(201);
    const token = inviteToken(t, second);
    expect(
      (await world.owner.client.delete(`/api/organisations/${world.org.id}/members/${admin.user.id}`)).status,
    ).toBe(200);
    const sock = await person(t, "Sock Puppet", { email: second });
    await storesNothing(t, async () => {
      expectError(await sock.client.post("/api/invitations/accept", { token }), 410, "invitation_expired");
    });
    expect((await sock.client.get(`/api/organisations/${world.org.id}`)).status).toBe(404);
  });

  it("waits while the project is archived, and works once it is active again", async () => {
    const world = await inviter();
    const email = uniqueEmail("later");
    await world.toProject(email, "viewer");
    const token = inviteToken(t, email);
    expect((await world.owner.client.post(`/api/projects/${world.project.id}/archive`)).status).toBe(200);
    const p = await person(t, "Paula Later", { email });
    await storesNothing(t, async () => {
      expectError(await p.client.post("/api/invitations/accept", { token }), 409, "project_archived");
    });
    expect((await world.owner.client.post(`/api/projects/${world.project.id}/unarchive`)).status).toBe(200);
    expect((await p.client.post("/api/invitations/accept", { token })).status).toBe(200);
  });
});

describe("who may send invitations", () => {
  it("only people with a confirmed address: no mail goes out before (security review)", async () => {
    const owner = await person(t, "Uwe Unconfirmed", {}, { confirmed: false });
    const org = await createOrganisation(owner.client, { name: "Neu gegründet" });
    const net = (await owner.client.post("/api/networks", { organisationId: org.id, name: "Netz Neu" })).json
      .network;
    const project = (await owner.client.post("/api/projects", { organisationId: org.id, name: "Start" })).json
      .project;
    const mailsBefore = t.mails().length;
    await storesNothing(t, async () => {
      for (const [path, body] of [
        [`/api/organisations/${org.id}/invitations`, { email: uniqueEmail(), role: "member" }],
        [`/api/networks/${net.id}/invitations`, { email: uniqueEmail() }],
        [`/api/projects/${project.id}/invitations`, { email: uniqueEmail(), role: "viewer" }],
      ] as const) {
        expectError(await owner.client.post(path, body), 403, "email_unverified");
      }
      expectError(await owner.client.get("/api/organisations/search?q=Ne"), 403, "email_unverified");
    });
    expect(t.mails().length).toBe(mailsBefore);
  });

  it("mails subjects without text anyone chose", async () => {
    const world = await inviter();
    const email = uniqueEmail("subject");
    await world.toOrganisation(email);
    const mail = t.mails(email).at(-1);
    expect(mail?.subject).toBe("Deine Einladung zu Ensemble");
  });
});

describe("one invitation per recipient", () => {
  it("keeps one row and one valid link when the same address is invited four times at once (security review)", async () => {
    const world = await inviter();
    const email = uniqueEmail("many");
    const before = await t.rowCount("invitations");
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        world.owner.client.post(`/api/organisations/${world.org.id}/invitations`, { email, role: "member" }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(await t.rowCount("invitations")).toBe(before + 1);
    const tokens = t
      .mails(email)
      .map((m) => m.text.match(/\/invite\/([A-Za-z0-9]+)/)?.[1])
      .filter((x): x is string => Boolean(x));
    const p = await person(t, "Mia Many", { email }, { confirmed: false });
    const results = [];
    for (const token of tokens) {
      results.push((await p.client.post("/api/invitations/accept", { token })).status);
    }
    expect(results.filter((s) => s === 200)).toHaveLength(1);
  });
});
