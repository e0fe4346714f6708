import { describe, expect, it } from "vitest";
import { mayReceive, NO_SCOPES, type ReadScopes, type ScopedRow, touchesScopes } from "./scopes.ts";

const me = "u-me";
const scopes: ReadScopes = {
  projects: new Set(["p-mine"]),
  organisations: new Set(["o-mine"]),
  networks: new Set(["n-mine"]),
};

const row = (r: Partial<ScopedRow>): ScopedRow => ({
  project_id: null,
  organisation_id: null,
  network_id: null,
  user_id: null,
  ...r,
});

describe("mayReceive", () => {
  const table: [string, ScopedRow, boolean][] = [
    ["an event of my project", row({ project_id: "p-mine" }), true],
    ["an event of another project", row({ project_id: "p-other" }), false],
    ["an event of my organisation", row({ organisation_id: "o-mine" }), true],
    ["an event of another organisation", row({ organisation_id: "o-other" }), false],
    ["an event of my network", row({ network_id: "n-mine" }), true],
    ["an event of another network", row({ network_id: "n-other" }), false],
    ["an event addressed to me", row({ user_id: me }), true],
    ["an event addressed to someone else", row({ user_id: "u-other" }), false],
    ["addressed to me about my project", row({ user_id: me, project_id: "p-mine" }), true],
    ["addressed to me about a project I left", row({ user_id: me, project_id: "p-other" }), false],
    ["addressed to someone else about my project", row({ user_id: "u-other", project_id: "p-mine" }), false],
    ["my project but another organisation", row({ project_id: "p-mine", organisation_id: "o-other" }), false],
    ["a row with no scope (internal marker)", row({}), false],
    // an id of one kind never opens another kind
    ["a project id used as an organisation id", row({ organisation_id: "p-mine" }), false],
    ["an organisation id used as a project id", row({ project_id: "o-mine" }), false],
  ];
  it.each(table)("%s → %s", (_label, r, expected) => {
    expect(mayReceive(scopes, me, r)).toBe(expected);
  });

  it("gives nothing to someone without scopes but what is addressed to them", () => {
    expect(mayReceive(NO_SCOPES, me, row({ project_id: "p-mine" }))).toBe(false);
    expect(mayReceive(NO_SCOPES, me, row({ user_id: me }))).toBe(true);
  });
});

describe("touchesScopes", () => {
  it("matches a revocation's scope by kind and id", () => {
    expect(touchesScopes(scopes, "project", "p-mine")).toBe(true);
    expect(touchesScopes(scopes, "project", "o-mine")).toBe(false);
    expect(touchesScopes(scopes, "organisation", "o-mine")).toBe(true);
    expect(touchesScopes(scopes, "network", "n-mine")).toBe(true);
    expect(touchesScopes(scopes, "document", "p-mine")).toBe(false);
  });
});
