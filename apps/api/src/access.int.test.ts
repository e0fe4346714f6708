import { loadNetworkSubject, loadOrganisationSubject, loadProjectSubject } from "@ensemble/access/load";
import {
  type Actor,
  boardActions,
  can,
  commentActions,
  documentActions,
  networkActions,
  organisationActions,
  projectActions,
  type Subject,
  taskActions,
  taskCommentActions,
  templateActions,
} from "@ensemble/access/policy";
import type { AccessRevocation } from "@ensemble/access/revocations";
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, signUp, type TestApp, useTestApp } from "./test/harness.ts";
import { inviteToken } from "./test/invitations.ts";

const t = useTestApp();

type Persona = "kOwner" | "kAdmin" | "kMember" | "pAdmin" | "pMember" | "tMember" | "guest" | "ex" | "oOwner";
const personas: Persona[] = [
  "kOwner",
  "kAdmin",
  "kMember",
  "pAdmin",
  "pMember",
  "tMember",
  "guest",
  "ex",
  "oOwner",
];

const people = {} as Record<Persona, { client: Client; id: string; email: string }>;
const ids = {} as Record<"K" | "P" | "T" | "O" | "N" | "N2" | "NP" | "KP" | "AP", string>;

function ok<T extends { status: number; text: string }>(res: T): T {
  if (res.status >= 300) {
    throw new Error(`setup step failed: ${res.status} ${res.text}`);
  }
  return res;
}

async function join(
  app: TestApp,
  inviter: Client,
  path: string,
  who: Persona,
  body: Record<string, unknown>,
) {
  ok(await inviter.post(path, { email: people[who].email, ...body }));
  ok(
    await people[who].client.post("/api/invitations/accept", { token: inviteToken(app, people[who].email) }),
  );
}

/**
 * The scenario: a Kulturamt (K) coordinates network N with partner P; T is a third organisation
 * outside N; O an outsider with its own network N2; a guest belongs to no organisation; "ex" was
 * a member of K and editor of K's project, then removed.
 */
beforeAll(async () => {
  for (const p of personas) {
    const s = await signUp(t, {}, { confirmed: true });
    people[p] = { client: s.client, id: s.user.id, email: s.email };
  }
  const k = people.kOwner.client;
  ids.K = ok(
    await k.post("/api/organisations", { name: "Kulturamt", kind: "municipality" }),
  ).json.organisation.id;
  await join(t, k, `/api/organisations/${ids.K}/invitations`, "kAdmin", { role: "admin" });
  await join(t, k, `/api/organisations/${ids.K}/invitations`, "kMember", { role: "member" });
  await join(t, k, `/api/organisations/${ids.K}/invitations`, "ex", { role: "member" });
  ids.P = ok(
    await people.pAdmin.client.post("/api/organisations", { name: "Partner", kind: "venue" }),
  ).json.organisation.id;
  await join(t, people.pAdmin.client, `/api/organisations/${ids.P}/invitations`, "pMember", {
    role: "member",
  });
  ids.T = ok(
    await people.tMember.client.post("/api/organisations", { name: "Dritte", kind: "collective" }),
  ).json.organisation.id;
  ids.O = ok(
    await people.oOwner.client.post("/api/organisations", { name: "Außen", kind: "company" }),
  ).json.organisation.id;
  ids.N2 = ok(
    await people.oOwner.client.post("/api/networks", { organisationId: ids.O, name: "Anderes Netz" }),
  ).json.network.id;
  ids.N = ok(await k.post("/api/networks", { organisationId: ids.K, name: "Kulturnetz" })).json.network.id;
  const inv = ok(await k.post(`/api/networks/${ids.N}/invitations`, { organisationId: ids.P })).json
    .invitation;
  ok(await people.pAdmin.client.post(`/api/invitations/${inv.id}/accept`, { organisationId: ids.P }));

  ids.NP = ok(
    await people.pAdmin.client.post("/api/projects", { networkId: ids.N, name: "Festival" }),
  ).json.project.id;
  await join(t, people.pAdmin.client, `/api/projects/${ids.NP}/invitations`, "tMember", { role: "editor" });
  await join(t, people.pAdmin.client, `/api/projects/${ids.NP}/invitations`, "guest", { role: "viewer" });

  ids.KP = ok(await k.post("/api/projects", { organisationId: ids.K, name: "Förderantrag" })).json.project.id;
  await join(t, k, `/api/projects/${ids.KP}/invitations`, "ex", { role: "editor" });
  ids.AP = ok(
    await people.kMember.client.post("/api/projects", { organisationId: ids.K, name: "Archiv" }),
  ).json.project.id;
  ok(await people.kMember.client.post(`/api/projects/${ids.AP}/archive`));
  ok(await k.delete(`/api/organisations/${ids.K}/members/${people.ex.id}`));
});

