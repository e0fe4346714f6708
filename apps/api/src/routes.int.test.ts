import { beforeAll, describe, expect, it } from "vitest";
import { Client, ORIGIN, signUp, type TestApp, useTestApp } from "./test/harness.ts";
import { inviteToken } from "./test/invitations.ts";
import { type RouteRule, routeAccess } from "./test/route-access.ts";
import { TABLES } from "./test/tenancy.ts";

const t = useTestApp();

/** Every registered API route once, as "METHOD /api/path" (middleware and the catch-all left out). */
function registeredRoutes(app: TestApp["app"]): string[] {
  const keys = app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api"))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

async function snapshot(app: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = await app.rowCount(table);
  }
  counts.mails = app.mails().length;
  return counts;
}

/** Accepts the last invitation mailed to `email` as that person (a new account). */
async function acceptAsNewUser(app: TestApp, email: string, body: Record<string, unknown> = {}) {
  const person = await signUp(app, { email });
  const token = inviteToken(app, email);
  const res = await person.client.post("/api/invitations/accept", { token, ...body });
  expect(res.status).toBe(200);
  return person;
}

interface Victim {
  organisation: string;
  network: string;
  project: string;
  partner: string;
  bob: string;
  carol: string;
  item: string;
  invitations: { organisation: string; network: string; project: string };
  document: string;
  folder: string;
  template: string;
  version: string;
  thread: string;
  comment: string;
  board: string;
  column: string;
  task: string;
  label: string;
  checklistItem: string;
  taskComment: string;
}

let victim: Victim;
let eve: Client;
let owner: Client;

/** Fails the setup loudly when a step did not work (else the walk would test nonsense paths). */
function ok<T extends { status: number; text: string }>(res: T): T {
  if (res.status >= 300) {
    throw new Error(`setup step failed: ${res.status} ${res.text}`);
  }
  return res;
}

beforeAll(async () => {
  const alice = await signUp(t, {}, { confirmed: true });
  const org = ok(
    await alice.client.post("/api/organisations", { name: "Kulturamt Bochum", kind: "municipality" }),
  );
  const organisation = org.json.organisation.id as string;
  ok(
    await alice.client.post(`/api/organisations/${organisation}/invitations`, {
      email: "bob@example.org",
      role: "member",
    }),
  );
  const bob = await acceptAsNewUser(t, "bob@example.org");
  const net = ok(
    await alice.client.post("/api/networks", { organisationId: organisation, name: "Kulturnetz Mitte" }),
  );
  const network = net.json.network.id as string;

  const dave = await signUp(t, {}, { confirmed: true });
  const partnerOrg = ok(
    await dave.client.post("/api/organisations", { name: "Theater am Fluss", kind: "venue" }),
  );
  const partner = partnerOrg.json.organisation.id as string;
  const invited = ok(
    await alice.client.post(`/api/networks/${network}/invitations`, { organisationId: partner }),
  );
  ok(
    await dave.client.post(`/api/invitations/${invited.json.invitation.id}/accept`, {
      organisationId: partner,
    }),
  );

  const proj = ok(
    await alice.client.post("/api/projects", { organisationId: organisation, name: "Förderantrag 2027" }),
  );
  const project = proj.json.project.id as string;
  ok(
    await alice.client.post(`/api/projects/${project}/invitations`, {
      email: "carol@example.org",
      role: "viewer",
    }),
  );
  const carol = await acceptAsNewUser(t, "carol@example.org");

  const orgInv = ok(
    await alice.client.post(`/api/organisations/${organisation}/invitations`, {
      email: "pending@example.org",
      role: "member",
    }),
  );
  const netInv = ok(
    await alice.client.post(`/api/networks/${network}/invitations`, { email: "future@example.org" }),
  );
  const projInv = ok(
    await alice.client.post(`/api/projects/${project}/invitations`, {
      email: "p-pending@example.org",
      role: "editor",
    }),
  );
  const onboarding = ok(await alice.client.get(`/api/networks/${network}/onboarding`));
  const folder = ok(await alice.client.post(`/api/projects/${project}/folders`, { name: "Anträge" }));
  const document = ok(
    await alice.client.post(`/api/projects/${project}/documents`, {
      title: "Antrag",
      folderId: folder.json.folder.id,
    }),
  ).json.document.id as string;
  const version = ok(await alice.client.post(`/api/documents/${document}/versions`, { name: "Eingereicht" }))
    .json.version.id as string;
  const opened = ok(
    await alice.client.post(`/api/documents/${document}/threads`, {
      id: "00000000-0000-4000-8000-00000000000a",
      quote: "",
      body: "Passt das?",
    }),
  ).json.thread;
  const thread = opened.id as string;
  const saved = ok(
    await alice.client.post(`/api/documents/${document}/save-as-template`, {
      name: "Vorlage",
      owner: { kind: "organisation", id: organisation },
    }),
  );
  const board = ok(await alice.client.post(`/api/projects/${project}/boards`, { name: "Planung" })).json
    .board;
  const column = board.columns[0].id as string;
  const label = ok(
    await alice.client.post(`/api/projects/${project}/labels`, { name: "Presse", color: "#336699" }),
  ).json.label.id as string;
  const task = ok(
    await alice.client.post(`/api/boards/${board.id}/tasks`, {
      columnId: column,
      title: "Plakate",
      labelIds: [label],
    }),
  ).json.task.id as string;
  const checklistItem = ok(await alice.client.post(`/api/tasks/${task}/checklist`, { text: "Entwurf" })).json
    .task.checklistItems[0].id as string;
  const taskComment = ok(await alice.client.post(`/api/tasks/${task}/comments`, { body: "Bis Freitag?" }))
    .json.comment.id as string;
  ok(await alice.client.request("PUT", `/api/tasks/${task}/documents/${document}`));
  owner = alice.client;
  victim = {
    organisation,
    network,
    project,
    partner,
    bob: bob.user.id,
    carol: carol.user.id,
    item: onboarding.json.checklist[0].id,
    invitations: {
      organisation: orgInv.json.invitation.id,
      network: netInv.json.invitation.id,
      project: projInv.json.invitation.id,
    },
    document,
    folder: folder.json.folder.id,
    template: saved.json.template.id,
    version,
    thread,
    comment: opened.comments[0].id,
    board: board.id,
    column,
    task,
    label,
    checklistItem,
    taskComment,
  };

  // the stranger: signed in, with an organisation, network and project of her own
  const stranger = await signUp(t, {}, { confirmed: true });
  eve = stranger.client;
  const own = ok(await eve.post("/api/organisations", { name: "Freie Szene e.V.", kind: "association" }));
  ok(await eve.post("/api/networks", { organisationId: own.json.organisation.id, name: "Anderes Netz" }));
  const ownProject = ok(
    await eve.post("/api/projects", { organisationId: own.json.organisation.id, name: "Eigenes Projekt" }),
  );
  ok(await eve.post(`/api/projects/${ownProject.json.project.id}/documents`, { title: "Eigenes Dokument" }));
});

