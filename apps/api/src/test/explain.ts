import type { Db } from "@ensemble/db/db";
import { type CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from "kysely";

/** A node of PostgreSQL's JSON query plan, as far as the plan checks read it. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

/** The database, recording every statement it is sent into `captured` (for a test's app). */
export function recordingQueries(db: Db): { db: Db; captured: CompiledQuery[] } {
  const captured: CompiledQuery[] = [];
  const recorder: KyselyPlugin = {
    transformQuery(args) {
      captured.push(db.getExecutor().compileQuery(args.node as RootOperationNode, args.queryId));
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { db: db.withPlugin(recorder), captured };
}

/** Every plan node that reads a table or an index (bitmap index scans name no table). */
export function scans(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  if (node["Relation Name"] || node["Index Name"]) {
    out.push(node);
  }
  for (const child of node.Plans ?? []) {
    scans(child, out);
  }
  return out;
}

/** The query with its parameters written in as literals (EXPLAIN takes no bind parameters here). */
export function inline(query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = query.parameters[Number(n) - 1];
    if (value === null || value === undefined) {
      return "null";
    }
    if (typeof value === "number" || typeof value === "boolean") {
      return String(value);
    }
    if (value instanceof Date) {
      return `'${value.toISOString()}'::timestamptz`;
    }
    if (Array.isArray(value)) {
      return `array[${value.map((v) => `'${String(v).replaceAll("'", "''")}'`).join(",")}]::text[]`;
    }
    return `'${String(value).replaceAll("'", "''")}'`;
  });
}

/** The plan of a recorded query (run in `db`, which may be a transaction with planner settings). */
export async function planOf(db: Db, query: CompiledQuery): Promise<PlanNode> {
  const explained = await sql
    .raw<{ "QUERY PLAN": [{ Plan: PlanNode }] | string }>(`explain (format json) ${inline(query)}`)
    .execute(db);
  const raw = explained.rows[0]?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
  return plan[0].Plan;
}
