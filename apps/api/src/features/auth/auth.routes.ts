import { sessionExpiresAt } from "@ensemble/auth/sessions";
import {
  ForgotPasswordInput,
  MeResponse,
  OkResponse,
  ResetPasswordInput,
  SignInInput,
  SignUpInput,
  TokenInput,
} from "@ensemble/contracts/auth";
import { ErrorBody } from "@ensemble/contracts/errors";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppDeps, RequestMeta } from "../../deps.ts";
import { clearSessionCookie, writeSessionCookie } from "../../lib/cookies.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import type { AppEnv } from "../../types.ts";
import { presentMe } from "./auth.presenter.ts";
import * as auth from "./auth.service.ts";

/** Who is asking, from where. */
export function requestMeta(c: Context<AppEnv>): RequestMeta {
  return { ip: c.get("clientIp"), userAgent: c.req.header("user-agent") ?? null };
}

const tags = ["auth"];

const signUpRoute = createRoute({
  method: "post",
  path: "/sign-up",
  tags,
  summary: "Create an account and sign in",
  request: { body: jsonBody(SignUpInput) },
  responses: {
    201: jsonResponse(MeResponse, "Signed up and signed in; a verification mail was sent"),
    409: jsonResponse(ErrorBody, "Email address taken"),
    ...errorResponses,
  },
});

const signInRoute = createRoute({
  method: "post",
  path: "/sign-in",
  tags,
  summary: "Sign in with email and password",
  request: { body: jsonBody(SignInInput) },
  responses: { 200: jsonResponse(MeResponse, "Signed in"), ...errorResponses },
});

const signOutRoute = createRoute({
  method: "post",
  path: "/sign-out",
  tags,
  summary: "End the current session",
  middleware: [requireUser] as const,
  responses: { 200: jsonResponse(OkResponse, "Signed out"), ...errorResponses },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/verify-email",
  tags,
  summary: "Confirm an email address with the token from the mail",
  request: { body: jsonBody(TokenInput) },
  responses: { 200: jsonResponse(OkResponse, "Address confirmed"), ...errorResponses },
});

const resendRoute = createRoute({
  method: "post",
  path: "/resend-verification",
  tags,
  summary: "Send the verification mail again",
  middleware: [requireUser] as const,
  responses: {
    200: jsonResponse(OkResponse, "Sent (if the address is not yet confirmed)"),
    ...errorResponses,
  },
});

const forgotRoute = createRoute({
  method: "post",
  path: "/forgot-password",
  tags,
  summary: "Mail a password reset link (same answer whether or not the address has an account)",
  request: { body: jsonBody(ForgotPasswordInput) },
  responses: { 200: jsonResponse(OkResponse, "Accepted"), ...errorResponses },
});

const resetRoute = createRoute({
  method: "post",
  path: "/reset-password",
  tags,
  summary: "Set a new password with the token from the mail; ends every session",
  request: { body: jsonBody(ResetPasswordInput) },
  responses: { 200: jsonResponse(OkResponse, "Password changed"), ...errorResponses },
});

/** Sign-up, sign-in, sign-out, email verification and password reset. */
export function authRoutes(deps: AppDeps) {
  const secure = deps.config.secureCookies;
  const r = router();
  r.use("*", async (c, next) => {
    // signing out must always work, even for someone who used up the budget
    if (!c.req.path.endsWith("/sign-out")) {
      await deps.limits.authRequest(c.get("clientIp"));
    }
    await next();
  });
  return r
    .openapi(signUpRoute, async (c) => {
      const result = await auth.signUp(deps, c.req.valid("json"), requestMeta(c));
      writeSessionCookie(c, secure, result.token, sessionExpiresAt(result.session, deps.sessionPolicy));
      return c.json({ user: presentMe(result.user) }, 201);
    })
    .openapi(signInRoute, async (c) => {
      const result = await auth.signIn(deps, c.req.valid("json"), requestMeta(c));
      writeSessionCookie(c, secure, result.token, sessionExpiresAt(result.session, deps.sessionPolicy));
      return c.json({ user: presentMe(result.user) }, 200);
    })
    .openapi(signOutRoute, async (c) => {
      const session = c.get("session");
      if (session) {
        await auth.signOut(deps, session.id);
      }
      clearSessionCookie(c, secure);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(verifyRoute, async (c) => {
      await auth.verifyEmail(deps, c.req.valid("json").token);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(resendRoute, async (c) => {
      const user = c.get("user");
      if (user) {
        await auth.resendVerification(deps, user, requestMeta(c));
      }
      return c.json({ ok: true as const }, 200);
    })
    .openapi(forgotRoute, async (c) => {
      await auth.forgotPassword(deps, c.req.valid("json"), requestMeta(c));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(resetRoute, async (c) => {
      await auth.resetPassword(deps, c.req.valid("json"));
      clearSessionCookie(c, secure);
      return c.json({ ok: true as const }, 200);
    });
}
