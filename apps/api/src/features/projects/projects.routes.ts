import { OkResponse } from "@ensemble/contracts/auth";
import { Invitation, InvitationList } from "@ensemble/contracts/invitations";
import {
  ChangeProjectRoleInput,
  CreateProjectInput,
  InviteProjectMemberInput,
  ProjectIdParam,
  ProjectInvitationParam,
  ProjectList,
  ProjectListQuery,
  ProjectMemberList,
  ProjectMemberParam,
  ProjectResponse,
  UpdateProjectInput,
} from "@ensemble/contracts/projects";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as projects from "./projects.service.ts";

const tags = ["projects"];
const InvitationResponse = z.object({ invitation: Invitation });
const one = <M extends "post" | "delete", P extends string>(summary: string, method: M, path: P) =>
  createRoute({
    method,
    path,
    tags,
    summary,
    request: { params: ProjectIdParam },
    responses: { 200: jsonResponse(ProjectResponse, "The project"), ...errorResponses },
  });

const routes = {
  list: createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "My projects (active, archived or in the trash), optionally of one organisation or network",
    request: { query: ProjectListQuery },
    responses: { 200: jsonResponse(ProjectList, "Projects"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Create a project in an organisation or network (I become its lead)",
    request: { body: jsonBody(CreateProjectInput) },
    responses: { 201: jsonResponse(ProjectResponse, "Created"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "One project",
    request: { params: ProjectIdParam },
    responses: { 200: jsonResponse(ProjectResponse, "The project"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename, describe or recolour (leads)",
    request: { params: ProjectIdParam, body: jsonBody(UpdateProjectInput) },
    responses: { 200: jsonResponse(ProjectResponse, "Changed"), ...errorResponses },
  }),
  archive: one("Archive: the project becomes read-only (leads)", "post", "/{id}/archive"),
  unarchive: one("Unarchive (leads)", "post", "/{id}/unarchive"),
  trash: one("Move to the trash for 30 days (leads)", "delete", "/{id}"),
  restore: one("Restore from the trash (leads)", "post", "/{id}/restore"),
  members: createRoute({
    method: "get",
    path: "/{id}/members",
    tags,
    summary: "Members with their organisations",
    request: { params: ProjectIdParam },
    responses: { 200: jsonResponse(ProjectMemberList, "Members"), ...errorResponses },
  }),
  changeRole: createRoute({
    method: "patch",
    path: "/{id}/members/{userId}",
    tags,
    summary: "Change a member's project role (leads)",
    request: { params: ProjectMemberParam, body: jsonBody(ChangeProjectRoleInput) },
    responses: { 200: jsonResponse(ProjectMemberList, "Members"), ...errorResponses },
  }),
  removeMember: createRoute({
    method: "delete",
    path: "/{id}/members/{userId}",
    tags,
    summary: "Remove a member (leads) or leave (oneself)",
    request: { params: ProjectMemberParam },
    responses: { 200: jsonResponse(ProjectMemberList, "Members"), ...errorResponses },
  }),
  invitations: createRoute({
    method: "get",
    path: "/{id}/invitations",
    tags,
    summary: "Pending invitations (leads)",
    request: { params: ProjectIdParam },
    responses: { 200: jsonResponse(InvitationList, "Invitations"), ...errorResponses },
  }),
  invite: createRoute({
    method: "post",
    path: "/{id}/invitations",
    tags,
    summary: "Invite someone by email with a project role (people of any organisation, or guests)",
    request: { params: ProjectIdParam, body: jsonBody(InviteProjectMemberInput) },
    responses: { 201: jsonResponse(InvitationResponse, "Invited"), ...errorResponses },
  }),
  revoke: createRoute({
    method: "delete",
    path: "/{id}/invitations/{invitationId}",
    tags,
    summary: "Revoke a pending invitation (leads)",
    request: { params: ProjectInvitationParam },
    responses: { 200: jsonResponse(OkResponse, "Revoked"), ...errorResponses },
  }),
};

/** Projects, their members and invitations. */
export function projectsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(routes.list, async (c) => {
      return c.json({ projects: await projects.listProjects(deps, callerOf(c), c.req.valid("query")) }, 200);
    })
    .openapi(routes.create, async (c) => {
      return c.json({ project: await projects.createProject(deps, callerOf(c), c.req.valid("json")) }, 201);
    })
    .openapi(routes.get, async (c) => {
      return c.json({ project: await projects.getProject(deps, callerOf(c), c.req.valid("param").id) }, 200);
    })
    .openapi(routes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { project: await projects.updateProject(deps, callerOf(c), id, c.req.valid("json")) },
        200,
      );
    })
    .openapi(routes.archive, async (c) => {
      return c.json(
        { project: await projects.setArchived(deps, callerOf(c), c.req.valid("param").id, true) },
        200,
      );
    })
    .openapi(routes.unarchive, async (c) => {
      return c.json(
        { project: await projects.setArchived(deps, callerOf(c), c.req.valid("param").id, false) },
        200,
      );
    })
    .openapi(routes.trash, async (c) => {
      return c.json(
        { project: await projects.trashProject(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(routes.restore, async (c) => {
      return c.json(
        { project: await projects.restoreProject(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(routes.members, async (c) => {
      return c.json({ members: await projects.listMembers(deps, callerOf(c), c.req.valid("param").id) }, 200);
    })
    .openapi(routes.changeRole, async (c) => {
      const { id, userId } = c.req.valid("param");
      return c.json(
        { members: await projects.changeRole(deps, callerOf(c), id, userId, c.req.valid("json").role) },
        200,
      );
    })
    .openapi(routes.removeMember, async (c) => {
      const { id, userId } = c.req.valid("param");
      return c.json({ members: await projects.removeMember(deps, callerOf(c), id, userId) }, 200);
    })
    .openapi(routes.invitations, async (c) => {
      return c.json(
        { invitations: await projects.listInvitations(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(routes.invite, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { invitation: await projects.inviteMember(deps, callerOf(c), id, c.req.valid("json")) },
        201,
      );
    })
    .openapi(routes.revoke, async (c) => {
      const { id, invitationId } = c.req.valid("param");
      await projects.revokeInvitation(deps, callerOf(c), id, invitationId);
      return c.json({ ok: true as const }, 200);
    });
}
