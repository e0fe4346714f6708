import { describe, expect, it } from "vitest";
import { Client, uniqueEmail, useTestApp } from "../test/harness.ts";

// Client IPs come from X-Forwarded-For here because one trusted proxy is declared.
const t = useTestApp({
  limits: { authPerMinute: 5, mailPerHourPerIp: 3, mailPerHourPerAccount: 2 },
  trustedProxyHops: 1,
});

const from = (ip: string) => new Client(t, { "x-forwarded-for": `203.0.113.99, ${ip}` });

describe("abuse limits", () => {
  it("puts a per-IP token bucket on the auth routes, with 429 and Retry-After", async () => {
    const c = from("198.51.100.1");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await c.post("/api/auth/sign-in", { email: uniqueEmail(), password: "whatever-pw" })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const last = await c.post("/api/auth/forgot-password", { email: uniqueEmail() });
    expect(last.status).toBe(429);
    expect(last.json.error.code).toBe("rate_limited");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    // a token comes back every 12 s (5 a minute)
    t.clock.now = new Date(t.clock.now.getTime() + 12_000);
    expect(
      (await c.post("/api/auth/sign-in", { email: uniqueEmail(), password: "whatever-pw" })).status,
    ).toBe(401);
    expect(
      (await c.post("/api/auth/sign-in", { email: uniqueEmail(), password: "whatever-pw" })).status,
    ).toBe(429);
    // another client IP is not affected
    expect(
      (
        await from("198.51.100.2").post("/api/auth/sign-in", {
          email: uniqueEmail(),
          password: "whatever-pw",
        })
      ).status,
    ).toBe(401);
  });

  it("never refuses signing out", async () => {
    const c = from("198.51.100.30");
    expect(
      (
        await c.post("/api/auth/sign-up", {
          email: uniqueEmail(),
          displayName: "Out",
          password: "Kulturnetz Bochum 2026!",
        })
      ).status,
    ).toBe(201);
    for (let i = 0; i < 5; i++) {
      await c.post("/api/auth/forgot-password", { email: uniqueEmail() });
    }
    expect((await c.post("/api/auth/forgot-password", { email: uniqueEmail() })).status).toBe(429);
    expect((await c.post("/api/auth/sign-out")).status).toBe(200);
    expect((await c.get("/api/account/me")).status).toBe(401);
  });

  it("limits reset mails per address and per IP", async () => {
    const email = uniqueEmail();
    const a = from("198.51.100.10");
    expect((await a.post("/api/auth/forgot-password", { email })).status).toBe(200);
    expect((await a.post("/api/auth/forgot-password", { email })).status).toBe(200);
    expect((await from("198.51.100.11").post("/api/auth/forgot-password", { email })).status).toBe(429);
    const b = from("198.51.100.12");
    for (let i = 0; i < 3; i++) {
      expect((await b.post("/api/auth/forgot-password", { email: uniqueEmail() })).status).toBe(200);
    }
    expect((await b.post("/api/auth/forgot-password", { email: uniqueEmail() })).status).toBe(429);
  });

  it("limits sign-up and verification mails per IP and per account", async () => {
    const a = from("198.51.100.40");
    for (let i = 0; i < 3; i++) {
      const res = await a.post("/api/auth/sign-up", {
        email: uniqueEmail(),
        displayName: "M",
        password: "Kulturnetz Bochum 2026!",
      });
      expect(res.status).toBe(201);
    }
    const fourth = await a.post("/api/auth/sign-up", {
      email: uniqueEmail(),
      displayName: "M",
      password: "Kulturnetz Bochum 2026!",
    });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(0);

    const b = from("198.51.100.41");
    expect(
      (
        await b.post("/api/auth/sign-up", {
          email: uniqueEmail(),
          displayName: "M",
          password: "Kulturnetz Bochum 2026!",
        })
      ).status,
    ).toBe(201);
    // the sign-up mail was the first of two for this account; one resend, then the account's budget is spent
    expect((await b.post("/api/auth/resend-verification")).status).toBe(200);
    expect((await b.post("/api/auth/resend-verification")).status).toBe(429);
  });

  it("ignores X-Forwarded-For unless a trusted proxy is declared", async () => {
    const { clientIp } = await import("../middleware/request-context.ts");
    const headers = new Headers({ "x-forwarded-for": "1.2.3.4, 10.0.0.1" });
    expect(clientIp(headers, "127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientIp(headers, "127.0.0.1", 1)).toBe("10.0.0.1");
    expect(clientIp(headers, "127.0.0.1", 2)).toBe("1.2.3.4");
    expect(clientIp(new Headers(), "127.0.0.1", 1)).toBe("127.0.0.1");
  });
});
