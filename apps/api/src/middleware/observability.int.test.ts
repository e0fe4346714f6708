import { Writable } from "node:stream";
import { PasswordHasher } from "@ensemble/auth/passwords";
import pino from "pino";
import { afterEach, expect, it } from "vitest";
import { buildTestApp, Client, GOOD_PASSWORD, type TestApp, uniqueEmail } from "../test/harness.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
});

it("logs every request as one JSON line with its request id, and never the body", async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  t = await buildTestApp({ logger: pino({ level: "info" }, sink) });
  const res = await new Client(t).post("/api/auth/sign-in", {
    email: uniqueEmail(),
    password: "secret-in-body",
  });
  const requestId = res.headers.get("x-request-id");
  const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const entry = entries.find((e) => e.msg === "request" && e.requestId === requestId);
  expect(entry).toMatchObject({ method: "POST", path: "/api/auth/sign-in", status: 401, level: 30 });
  expect(typeof entry?.ms).toBe("number");
  expect(lines.join("\n")).not.toContain("secret-in-body");
});

it("answers 503 busy with Retry-After when the hashing queue is full, instead of piling up", async () => {
  t = await buildTestApp({ hasher: new PasswordHasher(1, 0) });
  const app = t;
  const results = await Promise.all(
    Array.from({ length: 6 }, () =>
      new Client(app).post("/api/auth/sign-up", {
        email: uniqueEmail(),
        displayName: "Busy",
        password: GOOD_PASSWORD,
      }),
    ),
  );
  const statuses = results.map((r) => r.status);
  expect(statuses).toContain(201);
  const busy = results.find((r) => r.status === 503);
  expect(busy?.json.error.code).toBe("busy");
  expect(Number(busy?.headers.get("retry-after"))).toBeGreaterThan(0);
});
