import { OkResponse } from "@ensemble/contracts/auth";
import { Invitation } from "@ensemble/contracts/invitations";
import {
  ChecklistItemParam,
  ChecklistItemResponse,
  CreateChecklistItemInput,
  CreateNetworkInput,
  Directory,
  DirectoryQuery,
  InvitePartnerInput,
  NetworkIdParam,
  NetworkInvitationParam,
  NetworkList,
  NetworkPartnerParam,
  NetworkResponse,
  Onboarding,
  PartnerCheckParam,
  SetChecklistCheckInput,
  UpdateChecklistItemInput,
  UpdateNetworkInput,
} from "@ensemble/contracts/networks";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { csvResponse } from "../../lib/csv.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import { auditRouteDefinitions } from "../audit/audit.routes.ts";
import * as networks from "./networks.service.ts";

const tags = ["networks"];
const InvitationResponse = z.object({ invitation: Invitation });
const ok = { 200: jsonResponse(OkResponse, "Done"), ...errorResponses };

const routes = {
  list: createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Networks my organisations are in",
    responses: { 200: jsonResponse(NetworkList, "Networks"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Found a network coordinated by an organisation I administer",
    request: { body: jsonBody(CreateNetworkInput) },
    responses: { 201: jsonResponse(NetworkResponse, "Created"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "One network",
    request: { params: NetworkIdParam },
    responses: { 200: jsonResponse(NetworkResponse, "The network"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename or describe (coordinator admins)",
    request: { params: NetworkIdParam, body: jsonBody(UpdateNetworkInput) },
    responses: { 200: jsonResponse(NetworkResponse, "Changed"), ...errorResponses },
  }),
  onboarding: createRoute({
    method: "get",
    path: "/{id}/onboarding",
    tags,
    summary:
      "Partners with their onboarding state, pending invitations and the checklist (coordinator admins)",
    request: { params: NetworkIdParam },
    responses: { 200: jsonResponse(Onboarding, "Onboarding"), ...errorResponses },
  }),
  invite: createRoute({
    method: "post",
    path: "/{id}/invitations",
    tags,
    summary: "Invite an existing organisation or, by email, the future admin of one",
    request: { params: NetworkIdParam, body: jsonBody(InvitePartnerInput) },
    responses: { 201: jsonResponse(InvitationResponse, "Invited"), ...errorResponses },
  }),
  revoke: createRoute({
    method: "delete",
    path: "/{id}/invitations/{invitationId}",
    tags,
    summary: "Revoke a partner invitation",
    request: { params: NetworkInvitationParam },
    responses: ok,
  }),
  resend: createRoute({
    method: "post",
    path: "/{id}/invitations/{invitationId}/resend",
    tags,
    summary: "Send a partner invitation again",
    request: { params: NetworkInvitationParam },
    responses: { 200: jsonResponse(InvitationResponse, "Sent"), ...errorResponses },
  }),
  removePartner: createRoute({
    method: "delete",
    path: "/{id}/partners/{organisationId}",
    tags,
    summary: "Remove a partner (coordinator admins) or take my organisation out (its admins)",
    request: { params: NetworkPartnerParam },
    responses: ok,
  }),
  addItem: createRoute({
    method: "post",
    path: "/{id}/checklist",
    tags,
    summary: "Add an onboarding checklist item",
    request: { params: NetworkIdParam, body: jsonBody(CreateChecklistItemInput) },
    responses: { 201: jsonResponse(ChecklistItemResponse, "Added"), ...errorResponses },
  }),
  renameItem: createRoute({
    method: "patch",
    path: "/{id}/checklist/{itemId}",
    tags,
    summary: "Rename an onboarding checklist item",
    request: { params: ChecklistItemParam, body: jsonBody(UpdateChecklistItemInput) },
    responses: { 200: jsonResponse(ChecklistItemResponse, "Renamed"), ...errorResponses },
  }),
  deleteItem: createRoute({
    method: "delete",
    path: "/{id}/checklist/{itemId}",
    tags,
    summary: "Delete an onboarding checklist item",
    request: { params: ChecklistItemParam },
    responses: ok,
  }),
  setCheck: createRoute({
    method: "put",
    path: "/{id}/partners/{organisationId}/checklist/{itemId}",
    tags,
    summary: "Tick or untick a checklist item for a partner",
    request: { params: PartnerCheckParam, body: jsonBody(SetChecklistCheckInput) },
    responses: ok,
  }),
  directory: createRoute({
    method: "get",
    path: "/{id}/directory",
    tags,
    summary: "Partner profiles, searchable by name and filterable by Sparte and district",
    request: { params: NetworkIdParam, query: DirectoryQuery },
    responses: { 200: jsonResponse(Directory, "Directory"), ...errorResponses },
  }),
  ...auditRouteDefinitions(tags, "coordinator admins"),
};

/** Partner networks: partners, onboarding, directory and audit log. */
export function networksRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(routes.list, async (c) => c.json({ networks: await networks.listMine(deps, callerOf(c)) }, 200))
    .openapi(routes.create, async (c) => {
      return c.json({ network: await networks.createNetwork(deps, callerOf(c), c.req.valid("json")) }, 201);
    })
    .openapi(routes.get, async (c) => {
      return c.json({ network: await networks.getNetwork(deps, callerOf(c), c.req.valid("param").id) }, 200);
    })
    .openapi(routes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { network: await networks.updateNetwork(deps, callerOf(c), id, c.req.valid("json")) },
        200,
      );
    })
    .openapi(routes.onboarding, async (c) => {
      return c.json(await networks.onboarding(deps, callerOf(c), c.req.valid("param").id), 200);
    })
    .openapi(routes.invite, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { invitation: await networks.invitePartner(deps, callerOf(c), id, c.req.valid("json")) },
        201,
      );
    })
    .openapi(routes.revoke, async (c) => {
      const { id, invitationId } = c.req.valid("param");
      await networks.revokeInvitation(deps, callerOf(c), id, invitationId);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.resend, async (c) => {
      const { id, invitationId } = c.req.valid("param");
      return c.json(
        { invitation: await networks.resendInvitation(deps, callerOf(c), id, invitationId) },
        200,
      );
    })
    .openapi(routes.removePartner, async (c) => {
      const { id, organisationId } = c.req.valid("param");
      await networks.removePartner(deps, callerOf(c), id, organisationId);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.addItem, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { item: await networks.addChecklistItem(deps, callerOf(c), id, c.req.valid("json").label) },
        201,
      );
    })
    .openapi(routes.renameItem, async (c) => {
      const { id, itemId } = c.req.valid("param");
      const item = await networks.renameChecklistItem(
        deps,
        callerOf(c),
        id,
        itemId,
        c.req.valid("json").label,
      );
      return c.json({ item }, 200);
    })
    .openapi(routes.deleteItem, async (c) => {
      const { id, itemId } = c.req.valid("param");
      await networks.deleteChecklistItem(deps, callerOf(c), id, itemId);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.setCheck, async (c) => {
      const { id, organisationId, itemId } = c.req.valid("param");
      await networks.setCheck(deps, callerOf(c), id, organisationId, itemId, c.req.valid("json").done);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.directory, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await networks.directory(deps, callerOf(c), id, c.req.valid("query")), 200);
    })
    .openapi(routes.audit, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await networks.networkAudit(deps, callerOf(c), id, c.req.valid("query").before), 200);
    })
    .openapi(routes.auditCsv, async (c) => {
      const { id } = c.req.valid("param");
      return csvResponse(c, await networks.networkAuditCsv(deps, callerOf(c), id), `audit-${id}.csv`);
    });
}
