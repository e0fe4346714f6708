import { type CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { boardsWorld, createTask } from "../../test/boards.ts";
import { type PlanNode, planOf, recordingQueries, scans } from "../../test/explain.ts";
import { Client, useTestApp } from "../../test/harness.ts";
import { TENANT_TABLES } from "../../test/tenancy.ts";

/*
 * The board's read routes on a seeded database: a board of 2,000 open tasks (8 columns of 250,
 * with assignees, labels, checklists, comments and descriptions, plus archived ones) beside 300
 * other projects' boards (in 300 organisations with members, 100 networks). Every query those routes send is explained and must not scan a tenant
 * table sequentially, and the board load sends a fixed handful of statements however many cards
 * it has (an N+1 or a lost index shows here). Nothing is timed: speed is the benchmark's
 * (`pnpm bench boards`), where a quiet machine and repeated runs make times mean something.
 */

const t = useTestApp();

/**
 * Reads every row of its table: a sequential scan, or an index walked from end to end without a
 * condition (what a planner does instead when it may not scan sequentially).
 */
function wholeTable(node: PlanNode): boolean {
  if (node["Node Type"] === "Seq Scan") {
    return true;
  }
  return /^Index (Only )?Scan$/.test(node["Node Type"]) && !node["Index Cond"];
}

/**
 * The query's plan when sequential scans are all but forbidden: the planner still picks one when
 * no index can serve the query, and only then. (With them allowed, it rightly scans a table of a
 * few pages sequentially: which tables are small depends on the data, so the check would too.)
 *
 * The board's cards (`boardCards`, marked `/* board cards`) aggregate each related table for the
 * whole board, and for them joins are kept to nested loops: a merge or hash join rightly reads a
 * whole table (through its index, in order) when the rows wanted are a large enough share of it —
 * the board's related rows are a tenth of the seeded ones here — and the planner picks one only
 * while it costs less than probing per task, which does not grow with other tenants' data. Nested
 * loops leave the probes, which only an index can serve: a missing one still shows. Every other
 * statement is explained with the planner's own choice of joins.
 */
async function explain(query: CompiledQuery): Promise<PlanNode> {
  return t.deps.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    if (query.sql.includes("/* board cards")) {
      await sql`set local enable_mergejoin = off`.execute(trx);
      await sql`set local enable_hashjoin = off`.execute(trx);
    }
    return planOf(trx, query);
  });
}

let captured: CompiledQuery[] = [];
let client: Client;
let ids: { project: string; board: string; column: string; task: string };

