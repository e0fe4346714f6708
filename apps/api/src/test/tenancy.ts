import type { Database } from "@ensemble/db/schema";
import { expect } from "vitest";
import { Client, signUp, type TestApp, uniqueEmail } from "./harness.ts";

/** A signed-up, signed-in person. */
export type Person = Awaited<ReturnType<typeof signUp>>;
/** What a Client request answers. */
export type Res = Awaited<ReturnType<Client["request"]>>;
/** One request of a route table: method, path and (for unsafe methods) a valid body. */
export type RouteCall = [method: string, path: string, body?: unknown];
/** A refused body and the field codes it must answer with. */
export type BadBody = [body: unknown, fields: Record<string, string>];

/** The tables that belong to a tenant (organisation, network or project). */
export const TENANT_TABLES = [
  "organisation_members",
  "networks",
  "network_partners",
  "network_checklist_items",
  "network_checklist_checks",
  "projects",
  "project_members",
  "invitations",
  "audit_events",
  "document_folders",
  "documents",
  "document_snapshots",
  "document_updates",
  "document_versions",
  "document_threads",
  "document_comments",
  "document_templates",
  "boards",
  "board_columns",
  "task_labels",
  "tasks",
  "task_assignees",
  "task_label_links",
  "task_checklist_items",
  "task_document_links",
  "task_comments",
  "task_activity",
] as const satisfies readonly (keyof Database)[];

/** Every table a route may write to: the accounts, the organisations and the tenants' tables. */
export const TABLES = [
  "users",
  "sessions",
  "email_tokens",
  "organisations",
  ...TENANT_TABLES,
] as const satisfies readonly (keyof Database)[];

/** How many rows each tenancy table has now. */
export async function snapshot(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    out[table] = await t.rowCount(table);
  }
  return out;
}

/** Runs `act` and expects that no tenancy table gained or lost a row. */
export async function storesNothing(t: TestApp, act: () => Promise<unknown>): Promise<void> {
  const before = await snapshot(t);
  await act();
  expect(await snapshot(t)).toEqual(before);
}

/** Expects an error answer with this status and code. */
export function expectError(res: Res, status: number, code: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.json?.error?.code, res.text).toBe(code);
}

/**
 * Signs a new person up (with a display name that shows in members lists and audit events),
 * with a confirmed address unless told otherwise.
 */
export function person(
  t: TestApp,
  displayName = "Test Person",
  overrides: Record<string, unknown> = {},
  options: { confirmed?: boolean } = {},
) {
  return signUp(t, { displayName, ...overrides }, { confirmed: options.confirmed ?? true });
}

/** The token of the last invitation link (`<PUBLIC_URL>/invite/<token>`) mailed to `to`. */
export function inviteToken(t: TestApp, to: string): string {
  const link = t.lastLink(to, "/invite/");
  expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{20,}$/);
  return link.slice(link.lastIndexOf("/") + 1);
}

