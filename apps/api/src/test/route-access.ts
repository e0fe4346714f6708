/**
 * Every API route and who may call it: the route-walk test fails when a registered route is not
 * listed here, so no route ships without a decision. Scoped routes name the access action the
 * service checks and a valid sample body, so the walk can prove that a signed-in stranger gets
 * "not found" (not a validation error) and that nothing changes.
 */
export type RouteRule =
  | { public: string }
  | { self: string }
  | {
      scope:
        | "organisation"
        | "network"
        | "project"
        | "invitation"
        | "document"
        | "folder"
        | "template"
        | "board"
        | "column"
        | "task"
        | "label"
        | "checklist-item"
        | "task-comment";
      action: string;
      body?: unknown;
      query?: string;
    };

const org = (action: string, body?: unknown, query?: string): RouteRule => ({
  scope: "organisation",
  action,
  body,
  ...(query ? { query } : {}),
});
const net = (action: string, body?: unknown, query?: string): RouteRule => ({
  scope: "network",
  action,
  body,
  ...(query ? { query } : {}),
});
const project = (action: string, body?: unknown, query?: string): RouteRule => ({
  scope: "project",
  action,
  body,
  ...(query ? { query } : {}),
});
const doc = (action: string, body?: unknown, query?: string): RouteRule => ({
  scope: "document",
  action,
  body,
  ...(query ? { query } : {}),
});
const folder = (action: string, body?: unknown): RouteRule => ({ scope: "folder", action, body });
const board = (action: string, body?: unknown): RouteRule => ({ scope: "board", action, body });
const task = (action: string, body?: unknown): RouteRule => ({ scope: "task", action, body });

