import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Runs the fixture in a fresh Node process in which importing PGlite throws. */
function openWithoutPglite(env: Record<string, string>) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return run(
    process.execPath,
    ["--import", "tsx", "--import", fixture("no-pglite.mjs"), fixture("open-and-query.ts")],
    { env: { ...rest, ...env }, timeout: 30_000 },
  );
}

describe("createDb", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)("never loads PGlite when PostgreSQL is configured", async () => {
    const { stdout } = await openWithoutPglite({ DATABASE_URL: process.env.TEST_DATABASE_URL as string });
    expect(stdout.trim()).toBe("42");
  });

  it("loads PGlite only when the embedded database is used (the check above can fail)", async () => {
    await expect(openWithoutPglite({})).rejects.toThrow(/PGlite was loaded/);
  });
});
