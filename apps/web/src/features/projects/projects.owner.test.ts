import { describe, expect, it } from "vitest";
import {
  ownerFields,
  ownerFromSearch,
  ownerValue,
  parseOwnerValue,
  withOwnerFilter,
} from "./projects.owner.ts";

const ORG = "2b0f5a5e-4a43-4a39-9a55-8e3f2f1f0a11";
const NET = "7c1d1c1e-2f2a-4c6b-8d51-0a3b7b0b5e22";

describe("owner select values", () => {
  it.each([
    [{ kind: "organisation", id: ORG } as const, `org:${ORG}`],
    [{ kind: "network", id: NET } as const, `net:${NET}`],
  ])("round-trips %o", (owner, value) => {
    expect(ownerValue(owner)).toBe(value);
    expect(parseOwnerValue(value)).toEqual(owner);
  });

  it.each(["", "org:", "net:", "team:abc", ORG])("reads %j as no owner", (value) => {
    expect(parseOwnerValue(value)).toBeNull();
  });
});

describe("owner in the address", () => {
  it("reads organisationId, then networkId", () => {
    expect(ownerFromSearch(new URLSearchParams(`networkId=${NET}`))).toEqual({ kind: "network", id: NET });
    expect(ownerFromSearch(new URLSearchParams(`organisationId=${ORG}&networkId=${NET}`))).toEqual({
      kind: "organisation",
      id: ORG,
    });
    expect(ownerFromSearch(new URLSearchParams("view=trash"))).toBeNull();
  });

  it("replaces the filter and keeps the other params", () => {
    const params = new URLSearchParams(`view=archived&organisationId=${ORG}`);
    expect(withOwnerFilter(params, { kind: "network", id: NET }).toString()).toBe(
      `view=archived&networkId=${NET}`,
    );
    expect(withOwnerFilter(params, null).toString()).toBe("view=archived");
    // the input is left alone
    expect(params.get("organisationId")).toBe(ORG);
  });

  it("names the API fields", () => {
    expect(ownerFields({ kind: "organisation", id: ORG })).toEqual({ organisationId: ORG });
    expect(ownerFields({ kind: "network", id: NET })).toEqual({ networkId: NET });
    expect(ownerFields(null)).toEqual({});
  });
});
