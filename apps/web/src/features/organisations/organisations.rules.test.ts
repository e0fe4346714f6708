import type { OrganisationMember, OrganisationRole } from "@ensemble/contracts/organisations";
import { describe, expect, it } from "vitest";
import { assignableRoles, canRemoveMember, isLastOwner, transferCandidates } from "./organisations.rules.ts";

function member(role: OrganisationRole, isMe = false, userId = `${role}-${isMe}`): OrganisationMember {
  return {
    userId,
    displayName: userId,
    email: `${userId}@example.org`,
    role,
    joinedAt: "2025-01-01T00:00:00.000Z",
    isMe,
  };
}

describe("assignableRoles", () => {
  it.each([
    ["owner", "owner", ["owner", "admin", "member"]],
    ["owner", "admin", ["owner", "admin", "member"]],
    ["owner", "member", ["owner", "admin", "member"]],
    ["admin", "owner", []],
    ["admin", "admin", ["admin", "member"]],
    ["admin", "member", ["admin", "member"]],
    ["member", "member", []],
    ["member", "admin", []],
  ] as const)("%s changing a %s may choose %j", (mine, theirs, expected) => {
    expect(assignableRoles(mine, member(theirs))).toEqual(expected);
  });

  it("offers nobody their own role", () => {
    expect(assignableRoles("owner", member("owner", true))).toEqual([]);
    expect(assignableRoles("admin", member("admin", true))).toEqual([]);
  });
});

describe("canRemoveMember", () => {
  it.each([
    ["owner", "owner", true],
    ["owner", "admin", true],
    ["owner", "member", true],
    ["admin", "owner", false],
    ["admin", "admin", true],
    ["admin", "member", true],
    ["member", "member", false],
  ] as const)("%s removing a %s: %s", (mine, theirs, expected) => {
    expect(canRemoveMember(mine, member(theirs))).toBe(expected);
  });

  it("never offers removing oneself", () => {
    expect(canRemoveMember("owner", member("owner", true))).toBe(false);
  });
});

describe("transferCandidates and isLastOwner", () => {
  const me = member("owner", true, "me");
  const other = member("member", false, "other");
  const admin = member("admin", false, "admin");
  const coOwner = member("owner", false, "co");

  it("lists everyone else who is not an owner", () => {
    expect(transferCandidates([me, other, admin, coOwner]).map((m) => m.userId)).toEqual(["other", "admin"]);
  });

  it("knows when I am the only owner", () => {
    expect(isLastOwner([me, other])).toBe(true);
    expect(isLastOwner([me, coOwner])).toBe(false);
    expect(isLastOwner([member("admin", true), coOwner])).toBe(false);
  });
});
