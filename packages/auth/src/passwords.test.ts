import { describe, expect, it } from "vitest";
import { HasherBusyError, isCommonPassword, PasswordHasher } from "./passwords.ts";

describe("passwords", () => {
  it("hashes with argon2id and verifies long passwords exactly as typed", async () => {
    const hasher = new PasswordHasher(2);
    for (const length of [64, 256]) {
      const pw = [..."ä€🎭x ".repeat(64)].slice(0, length).join(""); // code points, as typed
      expect([...pw]).toHaveLength(length);
      const stored = await hasher.hash(pw);
      expect(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
      expect(await hasher.verify(stored, pw)).toBe(true);
      expect(await hasher.verify(stored, `${pw} `)).toBe(false);
      expect(await hasher.verify(stored, pw.slice(0, -1))).toBe(false);
    }
    expect(await hasher.verify("not-a-hash", "whatever")).toBe(false);
  });

  it("knows the common passwords list (at least 3,000 entries, case-insensitive)", async () => {
    const { readFileSync } = await import("node:fs");
    const list = readFileSync(new URL("../data/common-passwords.txt", import.meta.url), "utf8").split("\n");
    expect(list.filter(Boolean).length).toBeGreaterThanOrEqual(3000);
    expect(isCommonPassword("password1234")).toBe(true);
    expect(isCommonPassword("QwertyUiop")).toBe(true);
    expect(isCommonPassword("Passwort1234")).toBe(true);
    expect(isCommonPassword("Kulturnetz-Bochum 2026!")).toBe(false);
  });

  it("caps concurrent hashing and refuses when the queue is full", async () => {
    const hasher = new PasswordHasher(1, 2);
    const jobs = [hasher.hash("aaaaaaaaaaa1"), hasher.hash("aaaaaaaaaaa2"), hasher.hash("aaaaaaaaaaa3")];
    expect(hasher.load()).toEqual({ running: 1, waiting: 2 });
    await expect(hasher.hash("aaaaaaaaaaa4")).rejects.toBeInstanceOf(HasherBusyError);
    await Promise.all(jobs);
    expect(hasher.load()).toEqual({ running: 0, waiting: 0 });
  });
});
