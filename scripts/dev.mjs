// `pnpm dev`: the API with reload on change (port 3000) and Vite's dev server (port 5173), which
// proxies /api to the API. The browser talks to 5173, so that is the public origin in dev.
import { spawn } from "node:child_process";

const env = { ...process.env, PUBLIC_URL: process.env.PUBLIC_URL ?? "http://localhost:5173" };
// pnpm is not on PATH inside scripts when it runs through corepack; npm_execpath names it.
const pnpm = (args) =>
  process.env.npm_execpath
    ? spawn(process.execPath, [process.env.npm_execpath, ...args], { stdio: "inherit", env })
    : spawn("corepack", ["pnpm", ...args], { stdio: "inherit", env });
const children = [pnpm(["--filter", "@ensemble/api", "dev"]), pnpm(["--filter", "@ensemble/web", "dev"])];
const stop = () => {
  for (const child of children) {
    child.kill("SIGTERM");
  }
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) {
  child.on("exit", (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
