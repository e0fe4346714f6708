import type { Context } from "hono";
import { z } from "zod";

/** The OpenAPI description of a CSV download. */
export const csvResponseSpec = {
  content: { "text/csv": { schema: z.string() } },
  description: "CSV (UTF-8 with BOM, comma separated)",
} as const;

/** Answers a CSV download that is never cached. */
export function csvResponse(c: Context, body: string, filename: string) {
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
  });
}