const all = {
  organisation: organisationActions,
  network: networkActions,
  project: projectActions,
  document: documentActions,
  comment: commentActions,
  template: templateActions,
  board: boardActions,
  task: taskActions,
  task_comment: taskCommentActions,
};
const adminOrg = all.organisation.filter((a) => a !== "transfer_ownership");
const memberOrg = ["read", "create_project", "leave"] as const;
const partnerNet = ["read", "create_project"] as const;
const lead = ["read", "update", "archive", "delete", "manage_members", "edit_content", "leave"] as const;
const ownerAdmin = lead.filter((a) => a !== "leave");
const archivedLead = ["read", "unarchive", "delete", "leave"] as const;
const archivedOwnerAdmin = ["read", "unarchive", "delete"] as const;

/** Who may do what to which resource; anything not listed is refused. */
const expected: Record<keyof typeof ids, Partial<Record<Persona, readonly string[]>>> = {
  K: { kOwner: all.organisation, kAdmin: adminOrg, kMember: memberOrg },
  P: { pAdmin: all.organisation, pMember: memberOrg },
  T: { tMember: all.organisation },
  O: { oOwner: all.organisation },
  N: {
    kOwner: all.network,
    kAdmin: all.network,
    kMember: partnerNet,
    pAdmin: partnerNet,
    pMember: partnerNet,
  },
  N2: { oOwner: all.network },
  // the coordinator's admins act as leads of every network project, so it can always be managed
  NP: {
    pAdmin: lead,
    tMember: ["read", "edit_content", "leave"],
    guest: ["read", "leave"],
    kOwner: ownerAdmin,
    kAdmin: ownerAdmin,
  },
  KP: { kOwner: lead, kAdmin: ownerAdmin },
  AP: { kMember: archivedLead, kOwner: archivedOwnerAdmin, kAdmin: archivedOwnerAdmin },
};

async function load(actor: Actor, key: keyof typeof ids): Promise<Subject | null> {
  const db = t.deps.db;
  if (key === "K" || key === "P" || key === "T" || key === "O") {
    return loadOrganisationSubject(db, actor, ids[key]);
  }
  if (key === "N" || key === "N2") {
    return loadNetworkSubject(db, actor, ids[key]);
  }
  return loadProjectSubject(db, actor, ids[key]);
}

