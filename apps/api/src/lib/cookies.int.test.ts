import { describe, expect, it } from "vitest";
import { Client, GOOD_PASSWORD, uniqueEmail, useTestApp } from "../test/harness.ts";

const HTTPS = "https://ensemble.kulturamt.example";
const t = useTestApp({ publicUrl: HTTPS });

describe("session cookie over https", () => {
  it("is Secure with the __Host- prefix, and mutations must come from the https origin", async () => {
    const client = new Client(t, { origin: HTTPS });
    const res = await client.post("/api/auth/sign-up", {
      email: uniqueEmail(),
      displayName: "Sec",
      password: GOOD_PASSWORD,
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-ensemble_session=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Domain=");
    expect((await client.get("/api/account/me")).status).toBe(200);
    const plain = await new Client(t).post("/api/auth/sign-in", { email: "a@b.de", password: "whatever-pw" });
    expect(plain.status).toBe(403); // http://localhost:3000 is not this instance's origin
  });
});
