import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.ts";

describe("loadConfig", () => {
  it("has defaults that run a newcomer's instance on one port with embedded data", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      publicUrl: "http://localhost:3000",
      publicOrigin: "http://localhost:3000",
      secureCookies: false,
      databaseUrl: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
      trustedProxyHops: 0,
    });
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it("resolves a relative DATA_DIR from where pnpm was invoked", () => {
    expect(loadConfig({ INIT_CWD: "/srv/ensemble" }).dataDir).toBe("/srv/ensemble/data");
    expect(loadConfig({ INIT_CWD: "/srv/ensemble", DATA_DIR: "/var/lib/ensemble" }).dataDir).toBe(
      "/var/lib/ensemble",
    );
  });

  it("derives the origin and secure cookies from an https PUBLIC_URL", () => {
    const c = loadConfig({ PUBLIC_URL: "https://ensemble.example.org/", PORT: "8080" });
    expect(c.publicUrl).toBe("https://ensemble.example.org");
    expect(c.publicOrigin).toBe("https://ensemble.example.org");
    expect(c.secureCookies).toBe(true);
  });

  it("fails fast with every problem named", () => {
    expect(() => loadConfig({ PORT: "abc", PUBLIC_URL: "not a url", TRUSTED_PROXY: "-1" })).toThrow(
      /PORT[\s\S]*PUBLIC_URL[\s\S]*TRUSTED_PROXY/,
    );
  });
});
