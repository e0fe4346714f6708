// `pnpm bench <name>`: runs benchmarks/<name>.ts. Each benchmark prints its table, its ratio to a
// reference measured in the same run, and last one line per target:
//   target <name>: <value> (goal <goal>) ok|short
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "..", "benchmarks");
const available = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".bench.ts"))
      .map((f) => f.replace(/\.bench\.ts$/, ""))
  : [];
const name = process.argv[2];
if (!name) {
  console.log(available.length ? `benchmarks: ${available.join(", ")}` : "no benchmarks yet");
  process.exit(0);
}
if (!available.includes(name)) {
  console.error(`unknown benchmark "${name}"; available: ${available.join(", ") || "none"}`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", join(dir, `${name}.bench.ts`), ...process.argv.slice(3)],
  {
    stdio: "inherit",
  },
);
process.exit(result.status ?? 1);