beforeAll(async () => {
  const db = t.deps.db;
  const world = await boardsWorld(t);
  const { lead, project, board } = world;
  // eight columns: the three of a new board and five more
  for (const name of ["Ideen", "Geplant", "Abstimmung", "Wartet", "Prüfung"]) {
    await lead.client.post(`/api/boards/${board.id}/columns`, { name, afterId: null });
  }
  const task = await createTask(lead.client, board.id, world.todo.id, { title: "Von Hand" });
  ids = { project: project.id, board: board.id, column: world.todo.id, task: task.id };
  await lead.client.post(`/api/tasks/${task.id}/comments`, { body: "Hallo" });

  await sql`insert into users (id, email, display_name, password_hash)
    select 'bseed-u-' || i, 'bseed-' || i || '@example.org', 'Person ' || i, 'x' from generate_series(1, 2000) i`.execute(
    db,
  );
  await sql`insert into project_members (project_id, user_id, role)
    select ${project.id}, 'bseed-u-' || i, 'editor' from generate_series(1, 20) i`.execute(db);
  await sql`insert into task_labels (id, project_id, name, color)
    select 'bseed-l-' || i, ${project.id}, 'Label ' || i, '#336699' from generate_series(1, 12) i`.execute(
    db,
  );
  // the board's 2,000 open tasks (and 150 archived), 250 per column, keys in order
  await sql`insert into tasks (id, project_id, board_id, column_id, position, title, description, priority, due_date, created_at, updated_at, archived_at)
    select 'bseed-t-' || i, ${project.id}, ${board.id}, c.id,
      'b' || lpad(to_hex(i), 4, '0'), 'Aufgabe ' || i,
      case when i % 2 = 0 then '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Text"}]}]}'::jsonb end,
      'none', date '2027-01-01' + (i % 90), now(), now(), case when i > 2000 then now() end
    from generate_series(1, 2150) i
    join lateral (select id from board_columns where board_id = ${board.id} order by id offset (i % 8) limit 1) c on true`.execute(
    db,
  );
  await sql`insert into task_assignees (task_id, user_id)
    select 'bseed-t-' || i, 'bseed-u-' || (1 + i % 20) from generate_series(1, 2150) i
    union all select 'bseed-t-' || i, 'bseed-u-' || (1 + (i + 7) % 20) from generate_series(1, 2150, 3) i
    union all select 'bseed-t-' || i, ${lead.user.id} from generate_series(1, 2150, 10) i`.execute(db);
  await sql`insert into task_label_links (task_id, label_id)
    select 'bseed-t-' || i, 'bseed-l-' || (1 + i % 12) from generate_series(1, 2150, 2) i`.execute(db);
  await sql`insert into task_checklist_items (id, task_id, text, done, position)
    select 'bseed-c-' || i || '-' || k, 'bseed-t-' || i, 'Punkt', k % 2 = 0, 'a' || k
    from generate_series(1, 2150) i, generate_series(0, 3) k`.execute(db);
  await sql`insert into task_comments (id, task_id, author_id, body)
    select 'bseed-k-' || i || '-' || k, 'bseed-t-' || i, 'bseed-u-1', 'Kommentar'
    from generate_series(1, 2150, 2) i, generate_series(1, 2) k`.execute(db);
  await sql`insert into task_activity (task_id, actor_id, kind)
    select 'bseed-t-' || i, 'bseed-u-1', 'created' from generate_series(1, 2150) i`.execute(db);

  // 300 other projects, each with a board of 8 columns and 100 tasks (so the
  // seeded board holds a few percent of all tasks, as any one board does in a real database)
  await sql`insert into organisations (id, name, kind, district, sparten)
    select 'bseed-o-' || i, 'Verein ' || i, 'association', 'Mitte', array['music'] from generate_series(1, 300) i`.execute(
    db,
  );
  // 100 networks of 10 partners each; every third project belongs to one (instead of an organisation)
  await sql`insert into networks (id, coordinator_id, name)
    select 'bseed-n-' || i, 'bseed-o-' || i, 'Netz ' || i from generate_series(1, 100) i`.execute(db);
  await sql`insert into network_partners (network_id, organisation_id)
    select 'bseed-n-' || i, 'bseed-o-' || (1 + (i + k * 29) % 300) from generate_series(1, 100) i, generate_series(0, 9) k
    on conflict do nothing`.execute(db);
  await sql`insert into projects (id, organisation_id, network_id, name)
    select 'bseed-p-' || i, case when i % 3 <> 0 then 'bseed-o-' || i end,
      case when i % 3 = 0 then 'bseed-n-' || (1 + i % 100) end, 'Projekt ' || i
    from generate_series(1, 300) i`.execute(db);
  await sql`insert into organisation_members (organisation_id, user_id, role)
    select 'bseed-o-' || (1 + i % 300), 'bseed-u-' || i, case when i % 10 = 0 then 'admin' else 'member' end
    from generate_series(21, 2000) i`.execute(db);
  await sql`insert into project_members (project_id, user_id, role)
    select 'bseed-p-' || (1 + i % 300), 'bseed-u-' || i, 'lead' from generate_series(21, 2000) i`.execute(db);
  await sql`insert into boards (id, project_id, name, position)
    select 'bseed-b-' || i, 'bseed-p-' || i, 'Board', 'a0' from generate_series(1, 300) i`.execute(db);
  await sql`insert into board_columns (id, board_id, name, position, is_done)
    select 'bseed-bc-' || i || '-' || k, 'bseed-b-' || i, 'Spalte', 'a' || k, k = 7
    from generate_series(1, 300) i, generate_series(0, 7) k`.execute(db);
  await sql`insert into task_labels (id, project_id, name, color)
    select 'bseed-ol-' || i || '-' || k, 'bseed-p-' || i, 'Label ' || k, '#000000'
    from generate_series(1, 300) i, generate_series(1, 5) k`.execute(db);
  await sql`insert into tasks (id, project_id, board_id, column_id, position, title)
    select 'bseed-ot-' || i || '-' || k, 'bseed-p-' || i, 'bseed-b-' || i, 'bseed-bc-' || i || '-' || (k % 8),
      'b' || lpad(to_hex(k), 4, '0'), 'Fremd'
    from generate_series(1, 300) i, generate_series(1, 100) k`.execute(db);
  await sql`insert into task_assignees (task_id, user_id)
    select 'bseed-ot-' || i || '-' || k, 'bseed-u-' || (21 + (i * 7 + k) % 1979)
    from generate_series(1, 300) i, generate_series(1, 100) k`.execute(db);
  await sql`insert into task_comments (id, task_id, author_id, body)
    select 'bseed-ok-' || i || '-' || k, 'bseed-ot-' || i || '-' || k, 'bseed-u-30', 'x'
    from generate_series(1, 300) i, generate_series(1, 100) k`.execute(db);
  await sql`insert into task_activity (task_id, kind)
    select 'bseed-ot-' || i || '-' || k, 'created' from generate_series(1, 300) i, generate_series(1, 100) k`.execute(
    db,
  );
  // documents in every project, linked from some tasks (the hand-made one too)
  await sql`insert into documents (id, project_id, title)
    select 'bseed-d-' || i, ${project.id}, 'Dokument ' || i from generate_series(1, 20) i
    union all select 'bseed-od-' || i || '-' || k, 'bseed-p-' || i, 'Dokument ' || k
    from generate_series(1, 300) i, generate_series(1, 10) k`.execute(db);
  await sql`insert into task_document_links (task_id, document_id)
    select 'bseed-t-' || i, 'bseed-d-' || (1 + i % 20) from generate_series(1, 2150, 5) i
    union all select ${task.id}, 'bseed-d-1'
    union all select 'bseed-ot-' || i || '-' || k, 'bseed-od-' || i || '-' || (1 + k % 10)
    from generate_series(1, 300) i, generate_series(1, 100, 4) k`.execute(db);
  // Statistics from every row (not a random sample of 30,000) and no auto-analyze replacing them
  // mid-test: plans that hinge on close costs then come out the same on every run.
  for (const table of ["users", "organisations", ...TENANT_TABLES]) {
    await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(db);
  }
  await db.transaction().execute(async (trx) => {
    await sql`set local default_statistics_target = 1000`.execute(trx);
    await sql`analyze`.execute(trx);
  });

  const recording = recordingQueries(db);
  captured = recording.captured;
  client = new Client({ ...t, app: createApp({ ...t.deps, db: recording.db }) });
  client.cookie = lead.client.cookie;
}, 120_000);

