import { defineConfig } from "vitest/config";

// Two projects: the whole suite (on PostgreSQL when TEST_DATABASE_URL is set, else on PGlite)
// and the smoke suite, which always runs the real product on the embedded PGlite.
export default defineConfig({
  test: {
    env: { TZ: "UTC" },
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["apps/*/src/**/*.test.ts", "packages/*/src/**/*.test.ts"],
          exclude: ["**/*.smoke.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "smoke",
          include: ["apps/*/src/**/*.smoke.test.ts"],
        },
      },
    ],
  },
});