export const routeAccess: Record<string, RouteRule> = {
  "GET /api/health": { public: "load balancers and monitoring" },
  "GET /api/openapi.json": { public: "the API description" },
  "GET /api/reference": { public: "the API reference page" },
  "GET /api/reference/scalar.js": { public: "the reference page's script" },
  "POST /api/auth/sign-up": { public: "creating an account" },
  "POST /api/auth/sign-in": { public: "signing in" },
  "POST /api/auth/sign-out": { public: "signing out always works, with or without a valid session" },
  "POST /api/auth/verify-email": { public: "the mailed token proves the address" },
  "POST /api/auth/resend-verification": { self: "my own verification mail" },
  "POST /api/auth/forgot-password": { public: "asking for a reset link" },
  "POST /api/auth/reset-password": { public: "the mailed token proves the address" },
  "GET /api/account/me": { self: "my account" },
  "GET /api/events": { self: "my live event stream: each event is filtered by what I may read" },
  "PATCH /api/account/profile": { self: "my account" },
  "POST /api/account/password": { self: "my account" },
  "POST /api/account/email": { self: "my account" },
  "GET /api/account/sessions": { self: "my sessions" },
  "DELETE /api/account/sessions/:id": { self: "my sessions (another's is not found)" },
  "POST /api/account/sessions/sign-out-others": { self: "my sessions" },
  "DELETE /api/account": { self: "my account" },

  "GET /api/organisations": { self: "organisations I am a member of" },
  "POST /api/organisations": { self: "anyone signed in may found an organisation" },
  "GET /api/organisations/search": { self: "names of organisations, to invite them into a network" },
  "GET /api/organisations/:id": org("read"),
  "PATCH /api/organisations/:id": org("update", { name: "Übernommen" }),
  "GET /api/organisations/:id/members": org("read"),
  "PATCH /api/organisations/:id/members/:userId": org("manage_members", { role: "admin" }),
  "DELETE /api/organisations/:id/members/:userId": org("manage_members"),
  "POST /api/organisations/:id/leave": org("leave"),
  "POST /api/organisations/:id/transfer-ownership": org("transfer_ownership", { userId: ":userId" }),
  "GET /api/organisations/:id/invitations": org("manage_members"),
  "POST /api/organisations/:id/invitations": org("manage_members", {
    email: "new@example.org",
    role: "member",
  }),
  "DELETE /api/organisations/:id/invitations/:invitationId": org("manage_members"),
  "POST /api/organisations/:id/invitations/:invitationId/resend": org("manage_members"),
  "GET /api/organisations/:id/network-invitations": org("answer_network_invitation"),
  "GET /api/organisations/:id/audit": org("read_audit"),
  "GET /api/organisations/:id/audit.csv": org("read_audit"),

  "GET /api/networks": { self: "networks my organisations are in" },
  "POST /api/networks": { self: "the coordinating organisation is checked (create_network) in the service" },
  "GET /api/networks/:id": net("read"),
  "PATCH /api/networks/:id": net("update", { name: "Übernommen" }),
  "GET /api/networks/:id/onboarding": net("read_onboarding"),
  "POST /api/networks/:id/invitations": net("invite_partners", { email: "new@example.org" }),
  "DELETE /api/networks/:id/invitations/:invitationId": net("invite_partners"),
  "POST /api/networks/:id/invitations/:invitationId/resend": net("invite_partners"),
  "DELETE /api/networks/:id/partners/:organisationId": net("remove_partner"),
  "POST /api/networks/:id/checklist": net("manage_checklist", { label: "Neu" }),
  "PATCH /api/networks/:id/checklist/:itemId": net("manage_checklist", { label: "Umbenannt" }),
  "DELETE /api/networks/:id/checklist/:itemId": net("manage_checklist"),
  "PUT /api/networks/:id/partners/:organisationId/checklist/:itemId": net("manage_checklist", { done: true }),
  "GET /api/networks/:id/directory": net("read", undefined, "q=a"),
  "GET /api/networks/:id/audit": net("read_audit"),
  "GET /api/networks/:id/audit.csv": net("read_audit"),

  "GET /api/projects": { self: "projects I can see (scoped in SQL)" },
  "POST /api/projects": {
    self: "the owning organisation or network is checked (create_project) in the service",
  },
  "GET /api/projects/:id": project("read"),
  "PATCH /api/projects/:id": project("update", { name: "Übernommen" }),
  "POST /api/projects/:id/archive": project("archive"),
  "POST /api/projects/:id/unarchive": project("unarchive"),
  "DELETE /api/projects/:id": project("delete"),
  "POST /api/projects/:id/restore": project("restore"),
  "GET /api/projects/:id/members": project("read"),
  "PATCH /api/projects/:id/members/:userId": project("manage_members", { role: "viewer" }),
  "DELETE /api/projects/:id/members/:userId": project("manage_members"),
  "GET /api/projects/:id/invitations": project("manage_members"),
  "POST /api/projects/:id/invitations": project("manage_members", {
    email: "new@example.org",
    role: "viewer",
  }),
  "DELETE /api/projects/:id/invitations/:invitationId": project("manage_members"),
  "GET /api/projects/:id/documents": project("read", undefined, "view=trash"),
  "POST /api/projects/:id/documents": project("edit_content", { title: "Übernommen" }),
  "POST /api/projects/:id/folders": project("edit_content", { name: "Übernommen" }),

  "GET /api/documents/:id": doc("read"),
  "PATCH /api/documents/:id": doc("edit", { title: "Übernommen" }),
  "POST /api/documents/:id/duplicate": doc("edit"),
  "DELETE /api/documents/:id": doc("trash"),
  "POST /api/documents/:id/restore": doc("restore"),
  "DELETE /api/documents/:id/permanent": doc("delete"),
  "GET /api/projects/:id/document-templates": project("read", undefined, "language=en"),
  "POST /api/documents/:id/save-as-template": doc("read (and canSaveTemplate for the owner)", {
    name: "Übernommen",
    owner: { kind: "organisation", id: "00000000-0000-4000-8000-000000000000" },
  }),
  "GET /api/documents/:id/template-targets": doc("read (targets filtered by canSaveTemplate)"),
  "DELETE /api/document-templates/:id": { scope: "template", action: "delete" },
  "GET /api/documents/:id/versions": doc("read"),
  "POST /api/documents/:id/versions": doc("edit", { name: "Übernommen" }),
  "GET /api/documents/:id/versions/:versionId": doc("read"),
  "GET /api/documents/:id/threads": doc("read"),
  "GET /api/documents/:id/export": doc("read", undefined, "format=markdown"),
  "POST /api/projects/:id/documents/import": project("edit_content", {
    format: "markdown",
    filename: "Übernommen.md",
    content: "SGFsbG8=",
  }),
  "POST /api/documents/:id/threads": doc("comment", {
    id: "00000000-0000-4000-8000-000000000001",
    quote: "",
    body: "Übernommen",
  }),
  "POST /api/documents/:id/threads/:threadId/comments": doc("comment", { body: "Übernommen" }),
  "PATCH /api/documents/:id/threads/:threadId/comments/:commentId": doc(
    "comment, and edit of the comment (its author)",
    { body: "Übernommen" },
  ),
  "DELETE /api/documents/:id/threads/:threadId/comments/:commentId": doc(
    "comment, and delete of the comment (its author, leads and owner admins)",
  ),
  "POST /api/documents/:id/threads/:threadId/resolve": doc("comment"),
  "POST /api/documents/:id/threads/:threadId/reopen": doc("comment"),
  "PATCH /api/folders/:id": folder("edit_content of the folder's project", { name: "Übernommen" }),
  "DELETE /api/folders/:id": folder("edit_content of the folder's project"),

  "GET /api/projects/:id/boards": project("read"),
  "POST /api/projects/:id/boards": project("edit_content", { name: "Übernommen" }),
  "GET /api/projects/:id/labels": project("read"),
  "POST /api/projects/:id/labels": project("edit_content", { name: "Übernommen", color: "#123456" }),
  "GET /api/boards/:id": board("read"),
  "PATCH /api/boards/:id": board("manage", { name: "Übernommen" }),
  "DELETE /api/boards/:id": board("manage"),
  "POST /api/boards/:id/columns": board("manage", { name: "Übernommen" }),
  "GET /api/boards/:id/archive": board("read"),
  "POST /api/boards/:id/archive-done": board("edit"),
  "POST /api/boards/:id/tasks": board("edit", { columnId: ":columnId", title: "Übernommen" }),
  "PATCH /api/columns/:id": { scope: "column", action: "manage of its board", body: { name: "Übernommen" } },
  "POST /api/columns/:id/move": { scope: "column", action: "manage of its board", body: {} },
  "DELETE /api/columns/:id": {
    scope: "column",
    action: "manage of its board",
    query: "moveTo=00000000-0000-4000-8000-000000000000",
  },
  "PATCH /api/labels/:id": {
    scope: "label",
    action: "edit_content of its project",
    body: { name: "Übernommen" },
  },
  "DELETE /api/labels/:id": { scope: "label", action: "edit_content of its project" },
  "GET /api/tasks/:id": task("read"),
  "PATCH /api/tasks/:id": task("edit", { title: "Übernommen" }),
  "DELETE /api/tasks/:id": task("edit"),
  "POST /api/tasks/:id/move": task("edit", { columnId: ":columnId" }),
  "POST /api/tasks/:id/archive": task("edit"),
  "POST /api/tasks/:id/restore": task("edit"),
  "POST /api/tasks/:id/checklist": task("edit", { text: "Übernommen" }),
  "PUT /api/tasks/:id/documents/:documentId": task("edit (the document of the same project)"),
  "DELETE /api/tasks/:id/documents/:documentId": task("edit"),
  "GET /api/tasks/:id/activity": task("read"),
  "GET /api/tasks/:id/comments": task("read"),
  "POST /api/tasks/:id/comments": task("comment", { body: "Übernommen" }),
  "PATCH /api/checklist-items/:id": {
    scope: "checklist-item",
    action: "edit of its task",
    body: { done: true },
  },
  "DELETE /api/checklist-items/:id": { scope: "checklist-item", action: "edit of its task" },
  "POST /api/checklist-items/:id/move": { scope: "checklist-item", action: "edit of its task", body: {} },
  "POST /api/checklist-items/:id/promote": { scope: "checklist-item", action: "edit of its task" },
  "PATCH /api/task-comments/:id": {
    scope: "task-comment",
    action: "comment on its task, and edit of the comment (its author)",
    body: { body: "Übernommen" },
  },
  "DELETE /api/task-comments/:id": {
    scope: "task-comment",
    action: "comment on its task, and delete of the comment (its author, leads and owner admins)",
  },
  "GET /api/me/tasks": { self: "tasks assigned to me in the projects I can read (scoped in SQL)" },

  "GET /api/invitations": { self: "invitations addressed to me" },
  "POST /api/invitations/preview": { public: "the mailed token proves the right to look" },
  "POST /api/invitations/accept": { self: "the token, and my address must be the invited one" },
  "POST /api/invitations/decline": { self: "the token, and my address must be the invited one" },
  "POST /api/invitations/:invitationId/accept": { scope: "invitation", action: "answer", body: {} },
  "POST /api/invitations/:invitationId/decline": { scope: "invitation", action: "answer" },
};
