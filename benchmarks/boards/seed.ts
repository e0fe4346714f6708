import { randomUUID } from "node:crypto";
import { generateNKeysBetween } from "../../apps/api/node_modules/fractional-indexing/src/index.js";
import { randomToken, sha256Hex } from "../../packages/auth/src/tokens.ts";
import type { Db } from "../../packages/db/src/db.ts";
import { seeded } from "./model.ts";

/**
 * The benchmark's data, written straight through the db package in multi-row inserts: one
 * organisation, a project with a lead and members (editors and a few viewers, each signed in on
 * several devices), its labels, and a board of 8 columns holding 2,000 open tasks (plus archived
 * ones in the done column) with assignees, labels, descriptions, checklists, comments and their
 * "created" activity. A second project with its own board stands beside it, so the board's queries
 * have other rows to skip, as in any real database. Everything comes from a seeded generator: each
 * run measures the same board.
 */

export interface BenchPerson {
  userId: string;
  name: string;
  role: "lead" | "editor" | "viewer";
  /** Session tokens (values of the `ensemble_session` cookie), one per signed-in device. */
  tokens: string[];
}

export interface SeededBoard {
  organisationId: string;
  projectId: string;
  boardId: string;
  /** In board order. */
  columns: { id: string; name: string; isDone: boolean }[];
  /** Open task ids per column, in order (index = column's index). */
  tasksByColumn: string[][];
  /** Every open task's key, by id (kept current by the move scenarios' local model). */
  positions: Map<string, string>;
  labelIds: string[];
  people: BenchPerson[];
  openTasks: number;
  archivedTasks: number;
  rows: Record<string, number>;
}

export interface SeedOptions {
  columns: number;
  tasksPerColumn: number;
  /** Archived tasks in the done column (not on the board, but in its tables). */
  archived: number;
  members: number;
  viewers: number;
  /** Sessions in total, spread evenly over the members (the stream clients use them). */
  sessions: number;
  /** Open tasks on the other project's board. */
  otherTasks: number;
}

export const DEFAULT_SEED: SeedOptions = {
  columns: 8,
  tasksPerColumn: 250,
  archived: 150,
  members: 20,
  viewers: 4,
  sessions: 200,
  otherTasks: 1000,
};

const FIRST = [
  "Anna",
  "Ben",
  "Clara",
  "David",
  "Emine",
  "Felix",
  "Greta",
  "Hakan",
  "Ida",
  "Jonas",
  "Kübra",
  "Lars",
];
const LAST = ["Amsel", "Bauer", "Cetin", "Dietz", "Engel", "Fuchs", "Graf", "Hoffmann", "Iqbal", "Jung"];
const COLUMN_NAMES = [
  "Ideen",
  "Offen",
  "Geplant",
  "In Arbeit",
  "Abstimmung",
  "Wartet",
  "Prüfung",
  "Erledigt",
];
const LABELS: [string, string][] = [
  ["Technik", "#1f77b4"],
  ["Presse", "#ff7f0e"],
  ["Förderung", "#2ca02c"],
  ["Bühne", "#d62728"],
  ["Einlass", "#9467bd"],
  ["Barrierefreiheit", "#8c564b"],
  ["Finanzen", "#e377c2"],
  ["Ehrenamt", "#7f7f7f"],
  ["Catering", "#bcbd22"],
  ["Sicherheit", "#17becf"],
  ["Verwaltung", "#393b79"],
  ["Dringend", "#843c39"],
];
const VERBS = [
  "Abstimmen:",
  "Klären:",
  "Bestellen:",
  "Entwurf",
  "Prüfen:",
  "Vorbereiten:",
  "Anfragen:",
  "Drucken:",
];
const THINGS = [
  "Plakate für das Sommerfest",
  "Bühnenplan mit der Technik",
  "Verwendungsnachweis Kulturamt",
  "Einlasskonzept und Bändchen",
  "Pressemitteilung zur Premiere",
  "Dienstplan Ehrenamtliche",
  "Angebot Tontechnik",
  "Gema-Anmeldung",
  "Rampe für den Seiteneingang",
  "Getränkeliste Catering",
  "Programmheft Korrekturfahne",
  "Quartalsbericht an den Vorstand",
];
const SENTENCES = [
  "Bitte mit dem Kulturamt abstimmen, bevor wir etwas zusagen.",
  "Die Zahlen aus dem letzten Jahr liegen im Ordner Finanzen.",
  "Ansprechpartnerin ist Frau Dietz, erreichbar vormittags.",
  "Wir brauchen zwei Angebote zum Vergleich, das dritte ist optional.",
  "Bei Regen weichen wir in die Halle aus; dann ändert sich der Einlass.",
  "Der Entwurf ist fertig und wartet auf die Freigabe durch die Leitung.",
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

/** `n` distinct items of a list. */
function sample<T>(rnd: () => number, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) {
    out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0] as T);
  }
  return out;
}

