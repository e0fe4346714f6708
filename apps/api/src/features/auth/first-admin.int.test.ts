import { expect, it } from "vitest";
import { Client, GOOD_PASSWORD, uniqueEmail, useTestApp } from "../../test/harness.ts";

const t = useTestApp();

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
