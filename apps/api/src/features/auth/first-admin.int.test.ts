import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, Client, GOOD_PASSWORD, type TestApp, uniqueEmail } from "../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

it("makes exactly one administrator when the first sign-ups arrive at once", async () => {
  const results = await Promise.all(
    Array.from({ length: 6 }, () =>
      new Client(t).post("/api/auth/sign-up", {
        email: uniqueEmail("race"),
        displayName: "Race",
        password: GOOD_PASSWORD,
      }),
    ),
  );
  expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
  expect(results.filter((r) => r.json.user.isInstanceAdmin)).toHaveLength(1);
  const admins = await t.db.db
    .selectFrom("users")
    .select("id")
    .where("is_instance_admin", "=", true)
    .execute();
  expect(admins).toHaveLength(1);
});