function day(offset: number): string {
  const d = new Date(Date.UTC(2026, 11, 1) + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A Tiptap document of a few paragraphs (some with a bullet list), as the editor stores it. */
function description(rnd: () => number): string {
  const content: unknown[] = [];
  const paragraphs = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < paragraphs; i++) {
    const text = sample(rnd, SENTENCES, 1 + Math.floor(rnd() * 3)).join(" ");
    content.push({ type: "paragraph", content: [{ type: "text", text }] });
  }
  if (rnd() < 0.3) {
    content.push({
      type: "bulletList",
      content: sample(rnd, THINGS, 3).map((t) => ({
        type: "listItem",
        content: [{ type: "paragraph", content: [{ type: "text", text: t }] }],
      })),
    });
  }
  return JSON.stringify({ type: "doc", content });
}

/** Inserts rows into a table in statements of `size` rows (PostgreSQL takes up to 65,535 parameters). */
async function insertMany<T extends Record<string, unknown>>(
  db: Db,
  table: string,
  rows: readonly T[],
  size = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // the tables are typed in the db package; the rows here are built to their columns
    await db
      .insertInto(table as "tasks")
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

interface TaskRow extends Record<string, unknown> {
  id: string;
  project_id: string;
  board_id: string;
  column_id: string;
  position: string;
  title: string;
  description: string | null;
  priority: "none" | "low" | "medium" | "high" | "urgent";
  start_date: string | null;
  due_date: string | null;
  recurrence: string | null;
  series_id: string | null;
  completed_at: Date | null;
  archived_at: Date | null;
  archived_by: string | null;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

/** The rows of one board's tasks and everything hanging off them. */
function buildTasks(
  rnd: () => number,
  projectId: string,
  boardId: string,
  columns: { id: string; isDone: boolean }[],
  perColumn: number,
  archived: number,
  memberIds: string[],
  editorIds: string[],
  labelIds: string[],
) {
  const tasks: TaskRow[] = [];
  const assignees: { task_id: string; user_id: string }[] = [];
  const labelLinks: { task_id: string; label_id: string }[] = [];
  const checklist: { id: string; task_id: string; text: string; done: boolean; position: string }[] = [];
  const comments: { id: string; task_id: string; author_id: string; body: string; mentions: string[] }[] = [];
  const activity: { task_id: string; actor_id: string; kind: string; data: string }[] = [];
  const tasksByColumn: string[][] = [];
  const positions = new Map<string, string>();
  const base = Date.UTC(2026, 8, 1);
  columns.forEach((column, c) => {
    const extra = column.isDone ? archived : 0;
    const keys = generateNKeysBetween(null, null, perColumn + extra);
    // archived tasks keep their place among the done ones (their keys stay taken)
    const archivedAt = new Set(sample(rnd, keys, extra));
    const open: string[] = [];
    for (const key of keys) {
      const id = randomUUID();
      const isArchived = archivedAt.has(key);
      const author = pick(rnd, editorIds);
      const created = new Date(base + Math.floor(rnd() * 80 * 86_400_000));
      const due = rnd() < 0.6 ? Math.floor(rnd() * 120) - 40 : null;
      const start = due !== null && rnd() < 0.4 ? due - 1 - Math.floor(rnd() * 14) : null;
      const repeats = rnd() < 0.02;
      tasks.push({
        id,
        project_id: projectId,
        board_id: boardId,
        column_id: column.id,
        position: key,
        title: `${pick(rnd, VERBS)} ${pick(rnd, THINGS)} (${tasks.length + 1})`,
        description: rnd() < 0.45 ? description(rnd) : null,
        priority: pick(rnd, ["none", "none", "none", "low", "medium", "medium", "high", "urgent"] as const),
        start_date: start === null ? null : day(start),
        due_date: due === null ? null : day(due),
        recurrence: repeats ? "FREQ=MONTHLY;INTERVAL=3" : null,
        series_id: repeats ? id : null,
        completed_at: column.isDone ? new Date(created.getTime() + 86_400_000) : null,
        archived_at: isArchived ? new Date(created.getTime() + 2 * 86_400_000) : null,
        archived_by: isArchived ? author : null,
        created_by: author,
        updated_by: author,
        created_at: created,
        updated_at: created,
      });
      if (!isArchived) {
        open.push(id);
        positions.set(id, key);
      }
      const howManyAssignees = rnd() < 0.15 ? 0 : rnd() < 0.7 ? 1 : rnd() < 0.8 ? 2 : 3;
      for (const userId of sample(rnd, memberIds, howManyAssignees)) {
        assignees.push({ task_id: id, user_id: userId });
      }
      const howManyLabels = rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * 3);
      for (const labelId of sample(rnd, labelIds, howManyLabels)) {
        labelLinks.push({ task_id: id, label_id: labelId });
      }
      if (rnd() < 0.3) {
        const n = 2 + Math.floor(rnd() * 7);
        generateNKeysBetween(null, null, n).forEach((position, i) => {
          checklist.push({
            id: randomUUID(),
            task_id: id,
            text: `${pick(rnd, THINGS)} – Schritt ${i + 1}`,
            done: rnd() < 0.5,
            position,
          });
        });
      }
      if (rnd() < 0.4) {
        const n = 1 + Math.floor(rnd() * 5);
        for (let i = 0; i < n; i++) {
          const mention = rnd() < 0.2 ? [pick(rnd, memberIds)] : [];
          comments.push({
            id: randomUUID(),
            task_id: id,
            author_id: pick(rnd, memberIds),
            body: pick(rnd, SENTENCES),
            mentions: mention,
          });
        }
      }
      activity.push({ task_id: id, actor_id: author, kind: "created", data: "{}" });
    }
    tasksByColumn[c] = open;
  });
  return { tasks, assignees, labelLinks, checklist, comments, activity, tasksByColumn, positions };
}

/** Writes the benchmark's data (see the module comment) and returns what the scenarios need. */
export async function seedBoard(db: Db, options: SeedOptions = DEFAULT_SEED): Promise<SeededBoard> {
  const rnd = seeded(6);
  const now = new Date();
  const people: BenchPerson[] = [];
  for (let i = 0; i < options.members; i++) {
    const role = i === 0 ? "lead" : i > options.members - 1 - options.viewers ? "viewer" : "editor";
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i + 1}`;
    people.push({ userId: randomUUID(), name, role, tokens: [] });
  }
  await insertMany(
    db,
    "users",
    people.map((p) => ({
      id: p.userId,
      email: `${p.userId}@example.org`,
      email_verified_at: now,
      display_name: p.name,
      password_hash: "not-used",
      locale: "de",
      updated_at: now,
    })),
  );
  // sessions as createSession writes them: the token's id, and the SHA-256 of its secret
  const sessions: { id: string; user_id: string; secret_hash: string; last_verified_at: Date }[] = [];
  for (let i = 0; i < Math.max(options.sessions, people.length); i++) {
    const person = people[i % people.length] as BenchPerson;
    const id = randomToken(120);
    const secret = randomToken(160);
    person.tokens.push(`${id}.${secret}`);
    sessions.push({ id, user_id: person.userId, secret_hash: sha256Hex(secret), last_verified_at: now });
  }
  await insertMany(db, "sessions", sessions);

  const lead = people[0] as BenchPerson;
  const organisationId = randomUUID();
  await insertMany(db, "organisations", [
    {
      id: organisationId,
      name: "Kulturverein Ruhr",
      kind: "association",
      created_by: lead.userId,
      updated_at: now,
    },
  ]);
  await insertMany(db, "organisation_members", [
    { organisation_id: organisationId, user_id: lead.userId, role: "owner" },
    ...people.slice(1).map((p) => ({ organisation_id: organisationId, user_id: p.userId, role: "member" })),
  ]);
  const projectId = randomUUID();
  const otherProjectId = randomUUID();
  await insertMany(db, "projects", [
    {
      id: projectId,
      organisation_id: organisationId,
      name: "Sommerfestival 2027",
      created_by: lead.userId,
      updated_at: now,
    },
    {
      id: otherProjectId,
      organisation_id: organisationId,
      name: "Jahresprogramm",
      created_by: lead.userId,
      updated_at: now,
    },
  ]);
  await insertMany(db, "project_members", [
    ...people.map((p) => ({ project_id: projectId, user_id: p.userId, role: p.role })),
    ...people.slice(0, 5).map((p) => ({ project_id: otherProjectId, user_id: p.userId, role: p.role })),
  ]);

  const labels = LABELS.map(([name, color]) => ({ id: randomUUID(), project_id: projectId, name, color }));
  const otherLabels = LABELS.slice(0, 5).map(([name, color]) => ({
    id: randomUUID(),
    project_id: otherProjectId,
    name,
    color,
  }));
  await insertMany(db, "task_labels", [...labels, ...otherLabels]);

  const boardId = randomUUID();
  const otherBoardId = randomUUID();
  await insertMany(db, "boards", [
    {
      id: boardId,
      project_id: projectId,
      name: "Produktion",
      position: "a0",
      created_by: lead.userId,
      updated_at: now,
    },
    {
      id: otherBoardId,
      project_id: otherProjectId,
      name: "Planung",
      position: "a0",
      created_by: lead.userId,
      updated_at: now,
    },
  ]);
  const columnKeys = generateNKeysBetween(null, null, options.columns);
  const columns = columnKeys.map((position, i) => ({
    id: randomUUID(),
    board_id: boardId,
    name: COLUMN_NAMES[i % COLUMN_NAMES.length] ?? `Spalte ${i + 1}`,
    position,
    wip_limit: i === 3 ? 20 : null,
    is_done: i === options.columns - 1,
  }));
  const otherColumns = generateNKeysBetween(null, null, 4).map((position, i) => ({
    id: randomUUID(),
    board_id: otherBoardId,
    name: ["Offen", "In Arbeit", "Prüfung", "Erledigt"][i] ?? "Spalte",
    position,
    wip_limit: null,
    is_done: i === 3,
  }));
  await insertMany(db, "board_columns", [...columns, ...otherColumns]);

  const memberIds = people.map((p) => p.userId);
  const editorIds = people.filter((p) => p.role !== "viewer").map((p) => p.userId);
  const main = buildTasks(
    rnd,
    projectId,
    boardId,
    columns.map((c) => ({ id: c.id, isDone: c.is_done })),
    options.tasksPerColumn,
    options.archived,
    memberIds,
    editorIds,
    labels.map((l) => l.id),
  );
  const other = buildTasks(
    rnd,
    otherProjectId,
    otherBoardId,
    otherColumns.map((c) => ({ id: c.id, isDone: c.is_done })),
    Math.ceil(options.otherTasks / otherColumns.length),
    0,
    memberIds.slice(0, 5),
    editorIds.slice(0, 4),
    otherLabels.map((l) => l.id),
  );
  const rows: Record<string, number> = {};
  for (const [table, list] of [
    ["tasks", [...main.tasks, ...other.tasks]],
    ["task_assignees", [...main.assignees, ...other.assignees]],
    ["task_label_links", [...main.labelLinks, ...other.labelLinks]],
    ["task_checklist_items", [...main.checklist, ...other.checklist]],
    ["task_comments", [...main.comments, ...other.comments]],
    ["task_activity", [...main.activity, ...other.activity]],
  ] as const) {
    await insertMany(db, table, list as readonly Record<string, unknown>[]);
    rows[table] = list.length;
  }
  return {
    organisationId,
    projectId,
    boardId,
    columns: columns.map((c) => ({ id: c.id, name: c.name, isDone: c.is_done })),
    tasksByColumn: main.tasksByColumn,
    positions: main.positions,
    labelIds: labels.map((l) => l.id),
    people,
    openTasks: main.positions.size,
    archivedTasks: main.tasks.length - main.positions.size,
    rows,
  };
}
