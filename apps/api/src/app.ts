import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AppError } from "@ensemble/contracts/errors";
import { Scalar } from "@scalar/hono-api-reference";
import type { Context } from "hono";
import type { AppDeps } from "./deps.ts";
import { accountRoutes } from "./features/account/account.routes.ts";
import { authRoutes } from "./features/auth/auth.routes.ts";
import {
  boardsRoutes,
  columnsRoutes,
  labelsRoutes,
  projectBoardsRoutes,
} from "./features/boards/boards.routes.ts";
import { commentsRoutes } from "./features/document-comments/document-comments.routes.ts";
import {
  projectTemplatesRoutes,
  saveAsTemplateRoutes,
  templatesRoutes,
} from "./features/document-templates/document-templates.routes.ts";
import {
  exportRoutes,
  IMPORT_BODY_LIMIT,
  IMPORT_PATH,
  importRoutes,
} from "./features/document-transfer/document-transfer.routes.ts";
import { versionsRoutes } from "./features/document-versions/document-versions.routes.ts";
import {
  documentsRoutes,
  foldersRoutes,
  projectDocumentsRoutes,
} from "./features/documents/documents.routes.ts";
import { eventsRoutes } from "./features/events/events.routes.ts";
import { healthRoutes } from "./features/health/health.routes.ts";
import { invitationsRoutes } from "./features/invitations/invitations.routes.ts";
import { networksRoutes } from "./features/networks/networks.routes.ts";
import { organisationsRoutes } from "./features/organisations/organisations.routes.ts";
import { projectsRoutes } from "./features/projects/projects.routes.ts";
import { taskCommentRoutes, taskCommentsRoutes } from "./features/task-comments/task-comments.routes.ts";
import {
  boardTasksRoutes,
  checklistItemsRoutes,
  meRoutes,
  tasksRoutes,
} from "./features/tasks/tasks.routes.ts";
import { router } from "./lib/openapi.ts";
import { handleError } from "./middleware/error-handler.ts";
import { requestContext } from "./middleware/request-context.ts";
import { baseSecurityHeaders, jsonBodies, requireSameOrigin } from "./middleware/security.ts";
import { loadSession } from "./middleware/session.ts";
import { webApp } from "./web-static.ts";

const require = createRequire(import.meta.url);
let scalarBundle: string | undefined;

/** Builds the whole HTTP app from its dependencies. */
export function createApp(deps: AppDeps) {
  const api = router()
    .route("/health", healthRoutes(deps))
    .route("/auth", authRoutes(deps))
    .route("/account", accountRoutes(deps))
    .route("/organisations", organisationsRoutes(deps))
    .route("/networks", networksRoutes(deps))
    .route("/projects", projectsRoutes(deps))
    .route("/projects", projectDocumentsRoutes(deps))
    .route("/documents", documentsRoutes(deps))
    .route("/folders", foldersRoutes(deps))
    .route("/projects", projectTemplatesRoutes(deps))
    .route("/documents", saveAsTemplateRoutes(deps))
    .route("/document-templates", templatesRoutes(deps))
    .route("/documents", versionsRoutes(deps))
    .route("/documents", commentsRoutes(deps))
    .route("/documents", exportRoutes(deps))
    .route("/projects", importRoutes(deps))
    .route("/invitations", invitationsRoutes(deps))
    .route("/projects", projectBoardsRoutes(deps))
    .route("/boards", boardsRoutes(deps))
    .route("/boards", boardTasksRoutes(deps))
    .route("/columns", columnsRoutes(deps))
    .route("/labels", labelsRoutes(deps))
    .route("/tasks", tasksRoutes(deps))
    .route("/tasks", taskCommentsRoutes(deps))
    .route("/checklist-items", checklistItemsRoutes(deps))
    .route("/task-comments", taskCommentRoutes(deps))
    .route("/me", meRoutes(deps))
    .route("/events", eventsRoutes(deps));

  const docs = {
    openapi: "3.1.0",
    info: {
      title: "Ensemble API",
      version: "0.1.0",
      description:
        "Every unsafe request needs `Origin` equal to the public URL and a JSON body; errors answer `{ error: { code, message, fields? } }`.",
    },
  } as const;
  // The reference page loads Scalar from our own server (no CDN: privacy, offline installs).
  api.get("/reference/scalar.js", (c) => {
    scalarBundle ??= readFileSync(
      join(dirname(require.resolve("@scalar/api-reference")), "browser/standalone.js"),
      "utf8",
    );
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(scalarBundle, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
  api.get("/reference", async (c, next) => {
    const nonce = randomBytes(16).toString("base64");
    c.header(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'`,
    );
    const page = Scalar({
      url: "/api/openapi.json",
      cdn: "/api/reference/scalar.js",
      nonce,
      pageTitle: "Ensemble API",
      // nothing leaves the instance: no web fonts, no telemetry, no hosted MCP
      withDefaultFonts: false,
      telemetry: false,
      mcp: { disabled: true },
    });
    return page(c as unknown as Context, next);
  });

  const app = router();
  app.use("*", requestContext(deps.logger, deps.config.trustedProxyHops));
  app.use("*", baseSecurityHeaders());
  app.use("/api/*", requireSameOrigin(deps.config.publicOrigin));
  app.use("/api/*", jsonBodies([{ method: "POST", path: IMPORT_PATH, maxSize: IMPORT_BODY_LIMIT }]));
  app.use("/api/*", loadSession(deps.db, deps.sessionPolicy, deps.config.secureCookies, deps.now));
  app.onError(handleError);
  app.notFound((c) => handleError(new AppError("not_found", "There is nothing at this address."), c));
  const routed = app.route("/api", api);
  routed.doc31("/api/openapi.json", docs);
  routed.all("/api/*", () => {
    throw new AppError("not_found", "There is nothing at this address.");
  });
  const web = webApp(deps.config.webDist);
  if (web) {
    routed.route("/", web);
  }
  return routed;
}

/** The API's type, for the web app's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
