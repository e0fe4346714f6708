import { describe, expect, it } from "vitest";
import { safeNext, signInPath } from "./navigation.ts";

describe("safeNext", () => {
  it.each([
    ["/settings", "/settings"],
    ["/settings?tab=1#x", "/settings?tab=1#x"],
    [null, "/"],
    ["", "/"],
    ["settings", "/"],
    ["//evil.example/path", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/a/../settings", "/settings"],
  ])("%s → %s", (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });
});

describe("signInPath", () => {
  it("comes back to the page afterwards, except home", () => {
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("/settings?a=1")).toBe("/sign-in?next=%2Fsettings%3Fa%3D1");
  });
});
