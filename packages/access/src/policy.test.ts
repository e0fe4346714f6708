import { describe, expect, it } from "vitest";
import {
  type Actor,
  type BoardAction,
  boardActions,
  type CommentAction,
  type CommentSubject,
  can,
  canAssignOrganisationRole,
  canRemoveOrganisationMember,
  canSaveTemplate,
  commentActions,
  type DocumentAction,
  type DocumentSubject,
  documentActions,
  type NetworkAction,
  type NetworkSubject,
  networkActions,
  type OrganisationAction,
  type OrganisationRole,
  type OrganisationSubject,
  organisationActions,
  type ProjectAction,
  type ProjectRole,
  type ProjectSubject,
  projectActions,
  type TaskAction,
  type TaskCommentAction,
  type TaskCommentSubject,
  type TemplateAction,
  type TemplateSubject,
  taskActions,
  taskCommentActions,
  templateActions,
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

type DocumentPersona = ProjectPersona & { creator: boolean };
const documentPersonas: Record<string, DocumentPersona> = {
  lead: { role: "lead", ownerAdmin: false, creator: false },
  "editor who created it": { role: "editor", ownerAdmin: false, creator: true },
  "another editor": { role: "editor", ownerAdmin: false, creator: false },
  viewer: { role: "viewer", ownerAdmin: false, creator: false },
  "viewer who created it (a former editor)": { role: "viewer", ownerAdmin: false, creator: true },
  "admin of the owning organisation": { role: null, ownerAdmin: true, creator: false },
  outsider: { role: null, ownerAdmin: false, creator: false },
};

/** Allowed document actions per persona, by project state and whether the document is trashed. */
const documentMatrix: Record<string, Record<string, readonly DocumentAction[]>> = {
  "active project, document active": {
    lead: ["read", "edit", "comment", "trash"],
    "editor who created it": ["read", "edit", "comment", "trash"],
    "another editor": ["read", "edit", "comment", "trash"],
    viewer: ["read", "comment"],
    "viewer who created it (a former editor)": ["read", "comment"],
    "admin of the owning organisation": ["read", "edit", "comment", "trash"],
    outsider: [],
  },
  "active project, document trashed": {
    lead: ["read", "restore", "delete"],
    "editor who created it": ["read", "restore", "delete"],
    "another editor": ["read", "restore"],
    viewer: [],
    "viewer who created it (a former editor)": [],
    "admin of the owning organisation": ["read", "restore", "delete"],
    outsider: [],
  },
  "archived project, document active": {
    lead: ["read"],
    "editor who created it": ["read"],
    "another editor": ["read"],
    viewer: ["read"],
    "viewer who created it (a former editor)": ["read"],
    "admin of the owning organisation": ["read"],
    outsider: [],
  },
  "archived project, document trashed": {
    lead: [],
    "editor who created it": [],
    "another editor": [],
    viewer: [],
    "viewer who created it (a former editor)": [],
    "admin of the owning organisation": [],
    outsider: [],
  },
  "trashed project, document active": {
    lead: ["read"],
    "editor who created it": [],
    "another editor": [],
    viewer: [],
    "viewer who created it (a former editor)": [],
    "admin of the owning organisation": ["read"],
    outsider: [],
  },
};

describe("document policy", () => {
  for (const [situation, personas] of Object.entries(documentMatrix)) {
    const [projectPart = "", documentPart = ""] = situation.split(", ");
    const state = projectPart.split(" ")[0] as ProjectSubject["state"];
    for (const [name, allowed] of Object.entries(personas)) {
      for (const action of documentActions) {
        const expected = allowed.includes(action);
        it(`${situation}: ${name} ${expected ? "may" : "may not"} ${action}`, () => {
          const { creator, ...persona } = documentPersonas[name] as DocumentPersona;
          const subject: DocumentSubject = {
            kind: "document",
            id: "d",
            trashed: documentPart.endsWith("trashed"),
            creator,
            project: {
              kind: "project",
              id: "p",
              owner: { kind: "organisation", id: "o" },
              state,
              ...persona,
            },
          };
          expect(can(actor, action, subject)).toBe(expected);
        });
      }
    }
  }
});

type CommentPersona = ProjectPersona & { author: boolean };
const commentPersonas: Record<string, CommentPersona> = {
  "lead who wrote it": { role: "lead", ownerAdmin: false, author: true },
  lead: { role: "lead", ownerAdmin: false, author: false },
  "editor who wrote it": { role: "editor", ownerAdmin: false, author: true },
  "another editor": { role: "editor", ownerAdmin: false, author: false },
  "viewer who wrote it": { role: "viewer", ownerAdmin: false, author: true },
  "another viewer": { role: "viewer", ownerAdmin: false, author: false },
  "admin of the owning organisation": { role: null, ownerAdmin: true, author: false },
  "former member who wrote it": { role: null, ownerAdmin: false, author: true },
  outsider: { role: null, ownerAdmin: false, author: false },
};

/** Allowed actions on a comment per persona, by project state and whether the document is trashed. */
const commentMatrix: Record<string, Record<string, readonly CommentAction[]>> = {
  "active project, document active": {
    "lead who wrote it": ["read", "edit", "delete"],
    lead: ["read", "delete"],
    "editor who wrote it": ["read", "edit", "delete"],
    "another editor": ["read"],
    "viewer who wrote it": ["read", "edit", "delete"],
    "another viewer": ["read"],
    "admin of the owning organisation": ["read", "delete"],
    "former member who wrote it": [],
    outsider: [],
  },
  "active project, document trashed": {
    "lead who wrote it": ["read"],
    lead: ["read"],
    "editor who wrote it": ["read"],
    "another editor": ["read"],
    "viewer who wrote it": [],
    "another viewer": [],
    "admin of the owning organisation": ["read"],
    "former member who wrote it": [],
    outsider: [],
  },
  "archived project, document active": {
    "lead who wrote it": ["read"],
    lead: ["read"],
    "editor who wrote it": ["read"],
    "another editor": ["read"],
    "viewer who wrote it": ["read"],
    "another viewer": ["read"],
    "admin of the owning organisation": ["read"],
    "former member who wrote it": [],
    outsider: [],
  },
  "trashed project, document active": {
    "lead who wrote it": ["read"],
    lead: ["read"],
    "editor who wrote it": [],
    "another editor": [],
    "viewer who wrote it": [],
    "another viewer": [],
    "admin of the owning organisation": ["read"],
    "former member who wrote it": [],
    outsider: [],
  },
};

describe("comment policy", () => {
  for (const [situation, personas] of Object.entries(commentMatrix)) {
    const [projectPart = "", documentPart = ""] = situation.split(", ");
    const state = projectPart.split(" ")[0] as ProjectSubject["state"];
    for (const [name, allowed] of Object.entries(personas)) {
      for (const action of commentActions) {
        const expected = allowed.includes(action);
        it(`${situation}: ${name} ${expected ? "may" : "may not"} ${action} the comment`, () => {
          const { author, ...persona } = commentPersonas[name] as CommentPersona;
          const subject: CommentSubject = {
            kind: "comment",
            id: "c",
            author,
            document: {
              kind: "document",
              id: "d",
              trashed: documentPart.endsWith("trashed"),
              creator: false,
              project: {
                kind: "project",
                id: "p",
                owner: { kind: "organisation", id: "o" },
                state,
                ...persona,
              },
            },
          };
          expect(can(actor, action, subject)).toBe(expected);
        });
      }
    }
  }
});

const orgOwner = (role: OrganisationRole | null): OrganisationSubject => ({
  kind: "organisation",
  id: "o",
  role,
});
const netOwner = (
  coordinatorRole: OrganisationRole | null,
  partnerRoles: OrganisationRole[],
): NetworkSubject => ({
  kind: "network",
  id: "n",
  coordinatorId: "c",
  coordinatorRole,
  partnerRoles,
});

describe("template policy", () => {
  const cases: [string, TemplateSubject["owner"], boolean, readonly TemplateAction[]][] = [
    // who, owner facts, saved it?, allowed
    ["organisation owner", orgOwner("owner"), false, ["read", "delete"]],
    ["organisation admin", orgOwner("admin"), false, ["read", "delete"]],
    ["organisation member", orgOwner("member"), false, ["read"]],
    ["organisation member who saved it", orgOwner("member"), true, ["read", "delete"]],
    ["former member who saved it", orgOwner(null), true, []],
    ["outsider", orgOwner(null), false, []],
    ["coordinator admin", netOwner("admin", ["admin"]), false, ["read", "delete"]],
    ["coordinator member", netOwner("member", ["member"]), false, ["read"]],
    ["partner admin", netOwner(null, ["admin"]), false, ["read"]],
    ["partner member who saved it", netOwner(null, ["member"]), true, ["read", "delete"]],
    ["organisation outside the network", netOwner(null, []), false, []],
    ["former partner who saved it", netOwner(null, []), true, []],
  ];
  for (const [who, owner, creator, allowed] of cases) {
    for (const action of templateActions) {
      const expected = allowed.includes(action);
      it(`${who} ${expected ? "may" : "may not"} ${action} a template`, () => {
        expect(can(actor, action, { kind: "template", id: "t", owner, creator })).toBe(expected);
      });
    }
  }
});

describe("saving a document as a template", () => {
  const doc = (
    owner: ProjectSubject["owner"],
    persona: ProjectPersona,
    extra: Partial<DocumentSubject> = {},
    state: ProjectSubject["state"] = "active",
  ): DocumentSubject => ({
    kind: "document",
    id: "d",
    trashed: false,
    creator: false,
    project: { kind: "project", id: "p", owner, state, ...persona },
    ...extra,
  });
  const inOrg = { kind: "organisation" as const, id: "o" };
  const inNet = { kind: "network" as const, id: "n" };
  const viewer: ProjectPersona = { role: "viewer", ownerAdmin: false };
  const none: ProjectPersona = { role: null, ownerAdmin: false };
  const cases: [string, DocumentSubject, TemplateSubject["owner"], boolean, boolean][] = [
    // case, document, owner, owner is a partner of the project's network, allowed
    [
      "a viewer who is a member, into the project's organisation",
      doc(inOrg, viewer),
      orgOwner("member"),
      false,
      true,
    ],
    ["from an archived project", doc(inOrg, viewer, {}, "archived"), orgOwner("member"), false, true],
    ["a guest (not a member of the organisation)", doc(inOrg, viewer), orgOwner(null), false, false],
    ["into another organisation", doc(inOrg, viewer), { ...orgOwner("owner"), id: "other" }, false, false],
    ["someone who cannot read the document", doc(inOrg, none), orgOwner("owner"), false, false],
    [
      "a trashed document",
      doc(inOrg, { role: "lead", ownerAdmin: false }, { trashed: true }),
      orgOwner("owner"),
      false,
      false,
    ],
    [
      "into the network, as a coordinator admin",
      doc(inNet, viewer),
      netOwner("admin", ["admin"]),
      false,
      true,
    ],
    ["into the network, as a partner admin", doc(inNet, viewer), netOwner(null, ["admin"]), false, false],
    [
      "into another network",
      doc(inNet, viewer),
      { ...netOwner("owner", ["owner"]), id: "other" },
      false,
      false,
    ],
    [
      "a network into an organisation project",
      doc(inOrg, viewer),
      { ...netOwner("owner", ["owner"]), id: "o" },
      false,
      false,
    ],
    ["into my partner organisation", doc(inNet, viewer), { ...orgOwner("member"), id: "p1" }, true, true],
    [
      "into my organisation outside the network",
      doc(inNet, viewer),
      { ...orgOwner("owner"), id: "x" },
      false,
      false,
    ],
    [
      "into a partner organisation I am not in",
      doc(inNet, viewer),
      { ...orgOwner(null), id: "p2" },
      true,
      false,
    ],
  ];
  for (const [name, document, owner, partner, allowed] of cases) {
    it(`${allowed ? "allows" : "refuses"} ${name}`, () => {
      expect(canSaveTemplate(actor, document, owner, partner)).toBe(allowed);
    });
  }
});

const projectWith = (state: ProjectSubject["state"], persona: ProjectPersona): ProjectSubject => ({
  kind: "project",
  id: "p",
  owner: { kind: "organisation", id: "o" },
  state,
  ...persona,
});

/** Allowed board actions per persona and project state (tasks follow the same rules). */
const boardMatrix: Record<ProjectSubject["state"], Record<string, readonly BoardAction[]>> = {
  active: {
    lead: ["read", "edit", "manage", "comment"],
    editor: ["read", "edit", "manage", "comment"],
    viewer: ["read", "comment"],
    "guest viewer": ["read", "comment"],
    "admin of the owning organisation": ["read", "edit", "manage", "comment"],
    "removed member / outsider": [],
  },
  archived: {
    lead: ["read"],
    editor: ["read"],
    viewer: ["read"],
    "guest viewer": ["read"],
    "admin of the owning organisation": ["read"],
    "removed member / outsider": [],
  },
  trashed: {
    lead: ["read"],
    editor: [],
    viewer: [],
    "guest viewer": [],
    "admin of the owning organisation": ["read"],
    "removed member / outsider": [],
  },
};

describe("board and task policy", () => {
  for (const [state, personas] of Object.entries(boardMatrix)) {
    for (const [name, allowed] of Object.entries(personas)) {
      const project = projectWith(state as ProjectSubject["state"], projectPersonas[name] as ProjectPersona);
      for (const action of boardActions) {
        const expected = allowed.includes(action);
        it(`${state}: ${name} ${expected ? "may" : "may not"} ${action} a board`, () => {
          expect(can(actor, action, { kind: "board", id: "b", project })).toBe(expected);
        });
      }
      for (const action of taskActions) {
        const expected = allowed.includes(action as BoardAction);
        it(`${state}: ${name} ${expected ? "may" : "may not"} ${action} a task`, () => {
          expect(can(actor, action as TaskAction, { kind: "task", id: "t", boardId: "b", project })).toBe(
            expected,
          );
        });
      }
    }
  }
});

/** Allowed actions on a task comment per persona and project state. */
const taskCommentMatrix: Record<ProjectSubject["state"], Record<string, readonly TaskCommentAction[]>> = {
  active: {
    "lead who wrote it": ["read", "edit", "delete"],
    lead: ["read", "delete"],
    "editor who wrote it": ["read", "edit", "delete"],
    "another editor": ["read"],
    "viewer who wrote it": ["read", "edit", "delete"],
    "another viewer": ["read"],
    "admin of the owning organisation": ["read", "delete"],
    "former member who wrote it": [],
    outsider: [],
  },
  archived: {
    "lead who wrote it": ["read"],
    lead: ["read"],
    "editor who wrote it": ["read"],
    "another editor": ["read"],
    "viewer who wrote it": ["read"],
    "another viewer": ["read"],
    "admin of the owning organisation": ["read"],
    "former member who wrote it": [],
    outsider: [],
  },
  trashed: {
    "lead who wrote it": ["read"],
    lead: ["read"],
    "editor who wrote it": [],
    "another editor": [],
    "viewer who wrote it": [],
    "another viewer": [],
    "admin of the owning organisation": ["read"],
    "former member who wrote it": [],
    outsider: [],
  },
};

describe("task comment policy", () => {
  for (const [state, personas] of Object.entries(taskCommentMatrix)) {
    for (const [name, allowed] of Object.entries(personas)) {
      for (const action of taskCommentActions) {
        const expected = allowed.includes(action);
        it(`${state}: ${name} ${expected ? "may" : "may not"} ${action} the task comment`, () => {
          const { author, ...persona } = commentPersonas[name] as CommentPersona;
          const subject: TaskCommentSubject = {
            kind: "task_comment",
            id: "c",
            author,
            task: {
              kind: "task",
              id: "t",
              boardId: "b",
              project: projectWith(state as ProjectSubject["state"], persona),
            },
          };
          expect(can(actor, action, subject)).toBe(expected);
        });
      }
    }
  }
});