describe("the access matrix on real data", () => {
  it("grants exactly the expected actions to every person on every resource", async () => {
    const mismatches: string[] = [];
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
      for (const persona of personas) {
        const actor = { userId: people[persona].id };
        const subject = await load(actor, key);
        expect(subject, key).not.toBeNull();
        if (!subject) {
          continue;
        }
        const allowed = expected[key][persona] ?? [];
        for (const action of all[subject.kind]) {
          const got = can(actor, action as never, subject);
          if (got !== allowed.includes(action)) {
            mismatches.push(`${persona} ${got ? "may" : "may not"} ${action} on ${key}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("the same rules over HTTP", () => {
  it("shows resources to those who may read them and answers 404 to everyone else", async () => {
    const paths: Record<string, string> = {
      K: `/api/organisations/${ids.K}`,
      P: `/api/organisations/${ids.P}`,
      N: `/api/networks/${ids.N}`,
      NP: `/api/projects/${ids.NP}`,
      KP: `/api/projects/${ids.KP}`,
      AP: `/api/projects/${ids.AP}`,
    };
    const wrong: string[] = [];
    for (const [key, path] of Object.entries(paths)) {
      for (const persona of personas) {
        const reads = (expected[key as keyof typeof ids][persona] ?? []).includes("read");
        const status = (await people[persona].client.get(path)).status;
        if (status !== (reads ? 200 : 404)) {
          wrong.push(`${persona} GET ${key}: ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lets a guest viewer read but not change a network project, and the refusal changes nothing", async () => {
    const guest = people.guest.client;
    const before = await t.rowCount("project_members");
    expect((await guest.patch(`/api/projects/${ids.NP}`, { name: "Gekapert" })).status).toBe(403);
    expect(
      (await guest.post(`/api/projects/${ids.NP}/invitations`, { email: "x@example.org", role: "lead" }))
        .status,
    ).toBe(403);
    expect(
      (await guest.patch(`/api/projects/${ids.NP}/members/${people.guest.id}`, { role: "lead" })).status,
    ).toBe(403);
    const project = (await guest.get(`/api/projects/${ids.NP}`)).json.project;
    expect(project.name).toBe("Festival");
    expect(project.abilities).toMatchObject({ update: false, manageMembers: false, editContent: false });
    expect(await t.rowCount("project_members")).toBe(before);
    const members = (await guest.get(`/api/projects/${ids.NP}/members`)).json.members;
    expect(members.find((m: { isMe: boolean }) => m.isMe)).toMatchObject({ role: "viewer", guest: true });
  });

  it("keeps archived projects read-only, even for their lead", async () => {
    const res = await people.kMember.client.patch(`/api/projects/${ids.AP}`, { name: "Neu" });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("project_archived");
    expect((await people.kMember.client.get(`/api/projects/${ids.AP}`)).json.project.name).toBe("Archiv");
  });

  it("keeps a member of an organisation outside the network out of the network, though they edit one of its projects", async () => {
    const tm = people.tMember.client;
    expect((await tm.get(`/api/networks/${ids.N}`)).status).toBe(404);
    expect((await tm.get(`/api/networks/${ids.N}/directory`)).status).toBe(404);
    expect((await tm.post("/api/projects", { networkId: ids.N, name: "Eingeschmuggelt" })).status).toBe(404);
    expect((await tm.get(`/api/projects/${ids.NP}`)).status).toBe(200);
  });

  it("keeps the coordinator's people out of a partner's own organisation", async () => {
    expect((await people.kOwner.client.get(`/api/organisations/${ids.P}/members`)).status).toBe(404);
    expect(
      (await people.kOwner.client.patch(`/api/organisations/${ids.P}`, { name: "Übernommen" })).status,
    ).toBe(404);
  });

  it("cuts a removed member off at once and tells every live connection", async () => {
    const ex = people.ex.client;
    expect((await ex.get(`/api/organisations/${ids.K}`)).status).toBe(404);
    expect((await ex.get(`/api/projects/${ids.KP}`)).status).toBe(404);
    expect((await ex.get("/api/projects")).json.projects).toEqual([]);

    const seen: AccessRevocation[] = [];
    const stop = t.deps.revocations.subscribe((r) => seen.push(r));
    try {
      await join(t, people.kOwner.client, `/api/organisations/${ids.K}/invitations`, "ex", {
        role: "member",
      });
      await join(t, people.kOwner.client, `/api/projects/${ids.KP}/invitations`, "ex", { role: "editor" });
      expect((await ex.get(`/api/projects/${ids.KP}`)).status).toBe(200);
      ok(await people.kOwner.client.delete(`/api/organisations/${ids.K}/members/${people.ex.id}`));
      await expect
        .poll(() => seen.map((r) => `${r.userId} ${r.scope.kind} ${r.scope.id}`).sort())
        .toEqual([`${people.ex.id} organisation ${ids.K}`, `${people.ex.id} project ${ids.KP}`].sort());
      expect((await ex.get(`/api/projects/${ids.KP}`)).status).toBe(404);
    } finally {
      stop();
    }
  });

  it("ends places in network projects that came through a partner organisation, and keeps everyone else's", async () => {
    const seen: AccessRevocation[] = [];
    const stop = t.deps.revocations.subscribe((r) => seen.push(r));
    try {
      // a partner's member joins the network project, then leaves the partner organisation
      await join(t, people.pAdmin.client, `/api/projects/${ids.NP}/invitations`, "pMember", {
        role: "editor",
      });
      expect((await people.pMember.client.get(`/api/projects/${ids.NP}`)).status).toBe(200);
      ok(await people.pMember.client.post(`/api/organisations/${ids.P}/leave`));
      expect((await people.pMember.client.get(`/api/projects/${ids.NP}`)).status).toBe(404);
      await expect
        .poll(() => seen.some((r) => r.userId === people.pMember.id && r.scope.id === ids.NP))
        .toBe(true);

      // the coordination removes the partner: its admin loses the project it leads
      ok(await people.kOwner.client.delete(`/api/networks/${ids.N}/partners/${ids.P}`));
      expect((await people.pAdmin.client.get(`/api/projects/${ids.NP}`)).status).toBe(404);
      expect(
        (await people.pAdmin.client.patch(`/api/projects/${ids.NP}`, { name: "Mitgenommen" })).status,
      ).toBe(404);
      await expect
        .poll(() => seen.some((r) => r.userId === people.pAdmin.id && r.scope.id === ids.NP))
        .toBe(true);
      // the coordination still manages it; the third organisation's editor and the guest stay
      const asCoordinator = (await people.kAdmin.client.get(`/api/projects/${ids.NP}`)).json.project;
      expect(asCoordinator.abilities).toMatchObject({ manageMembers: true, update: true });
      expect((await people.tMember.client.get(`/api/projects/${ids.NP}`)).status).toBe(200);
      expect((await people.guest.client.get(`/api/projects/${ids.NP}`)).status).toBe(200);
    } finally {
      stop();
    }
  });
});
