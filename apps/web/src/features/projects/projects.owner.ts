/** Who a project belongs to: one of my organisations or one of my networks. */
export type OwnerRef = { kind: "organisation"; id: string } | { kind: "network"; id: string };

/** The value of an owner in a select: "org:<id>" or "net:<id>". */
export function ownerValue(owner: OwnerRef): string {
  return owner.kind === "organisation" ? `org:${owner.id}` : `net:${owner.id}`;
}

/** Reads a select value back ("org:<id>" / "net:<id>"); anything else is no owner. */
export function parseOwnerValue(value: string): OwnerRef | null {
  const [prefix, ...rest] = value.split(":");
  const id = rest.join(":");
  if (id === "") {
    return null;
  }
  if (prefix === "org") {
    return { kind: "organisation", id };
  }
  if (prefix === "net") {
    return { kind: "network", id };
  }
  return null;
}

/** The owner named by `?organisationId=` or `?networkId=` (the organisation wins if both are there). */
export function ownerFromSearch(params: URLSearchParams): OwnerRef | null {
  const organisationId = params.get("organisationId");
  if (organisationId) {
    return { kind: "organisation", id: organisationId };
  }
  const networkId = params.get("networkId");
  if (networkId) {
    return { kind: "network", id: networkId };
  }
  return null;
}

/** The API's fields for an owner: `{ organisationId }` or `{ networkId }`. */
export function ownerFields(owner: OwnerRef | null): { organisationId?: string; networkId?: string } {
  if (!owner) {
    return {};
  }
  return owner.kind === "organisation" ? { organisationId: owner.id } : { networkId: owner.id };
}

/** The search params with the owner filter set (or removed), keeping every other param. */
export function withOwnerFilter(params: URLSearchParams, owner: OwnerRef | null): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete("organisationId");
  next.delete("networkId");
  if (owner) {
    next.set(owner.kind === "organisation" ? "organisationId" : "networkId", owner.id);
  }
  return next;
}
