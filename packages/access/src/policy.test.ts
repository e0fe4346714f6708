import { describe, expect, it } from "vitest";
import {
  type Actor,
  can,
  canAssignOrganisationRole,
  canRemoveOrganisationMember,
  type NetworkAction,
  type NetworkSubject,
  networkActions,
  type OrganisationAction,
  type OrganisationRole,
  organisationActions,
  type ProjectAction,
  type ProjectRole,
  type ProjectSubject,
  projectActions,
} from "./policy.ts";

const actor: Actor = { userId: "u" };

/** Expected allowed actions per organisation role (null: not a member, e.g. another organisation). */
const organisationMatrix: Record<string, readonly OrganisationAction[]> = {
  owner: organisationActions,
  admin: [
    "read",
    "update",
    "manage_members",
    "read_audit",
    "create_network",
    "create_project",
    "answer_network_invitation",
    "leave",
  ],
  member: ["read", "create_project", "leave"],
  none: [],
};

describe("organisation policy", () => {
  for (const [role, allowed] of Object.entries(organisationMatrix)) {
    for (const action of organisationActions) {
      const expected = allowed.includes(action);
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        const r = role === "none" ? null : (role as OrganisationRole);
        expect(can(actor, action, { kind: "organisation", id: "o", role: r })).toBe(expected);
      });
    }
  }
});

type NetworkPersona = { coordinatorRole: OrganisationRole | null; partnerRoles: OrganisationRole[] };
const networkPersonas: Record<string, [NetworkPersona, readonly NetworkAction[]]> = {
  "coordinator owner": [{ coordinatorRole: "owner", partnerRoles: ["owner"] }, networkActions],
  "coordinator admin": [{ coordinatorRole: "admin", partnerRoles: ["admin"] }, networkActions],
  "coordinator member": [{ coordinatorRole: "member", partnerRoles: ["member"] }, ["read", "create_project"]],
  "partner admin": [{ coordinatorRole: null, partnerRoles: ["admin"] }, ["read", "create_project"]],
  "partner member": [{ coordinatorRole: null, partnerRoles: ["member"] }, ["read", "create_project"]],
  "member of an organisation outside the network": [{ coordinatorRole: null, partnerRoles: [] }, []],
};

describe("network policy", () => {
  for (const [name, [persona, allowed]] of Object.entries(networkPersonas)) {
    for (const action of networkActions) {
      const expected = allowed.includes(action);
      it(`${name} ${expected ? "may" : "may not"} ${action}`, () => {
        const subject: NetworkSubject = { kind: "network", id: "n", coordinatorId: "c", ...persona };
        expect(can(actor, action, subject)).toBe(expected);
      });
    }
  }
});

type ProjectPersona = { role: ProjectRole | null; ownerAdmin: boolean };
const projectPersonas: Record<string, ProjectPersona> = {
  lead: { role: "lead", ownerAdmin: false },
  editor: { role: "editor", ownerAdmin: false },
  viewer: { role: "viewer", ownerAdmin: false },
  "guest viewer": { role: "viewer", ownerAdmin: false },
  "admin of the owning organisation": { role: null, ownerAdmin: true },
  "removed member / outsider": { role: null, ownerAdmin: false },
};

/** Allowed actions per persona and project state. */
const projectMatrix: Record<ProjectSubject["state"], Record<string, readonly ProjectAction[]>> = {
  active: {
    lead: ["read", "update", "archive", "delete", "manage_members", "edit_content", "leave"],
    editor: ["read", "edit_content", "leave"],
    viewer: ["read", "leave"],
    "guest viewer": ["read", "leave"],
    "admin of the owning organisation": [
      "read",
      "update",
      "archive",
      "delete",
      "manage_members",
      "edit_content",
    ],
    "removed member / outsider": [],
  },
  archived: {
    lead: ["read", "unarchive", "delete", "leave"],
    editor: ["read", "leave"],
    viewer: ["read", "leave"],
    "guest viewer": ["read", "leave"],
    "admin of the owning organisation": ["read", "unarchive", "delete"],
    "removed member / outsider": [],
  },
  trashed: {
    lead: ["read", "restore"],
    editor: [],
    viewer: [],
    "guest viewer": [],
    "admin of the owning organisation": ["read", "restore"],
    "removed member / outsider": [],
  },
};

describe("project policy", () => {
  for (const [state, personas] of Object.entries(projectMatrix)) {
    for (const [name, allowed] of Object.entries(personas)) {
      for (const action of projectActions) {
        const expected = allowed.includes(action);
        it(`${state}: ${name} ${expected ? "may" : "may not"} ${action}`, () => {
          const subject: ProjectSubject = {
            kind: "project",
            id: "p",
            owner: { kind: "organisation", id: "o" },
            state: state as ProjectSubject["state"],
            ...(projectPersonas[name] as ProjectPersona),
          };
          expect(can(actor, action, subject)).toBe(expected);
        });
      }
    }
  }
});

describe("field-level role rules", () => {
  const roles: (OrganisationRole | null)[] = ["owner", "admin", "member", null];
  const cases: [OrganisationRole | null, OrganisationRole | null, OrganisationRole, boolean, boolean][] = [
    // actor, target's current role, new role, self, allowed
    ["owner", "member", "owner", false, true],
    ["owner", "owner", "admin", false, true],
    ["owner", "owner", "member", true, false],
    ["admin", "member", "admin", false, true],
    ["admin", "admin", "member", false, true],
    ["admin", "member", "owner", false, false],
    ["admin", "owner", "member", false, false],
    ["admin", null, "admin", false, true],
    ["admin", null, "owner", false, false],
    ["admin", "admin", "owner", true, false],
    ["member", "member", "admin", true, false],
    ["member", "member", "admin", false, false],
    [null, "member", "admin", false, false],
  ];
  for (const [actorRole, current, next, self, allowed] of cases) {
    it(`${actorRole ?? "outsider"} ${allowed ? "may" : "may not"} make ${self ? "themselves" : (current ?? "a newcomer")} ${next}`, () => {
      expect(canAssignOrganisationRole(actorRole, current, next, self)).toBe(allowed);
    });
  }
  it("lets admins remove members and admins but not owners; owners remove anyone; members nobody", () => {
    const table = roles.map((a) =>
      (["owner", "admin", "member"] as const).map((t) => canRemoveOrganisationMember(a, t)),
    );
    expect(table).toEqual([
      [true, true, true],
      [false, true, true],
      [false, false, false],
      [false, false, false],
    ]);
  });
});
