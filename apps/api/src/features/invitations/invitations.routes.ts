import { OkResponse } from "@ensemble/contracts/auth";
import {
  AcceptedInvitation,
  AcceptInvitationByIdInput,
  AcceptInvitationInput,
  InvitationIdParam,
  InvitationTokenInput,
  ReceivedInvitationList,
  ReceivedInvitationResponse,
} from "@ensemble/contracts/invitations";
import { createRoute } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as invitations from "./invitations.service.ts";

const tags = ["invitations"];

const routes = {
  preview: createRoute({
    method: "post",
    path: "/preview",
    tags,
    summary: "What an invitation link leads to (no session needed: the token is the proof)",
    request: { body: jsonBody(InvitationTokenInput) },
    responses: { 200: jsonResponse(ReceivedInvitationResponse, "The invitation"), ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Pending invitations addressed to me or to organisations I administer",
    responses: { 200: jsonResponse(ReceivedInvitationList, "Invitations"), ...errorResponses },
  }),
  accept: createRoute({
    method: "post",
    path: "/accept",
    tags,
    summary: "Accept by the mailed token (signed in with the invited address)",
    request: { body: jsonBody(AcceptInvitationInput) },
    responses: { 200: jsonResponse(AcceptedInvitation, "Accepted"), ...errorResponses },
  }),
  decline: createRoute({
    method: "post",
    path: "/decline",
    tags,
    summary: "Decline by the mailed token",
    request: { body: jsonBody(InvitationTokenInput) },
    responses: { 200: jsonResponse(OkResponse, "Declined"), ...errorResponses },
  }),
  acceptById: createRoute({
    method: "post",
    path: "/{invitationId}/accept",
    tags,
    summary: "Accept one of my invitations",
    request: { params: InvitationIdParam, body: jsonBody(AcceptInvitationByIdInput) },
    responses: { 200: jsonResponse(AcceptedInvitation, "Accepted"), ...errorResponses },
  }),
  declineById: createRoute({
    method: "post",
    path: "/{invitationId}/decline",
    tags,
    summary: "Decline one of my invitations",
    request: { params: InvitationIdParam },
    responses: { 200: jsonResponse(OkResponse, "Declined"), ...errorResponses },
  }),
};

/** The recipient's side of invitations. */
export function invitationsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", async (c, next) => {
    // the preview is the one public route here: the token proves the right to look
    if (c.req.path.endsWith("/invitations/preview")) {
      await deps.limits.authRequest(c.get("clientIp"));
      return next();
    }
    return requireUser(c, next);
  });
  return r
    .openapi(routes.preview, async (c) => {
      return c.json({ invitation: await invitations.previewByToken(deps, c.req.valid("json").token) }, 200);
    })
    .openapi(routes.list, async (c) => {
      return c.json({ invitations: await invitations.listReceived(deps, callerOf(c)) }, 200);
    })
    .openapi(routes.accept, async (c) => {
      const { token, organisationId } = c.req.valid("json");
      return c.json(await invitations.acceptInvitation(deps, callerOf(c), { token }, organisationId), 200);
    })
    .openapi(routes.decline, async (c) => {
      await invitations.declineInvitation(deps, callerOf(c), { token: c.req.valid("json").token });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.acceptById, async (c) => {
      const { invitationId } = c.req.valid("param");
      const accepted = await invitations.acceptInvitation(
        deps,
        callerOf(c),
        { id: invitationId },
        c.req.valid("json").organisationId,
      );
      return c.json(accepted, 200);
    })
    .openapi(routes.declineById, async (c) => {
      await invitations.declineInvitation(deps, callerOf(c), { id: c.req.valid("param").invitationId });
      return c.json({ ok: true as const }, 200);
    });
}
