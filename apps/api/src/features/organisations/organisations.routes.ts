import { OkResponse } from "@ensemble/contracts/auth";
import { Invitation, InvitationList, ReceivedInvitationList } from "@ensemble/contracts/invitations";
import {
  ChangeOrganisationRoleInput,
  CreateOrganisationInput,
  InviteOrganisationMemberInput,
  OrganisationIdParam,
  OrganisationInvitationParam,
  OrganisationList,
  OrganisationMemberList,
  OrganisationMemberParam,
  OrganisationResponse,
  OrganisationSearchQuery,
  OrganisationSearchResults,
  TransferOwnershipInput,
  UpdateOrganisationInput,
} from "@ensemble/contracts/organisations";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { csvResponse } from "../../lib/csv.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import { auditRouteDefinitions } from "../audit/audit.routes.ts";
import * as organisations from "./organisations.service.ts";

const tags = ["organisations"];
const InvitationResponse = z.object({ invitation: Invitation });

const routes = {
  list: createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "My organisations",
    responses: { 200: jsonResponse(OrganisationList, "Mine"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Create an organisation (I become its owner)",
    request: { body: jsonBody(CreateOrganisationInput) },
    responses: { 201: jsonResponse(OrganisationResponse, "Created"), ...errorResponses },
  }),
  search: createRoute({
    method: "get",
    path: "/search",
    tags,
    summary: "Find organisations by name (to invite them into a network)",
    request: { query: OrganisationSearchQuery },
    responses: { 200: jsonResponse(OrganisationSearchResults, "Found"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "One of my organisations",
    request: { params: OrganisationIdParam },
    responses: { 200: jsonResponse(OrganisationResponse, "The organisation"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Change the profile (admins)",
    request: { params: OrganisationIdParam, body: jsonBody(UpdateOrganisationInput) },
    responses: { 200: jsonResponse(OrganisationResponse, "Changed"), ...errorResponses },
  }),
  members: createRoute({
    method: "get",
    path: "/{id}/members",
    tags,
    summary: "Members",
    request: { params: OrganisationIdParam },
    responses: { 200: jsonResponse(OrganisationMemberList, "Members"), ...errorResponses },
  }),
  changeRole: createRoute({
    method: "patch",
    path: "/{id}/members/{userId}",
    tags,
    summary: "Change a member's role",
    request: { params: OrganisationMemberParam, body: jsonBody(ChangeOrganisationRoleInput) },
    responses: { 200: jsonResponse(OrganisationMemberList, "Members"), ...errorResponses },
  }),
  removeMember: createRoute({
    method: "delete",
    path: "/{id}/members/{userId}",
    tags,
    summary: "Remove a member (removing oneself is leaving)",
    request: { params: OrganisationMemberParam },
    responses: { 200: jsonResponse(OrganisationMemberList, "Members"), ...errorResponses },
  }),
  leave: createRoute({
    method: "post",
    path: "/{id}/leave",
    tags,
    summary: "Leave the organisation",
    request: { params: OrganisationIdParam },
    responses: { 200: jsonResponse(OkResponse, "Left"), ...errorResponses },
  }),
  transfer: createRoute({
    method: "post",
    path: "/{id}/transfer-ownership",
    tags,
    summary: "Hand ownership to another member (I stay as admin)",
    request: { params: OrganisationIdParam, body: jsonBody(TransferOwnershipInput) },
    responses: { 200: jsonResponse(OrganisationMemberList, "Members"), ...errorResponses },
  }),
  invitations: createRoute({
    method: "get",
    path: "/{id}/invitations",
    tags,
    summary: "Pending invitations",
    request: { params: OrganisationIdParam },
    responses: { 200: jsonResponse(InvitationList, "Invitations"), ...errorResponses },
  }),
  invite: createRoute({
    method: "post",
    path: "/{id}/invitations",
    tags,
    summary: "Invite someone by email (link valid 7 days, single use)",
    request: { params: OrganisationIdParam, body: jsonBody(InviteOrganisationMemberInput) },
    responses: { 201: jsonResponse(InvitationResponse, "Invited"), ...errorResponses },
  }),
  revoke: createRoute({
    method: "delete",
    path: "/{id}/invitations/{invitationId}",
    tags,
    summary: "Revoke a pending invitation",
    request: { params: OrganisationInvitationParam },
    responses: { 200: jsonResponse(OkResponse, "Revoked"), ...errorResponses },
  }),
  resend: createRoute({
    method: "post",
    path: "/{id}/invitations/{invitationId}/resend",
    tags,
    summary: "Send an invitation again (new link, 7 more days)",
    request: { params: OrganisationInvitationParam },
    responses: { 200: jsonResponse(InvitationResponse, "Sent"), ...errorResponses },
  }),
  networkInvitations: createRoute({
    method: "get",
    path: "/{id}/network-invitations",
    tags,
    summary: "Pending invitations of this organisation into networks",
    request: { params: OrganisationIdParam },
    responses: { 200: jsonResponse(ReceivedInvitationList, "Invitations"), ...errorResponses },
  }),
  ...auditRouteDefinitions(tags, "admins"),
};

/** Organisations, their members, invitations and audit log. */
export function organisationsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(routes.list, async (c) => {
      return c.json({ organisations: await organisations.listMine(deps, callerOf(c)) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const organisation = await organisations.createOrganisation(deps, callerOf(c), c.req.valid("json"));
      return c.json({ organisation }, 201);
    })
    .openapi(routes.search, async (c) => {
      return c.json(
        { results: await organisations.searchOrganisations(deps, callerOf(c), c.req.valid("query").q) },
        200,
      );
    })
    .openapi(routes.get, async (c) => {
      return c.json(
        { organisation: await organisations.getOrganisation(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(routes.update, async (c) => {
      const { id } = c.req.valid("param");
      const organisation = await organisations.updateOrganisation(deps, callerOf(c), id, c.req.valid("json"));
      return c.json({ organisation }, 200);
    })
    .openapi(routes.members, async (c) => {
      return c.json(
        { members: await organisations.listMembers(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(routes.changeRole, async (c) => {
      const { id, userId } = c.req.valid("param");
      const members = await organisations.changeRole(deps, callerOf(c), id, userId, c.req.valid("json").role);
      return c.json({ members }, 200);
    })
    .openapi(routes.removeMember, async (c) => {
      const { id, userId } = c.req.valid("param");
      return c.json({ members: await organisations.removeMember(deps, callerOf(c), id, userId) }, 200);
    })
    .openapi(routes.leave, async (c) => {
      await organisations.leaveOrganisation(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.transfer, async (c) => {
      const { id } = c.req.valid("param");
      const members = await organisations.transferOwnership(
        deps,
        callerOf(c),
        id,
        c.req.valid("json").userId,
      );
      return c.json({ members }, 200);
    })
    .openapi(routes.invitations, async (c) => {
      const list = await organisations.listInvitations(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ invitations: list }, 200);
    })
    .openapi(routes.invite, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { invitation: await organisations.inviteMember(deps, callerOf(c), id, c.req.valid("json")) },
        201,
      );
    })
    .openapi(routes.revoke, async (c) => {
      const { id, invitationId } = c.req.valid("param");
      await organisations.revokeInvitation(deps, callerOf(c), id, invitationId);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.resend, async (c) => {
      const { id, invitationId } = c.req.valid("param");
      return c.json(
        { invitation: await organisations.resendInvitation(deps, callerOf(c), id, invitationId) },
        200,
      );
    })
    .openapi(routes.networkInvitations, async (c) => {
      const list = await organisations.listNetworkInvitations(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ invitations: list }, 200);
    })
    .openapi(routes.audit, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        await organisations.organisationAudit(deps, callerOf(c), id, c.req.valid("query").before),
        200,
      );
    })
    .openapi(routes.auditCsv, async (c) => {
      const { id } = c.req.valid("param");
      return csvResponse(
        c,
        await organisations.organisationAuditCsv(deps, callerOf(c), id),
        `audit-${id}.csv`,
      );
    });
}