/** The concrete path for a rule, with the victim's ids in place of the parameters. */
function pathFor(route: string, rule: RouteRule): string {
  const [, pattern = ""] = route.split(" ");
  const scope = "scope" in rule ? rule.scope : undefined;
  const ids: Record<string, string> = {
    organisation: victim.organisation,
    network: victim.network,
    document: victim.document,
    folder: victim.folder,
    template: victim.template,
    board: victim.board,
    column: victim.column,
    task: victim.task,
    label: victim.label,
    "checklist-item": victim.checklistItem,
    "task-comment": victim.taskComment,
  };
  const id = (scope && ids[scope]) ?? victim.project;
  const invitation =
    scope === "organisation"
      ? victim.invitations.organisation
      : scope === "project"
        ? victim.invitations.project
        : victim.invitations.network;
  return pattern
    .replace(":userId", scope === "project" ? victim.carol : victim.bob)
    .replace(":invitationId", invitation)
    .replace(":organisationId", victim.partner)
    .replace(":itemId", victim.item)
    .replace(":versionId", victim.version)
    .replace(":threadId", victim.thread)
    .replace(":commentId", victim.comment)
    .replace(":documentId", victim.document)
    .replace(":id", id);
}

function bodyFor(rule: RouteRule): unknown {
  if (!("scope" in rule) || rule.body === undefined) {
    return undefined;
  }
  return JSON.parse(
    JSON.stringify(rule.body)
      .replace('":userId"', JSON.stringify(victim.bob))
      .replace('":columnId"', JSON.stringify(victim.column)),
  );
}

describe("the route walk", () => {
  it("lists every registered route in the access table, and nothing else", () => {
    const registered = registeredRoutes(t.app);
    const listed = Object.keys(routeAccess).sort();
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((r) => !registered.includes(r))).toEqual([]);
  });

  it("refuses every route but the public ones without a session, and stores nothing", async () => {
    const before = await snapshot(t);
    const anonymous = new Client(t);
    const answered: Record<string, number> = {};
    for (const [route, rule] of Object.entries(routeAccess)) {
      if ("public" in rule) {
        continue;
      }
      const [method = "GET"] = route.split(" ");
      const res = await anonymous.request(
        method,
        pathFor(route, rule),
        method === "GET" ? undefined : (bodyFor(rule) ?? {}),
      );
      answered[route] = res.status;
    }
    expect(Object.entries(answered).filter(([, status]) => status !== 401)).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it("answers 404 to a signed-in stranger on every route of another organisation's resources, and changes nothing", async () => {
    const before = await snapshot(t);
    const answered: Record<string, number> = {};
    for (const [route, rule] of Object.entries(routeAccess)) {
      if (!("scope" in rule)) {
        continue;
      }
      const [method = "GET"] = route.split(" ");
      const path = pathFor(route, rule) + ("query" in rule && rule.query ? `?${rule.query}` : "");
      const res = await eve.request(method, path, method === "GET" ? undefined : (bodyFor(rule) ?? {}));
      answered[route] = res.status;
    }
    expect(Object.entries(answered).filter(([, status]) => status !== 404)).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it("uses real paths: the owner reads every scoped route the walk sends the stranger to", async () => {
    for (const [route, rule] of Object.entries(routeAccess)) {
      if (!("scope" in rule) || !route.startsWith("GET ")) {
        continue;
      }
      const path = pathFor(route, rule) + ("query" in rule && rule.query ? `?${rule.query}` : "");
      expect((await owner.get(path)).status, route).toBe(200);
    }
  });

  it("answers 404 for ids that are not ids at all", async () => {
    for (const path of [
      "/api/organisations/not-a-uuid",
      "/api/networks/1%20or%201=1",
      "/api/projects/..%2f..%2fetc",
      `/api/projects/${"x".repeat(300)}`,
    ]) {
      const res = await eve.get(path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
  });

  it("checks the session before anything else, even on a public-looking origin", async () => {
    const res = await t.app.request(`/api/projects/${victim.project}`, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(401);
  });
});
