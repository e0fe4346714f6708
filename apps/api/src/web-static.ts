import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "./types.ts";

/** The web app's Content-Security-Policy: only our own scripts, no framing. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Serves the built web app: hashed assets cached for a year, every other path answers index.html
 * (client-side routing) with the CSP. Returns null when the app was not built.
 */
export function webApp(distDir: string): Hono<AppEnv> | null {
  const indexPath = join(distDir, "index.html");
  if (!existsSync(indexPath)) {
    return null;
  }
  const indexHtml = readFileSync(indexPath, "utf8");
  const app = new Hono<AppEnv>();
  app.use(
    "/assets/*",
    serveStatic({
      root: distDir,
      onFound: (_path, c) => {
        c.header("Cache-Control", "public, max-age=31536000, immutable");
      },
    }),
  );
  // Files at the top level (favicon, robots.txt): only paths that name a file, never a folder.
  const rootFiles = serveStatic({ root: distDir });
  app.get("*", async (c, next) => {
    if (/\/[^/]+\.[a-z0-9]+$/i.test(c.req.path)) {
      return rootFiles(c, next);
    }
    await next();
  });
  app.get("*", (c) => {
    c.header("Content-Security-Policy", WEB_CSP);
    c.header("Cache-Control", "no-cache");
    return c.html(indexHtml);
  });
  return app;
}
