import {
  ChangeEmailInput,
  ChangePasswordInput,
  DeleteAccountInput,
  PendingEmail,
  SessionIdParam,
  SessionList,
  UpdateProfileInput,
} from "@ensemble/contracts/account";
import { MeResponse, OkResponse } from "@ensemble/contracts/auth";
import { AppError, ErrorBody } from "@ensemble/contracts/errors";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps } from "../../deps.ts";
import { clearSessionCookie } from "../../lib/cookies.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import type { AppEnv } from "../../types.ts";
import { presentMe } from "../auth/auth.presenter.ts";
import { requestMeta } from "../auth/auth.routes.ts";
import { presentSession } from "./account.presenter.ts";
import * as account from "./account.service.ts";

const tags = ["account"];
const notFound = jsonResponse(ErrorBody, "No such session");

/** The signed-in user and session; requireUser has run, so both exist. */
function who(c: Context<AppEnv>) {
  const user = c.get("user");
  const session = c.get("session");
  if (!user || !session) {
    throw new AppError("unauthenticated", "Please sign in.");
  }
  return { user, session };
}

const meRoute = createRoute({
  method: "get",
  path: "/me",
  tags,
  summary: "The signed-in user",
  responses: { 200: jsonResponse(MeResponse, "The user"), ...errorResponses },
});

const profileRoute = createRoute({
  method: "patch",
  path: "/profile",
  tags,
  summary: "Change display name or language",
  request: { body: jsonBody(UpdateProfileInput) },
  responses: { 200: jsonResponse(MeResponse, "Changed"), ...errorResponses },
});

const passwordRoute = createRoute({
  method: "post",
  path: "/password",
  tags,
  summary: "Change the password (needs the current one); ends every other session",
  request: { body: jsonBody(ChangePasswordInput) },
  responses: { 200: jsonResponse(OkResponse, "Changed"), ...errorResponses },
});

const emailRoute = createRoute({
  method: "post",
  path: "/email",
  tags,
  summary: "Change the email address (needs the password); counts once the new address is confirmed",
  request: { body: jsonBody(ChangeEmailInput) },
  responses: {
    202: jsonResponse(PendingEmail, "Confirmation mail sent to the new address"),
    409: jsonResponse(ErrorBody, "Address taken"),
    ...errorResponses,
  },
});

const sessionsRoute = createRoute({
  method: "get",
  path: "/sessions",
  tags,
  summary: "Where I am signed in",
  responses: { 200: jsonResponse(SessionList, "My sessions"), ...errorResponses },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/sessions/{id}",
  tags,
  summary: "End one of my sessions",
  request: { params: SessionIdParam },
  responses: { 200: jsonResponse(OkResponse, "Ended"), 404: notFound, ...errorResponses },
});

const othersRoute = createRoute({
  method: "post",
  path: "/sessions/sign-out-others",
  tags,
  summary: "End every session but this one",
  responses: {
    200: jsonResponse(z.object({ ended: z.number().int() }), "How many sessions ended"),
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/",
  tags,
  summary: "Delete my account (needs the password)",
  request: { body: jsonBody(DeleteAccountInput) },
  responses: { 200: jsonResponse(OkResponse, "Deleted"), ...errorResponses },
});

/** The signed-in user's own account: profile, password, email, sessions, deletion. */
export function accountRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  // changes here check passwords: they share the auth routes' per-IP budget
  r.use("*", async (c, next) => {
    if (c.req.method !== "GET") {
      await deps.limits.authRequest(c.get("clientIp"));
    }
    await next();
  });
  return r
    .openapi(meRoute, (c) => c.json({ user: presentMe(who(c).user) }, 200))
    .openapi(profileRoute, async (c) => {
      const updated = await account.updateProfile(deps, who(c).user, c.req.valid("json"));
      return c.json({ user: presentMe(updated) }, 200);
    })
    .openapi(passwordRoute, async (c) => {
      const { user, session } = who(c);
      await account.changePassword(deps, user, session, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(emailRoute, async (c) => {
      const pendingEmail = await account.changeEmail(deps, who(c).user, c.req.valid("json"), requestMeta(c));
      return c.json({ pendingEmail }, 202);
    })
    .openapi(sessionsRoute, async (c) => {
      const { user, session } = who(c);
      const sessions = await account.listSessions(deps, user);
      return c.json({ sessions: sessions.map((s) => presentSession(s, session.id)) }, 200);
    })
    .openapi(revokeRoute, async (c) => {
      const { user, session } = who(c);
      const { id } = c.req.valid("param");
      await account.revokeSession(deps, user, id);
      if (id === session.id) {
        clearSessionCookie(c, deps.config.secureCookies);
      }
      return c.json({ ok: true as const }, 200);
    })
    .openapi(othersRoute, async (c) => {
      const { user, session } = who(c);
      const ended = await account.signOutOthers(deps, user, session);
      return c.json({ ended }, 200);
    })
    .openapi(deleteRoute, async (c) => {
      await account.deleteAccount(deps, who(c).user, c.req.valid("json").password);
      clearSessionCookie(c, deps.config.secureCookies);
      return c.json({ ok: true as const }, 200);
    });
}
