import { sql } from "kysely";
import { expect } from "vitest";
import { documentsWorld } from "./documents.ts";
import type { Client, TestApp } from "./harness.ts";
import { createOrganisation, person } from "./tenancy.ts";

/** A column as the board answers it. */
export interface ColumnJson {
  id: string;
  name: string;
  position: string;
  wipLimit: number | null;
  isDone: boolean;
}

/**
 * The documents world (Lea the lead, Ed an editor from another organisation, Vera a guest
 * viewer, in the project "Sommerfest") with a board "Planung" and its three columns.
 */
export async function boardsWorld(t: TestApp) {
  const world = await documentsWorld(t);
  const board = await createBoard(world.lead.client, world.project.id, { name: "Planung" });
  const [todo, doing, done] = board.columns as [ColumnJson, ColumnJson, ColumnJson];
  return { ...world, board, todo, doing, done };
}

/** Creates a board as `client` (201) and answers it. */
export async function createBoard(
  client: Client,
  projectId: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any> & { id: string; columns: ColumnJson[] }> {
  const res = await client.post(`/api/projects/${projectId}/boards`, { name: "Planung", ...body });
  expect(res.status, res.text).toBe(201);
  return res.json.board;
}

/** Creates a task as `client` (201) and answers it. */
export async function createTask(
  client: Client,
  boardId: string,
  columnId: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any> & { id: string; position: string }> {
  const res = await client.post(`/api/boards/${boardId}/tasks`, {
    columnId,
    title: "Plakate drucken",
    ...body,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.task;
}

/** Creates a label as `client` (201) and answers it. */
export async function createLabel(
  client: Client,
  projectId: string,
  body: Record<string, unknown> = {},
): Promise<{ id: string; name: string; color: string }> {
  const res = await client.post(`/api/projects/${projectId}/labels`, {
    name: "Presse",
    color: "#336699",
    ...body,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.label;
}

/** Moves a task as `client` (200) and answers its card. */
export async function moveTask(
  client: Client,
  taskId: string,
  body: Record<string, unknown>,
): Promise<Record<string, any> & { id: string; position: string; columnId: string }> {
  const res = await client.post(`/api/tasks/${taskId}/move`, body);
  expect(res.status, res.text).toBe(200);
  return res.json.task;
}

/** The titles of a column's open tasks in board order, as `client` reads the board. */
export async function columnTitles(client: Client, boardId: string, columnId: string): Promise<string[]> {
  const res = await client.get(`/api/boards/${boardId}`);
  expect(res.status, res.text).toBe(200);
  return (res.json.tasks as { columnId: string; title: string; position: string }[])
    .filter((task) => task.columnId === columnId)
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
    .map((task) => task.title);
}

/** Someone from a third organisation with a project and a board of their own. */
export async function boardsOutsider(t: TestApp) {
  const p = await person(t, "Otto Outsider");
  const org = await createOrganisation(p.client, { name: "Drittverein" });
  const res = await p.client.post("/api/projects", { organisationId: org.id, name: "Eigenes" });
  expect(res.status, res.text).toBe(201);
  const project = res.json.project as { id: string };
  const board = await createBoard(p.client, project.id, { name: "Fremd" });
  const label = await createLabel(p.client, project.id, { name: "Fremd" });
  return { ...p, org, project, board, label };
}

/** The live events appended since `after` (an event id; "0" for all), oldest first. */
export async function eventsSince(
  t: TestApp,
  after = "0",
): Promise<{ id: string; type: string; project_id: string | null; actor_id: string | null; data: any }[]> {
  const { rows } = await sql<{
    id: string;
    type: string;
    project_id: string | null;
    actor_id: string | null;
    data: any;
  }>`select id::text as id, type, project_id, actor_id, data from events where id > ${after}::bigint order by id`.execute(
    t.deps.db,
  );
  return rows.map((r) => ({ ...r, data: typeof r.data === "string" ? JSON.parse(r.data) : r.data }));
}

/** The id of the newest event ("0" when there is none). */
export async function lastEventId(t: TestApp): Promise<string> {
  const { rows } = await sql<{ id: string | null }>`select max(id)::text as id from events`.execute(
    t.deps.db,
  );
  return rows[0]?.id ?? "0";
}