afterAll(() => {
  captured.length = 0;
});

const reads = () => [
  `/api/projects/${ids.project}/boards`,
  `/api/projects/${ids.project}/labels`,
  `/api/boards/${ids.board}`,
  `/api/boards/${ids.board}/archive`,
  `/api/tasks/${ids.task}`,
  `/api/tasks/${ids.task}/activity`,
  `/api/tasks/${ids.task}/comments`,
  "/api/me/tasks",
];

describe("board queries on seeded data", () => {
  it("are all served by indexes: no tenant table read whole on any board read route", async () => {
    const found: string[] = [];
    for (const path of reads()) {
      captured.length = 0;
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expect(captured.length, `${path}: a handful of statements, not one per task`).toBeLessThan(16);
      for (const query of captured.filter((q) => /^\s*select/i.test(q.sql))) {
        for (const n of scans(await explain(query))) {
          if (wholeTable(n) && (TENANT_TABLES as readonly string[]).includes(n["Relation Name"] ?? "")) {
            found.push(`${path}: ${n["Node Type"]} of all ${n["Relation Name"]} in ${query.sql}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("loads the board of 2,000 tasks in a fixed handful of statements, not one per task", async () => {
    captured.length = 0;
    const res = await client.get(`/api/boards/${ids.board}`);
    expect(res.status).toBe(200);
    expect(res.json.tasks).toHaveLength(2001);
    const first = captured.length;
    expect(first).toBeLessThan(16);
    // the count does not grow with the cards: the same after a hundred more tasks
    await sql`insert into tasks (id, project_id, board_id, column_id, position, title)
      select 'bseed-more-' || i, ${ids.project}, ${ids.board}, ${ids.column}, 'c' || lpad(to_hex(i), 4, '0'), 'Mehr ' || i
      from generate_series(1, 100) i`.execute(t.deps.db);
    captured.length = 0;
    const more = await client.get(`/api/boards/${ids.board}`);
    expect(more.json.tasks).toHaveLength(2101);
    expect(captured.length).toBe(first);
  });
});