/** Creates an organisation as `client` (201) and answers it. */
export async function createOrganisation(
  client: Client,
  body: Record<string, unknown> = {},
): Promise<Record<string, any> & { id: string; name: string }> {
  const res = await client.post("/api/organisations", {
    name: "Kulturverein Ehrenfeld",
    kind: "association",
    ...body,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.organisation;
}

/**
 * Invites a new address into an organisation as `admin`, signs that person up with it and
 * accepts the mailed link: answers the new member.
 */
export async function addMember(
  t: TestApp,
  admin: Client,
  organisationId: string,
  role: "admin" | "member",
  displayName = `New ${role}`,
): Promise<Person> {
  const email = uniqueEmail(role);
  const invited = await admin.post(`/api/organisations/${organisationId}/invitations`, { email, role });
  expect(invited.status, invited.text).toBe(201);
  const token = inviteToken(t, email);
  const joined = await signUp(t, { email, displayName });
  const accepted = await joined.client.post("/api/invitations/accept", { token });
  expect(accepted.status, accepted.text).toBe(200);
  return joined;
}

/** A JSON text of `valid` with an own `__proto__` member (what JSON.stringify cannot write). */
export function withProto(valid: Record<string, unknown>): string {
  const inner = JSON.stringify(valid).slice(1, -1);
  return `{${inner}${inner ? "," : ""}"__proto__":{"isInstanceAdmin":true,"role":"owner"}}`;
}

/** `{ "__proto__": code }` as an own member, as the answer carries it. */
export function protoField(code = "unknown_field"): Record<string, string> {
  return JSON.parse(`{"__proto__":"${code}"}`);
}

/**
 * The refusals every body must show: an unknown field, a `__proto__` member, a 10,000-character
 * text and a wrong type in `field` (a text field of `valid`).
 */
export function badBodies(valid: Record<string, unknown>, field: string): BadBody[] {
  const long = field.toLowerCase().includes("email")
    ? `${"a".repeat(10_000)}@example.org`
    : "x".repeat(10_000);
  return [
    [
      { ...valid, isInstanceAdmin: true, createdBy: "someone" },
      { isInstanceAdmin: "unknown_field", createdBy: "unknown_field" },
    ],
    [withProto(valid), protoField()],
    [{ ...valid, [field]: long }, { [field]: "too_long" }],
    [{ ...valid, [field]: 42 }, { [field]: "invalid_type" }],
    [{ ...valid, [field]: ["a"] }, { [field]: "invalid_type" }],
  ];
}

/** Sends every body; each must answer 422 with exactly its field codes, and nothing may be stored. */
export async function expectRefusedBodies(
  t: TestApp,
  send: (body: unknown) => Promise<Res>,
  cases: BadBody[],
): Promise<void> {
  await storesNothing(t, async () => {
    for (const [body, fields] of cases) {
      const res = await send(body);
      const label = typeof body === "string" ? body.slice(0, 120) : JSON.stringify(body).slice(0, 120);
      expect(res.status, `${label} → ${res.text}`).toBe(422);
      expect(res.json.error.code).toBe("validation_failed");
      expect(res.json.error.fields, label).toEqual(fields);
    }
  });
}

/** Every route answers 401 without a session, and nothing is stored. */
export async function expectAllUnauthenticated(t: TestApp, calls: RouteCall[]): Promise<void> {
  const anonymous = new Client(t);
  await storesNothing(t, async () => {
    for (const [method, path, body] of calls) {
      const res = await anonymous.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.json.error.code).toBe("unauthenticated");
    }
  });
}

/** Every route answers 404 to `client` (someone else's resource), and nothing is stored. */
export async function expectAllNotFound(t: TestApp, client: Client, calls: RouteCall[]): Promise<void> {
  await storesNothing(t, async () => {
    for (const [method, path, body] of calls) {
      const res = await client.request(method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(404);
      expect(res.json.error.code).toBe("not_found");
    }
  });
}

/** Every route answers 403 to `client` (may see it, may not do it), and nothing is stored. */
export async function expectAllForbidden(t: TestApp, client: Client, calls: RouteCall[]): Promise<void> {
  await storesNothing(t, async () => {
    for (const [method, path, body] of calls) {
      const res = await client.request(method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(403);
      expect(res.json.error.code).toBe("forbidden");
    }
  });
}

/** The actions of an audit page, newest first. */
export function actions(res: Res): string[] {
  return (res.json.events as Array<{ action: string }>).map((e) => e.action);
}

const DAY = 24 * 60 * 60 * 1000;

/** Moves the test clock by `days` while `act` runs, then puts it back. */
export async function later<T>(t: TestApp, days: number, act: () => Promise<T>): Promise<T> {
  const saved = t.clock.now;
  t.clock.now = new Date(saved.getTime() + days * DAY);
  try {
    return await act();
  } finally {
    t.clock.now = saved;
  }
}
