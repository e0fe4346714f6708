import { afterEach, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/harness.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
});

it("answers 503 when the database does not answer", async () => {
  t = await buildTestApp({
    pingDatabase: async () => {
      throw new Error("connection refused");
    },
  });
  const res = await t.app.request("/api/health");
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: "degraded", database: "unreachable" });
});
