import type {
  ChangeProjectRoleInput,
  CreateProjectInput,
  InviteProjectMemberInput,
  Project,
  ProjectListQuery,
  UpdateProjectInput,
} from "@ensemble/contracts/projects";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../lib/api.ts";

/** Everything of this feature lives under ["projects", …], so one invalidation reaches it all. */
export const projectsKey = ["projects"] as const;
export const projectListsKey = ["projects", "list"] as const;

/** The key of one list view (filters included, so each combination is cached on its own). */
export function projectListKey(query: ProjectListQuery) {
  return [...projectListsKey, query] as const;
}

/** The key of one project; its members and invitations hang below it. */
export function projectKey(id: string) {
  return ["projects", "detail", id] as const;
}

/** The key of a project's members. */
export function projectMembersKey(id: string) {
  return [...projectKey(id), "members"] as const;
}

/** The key of a project's pending invitations. */
export function projectInvitationsKey(id: string) {
  return [...projectKey(id), "invitations"] as const;
}

// Own keys for the owner choices: the organisations and networks features may cache other shapes.
const ownerOrganisationsKey = ["projects", "owners", "organisations"] as const;
const ownerNetworksKey = ["projects", "owners", "networks"] as const;

/** GET /api/projects in one view, optionally of one organisation or network. */
export function useProjects(query: ProjectListQuery) {
  return useQuery({
    queryKey: projectListKey(query),
    queryFn: async () => (await call(api.projects.$get({ query }))).projects,
  });
}

/** GET /api/projects/{id}. */
export function useProject(id: string) {
  return useQuery({
    queryKey: projectKey(id),
    queryFn: async () => (await call(api.projects[":id"].$get({ param: { id } }))).project,
  });
}

/** GET /api/projects/{id}/members. */
export function useProjectMembers(id: string) {
  return useQuery({
    queryKey: projectMembersKey(id),
    queryFn: async () => (await call(api.projects[":id"].members.$get({ param: { id } }))).members,
  });
}

/** GET /api/projects/{id}/invitations (leads only: pass enabled=false for everyone else). */
export function useProjectInvitations(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectInvitationsKey(id),
    queryFn: async () => (await call(api.projects[":id"].invitations.$get({ param: { id } }))).invitations,
    enabled,
  });
}

/** My organisations, for the owner choice and the list filter. */
export function useOwnerOrganisations() {
  return useQuery({
    queryKey: ownerOrganisationsKey,
    queryFn: async () => (await call(api.organisations.$get())).organisations,
  });
}

/** The networks my organisations are in, for the owner choice and the list filter. */
export function useOwnerNetworks() {
  return useQuery({
    queryKey: ownerNetworksKey,
    queryFn: async () => (await call(api.networks.$get())).networks,
  });
}

/** A changed project: its cache entry gets the answer, every list is fetched again. */
function projectChanged(queryClient: QueryClient, project: Project) {
  queryClient.setQueryData(projectKey(project.id), project);
  void queryClient.invalidateQueries({ queryKey: projectListsKey });
}

/** POST /api/projects; I become the lead. */
export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProjectInput) => call(api.projects.$post({ json: input })),
    onSuccess: ({ project }) => projectChanged(queryClient, project),
  });
}

/** PATCH /api/projects/{id}: name, description, colour. */
export function useUpdateProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProjectInput) =>
      call(api.projects[":id"].$patch({ param: { id }, json: input })),
    onSuccess: ({ project }) => projectChanged(queryClient, project),
  });
}

/** The state changes: archive, unarchive, move to the trash, restore. */
export type ProjectStateAction = "archive" | "unarchive" | "trash" | "restore";

function changeState(id: string, action: ProjectStateAction) {
  const param = { param: { id } };
  switch (action) {
    case "archive":
      return call(api.projects[":id"].archive.$post(param));
    case "unarchive":
      return call(api.projects[":id"].unarchive.$post(param));
    case "trash":
      return call(api.projects[":id"].$delete(param));
    case "restore":
      return call(api.projects[":id"].restore.$post(param));
  }
}

/**
 * Archives, unarchives, trashes or restores a project (the mutation's variables name the project).
 * A trashed project's page is left right away, so its entry is only marked stale: showing the
 * trashed state first would take the page (and the mutation's callbacks) away under the user.
 */
export function useChangeProjectState() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: ProjectStateAction }) => changeState(id, action),
    onSuccess: ({ project }, { action }) => {
      if (action !== "trash") {
        projectChanged(queryClient, project);
        return;
      }
      void queryClient.invalidateQueries({ queryKey: projectKey(project.id), refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: projectListsKey });
    },
  });
}

/** PATCH /api/projects/{id}/members/{userId}; my own abilities may change with it. */
export function useChangeMemberRole(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string } & ChangeProjectRoleInput) =>
      call(api.projects[":id"].members[":userId"].$patch({ param: { id, userId }, json: { role } })),
    onSuccess: ({ members }) => {
      queryClient.setQueryData(projectMembersKey(id), members);
      void queryClient.invalidateQueries({ queryKey: projectKey(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: projectListsKey });
    },
  });
}

/** DELETE /api/projects/{id}/members/{userId}: a lead removes someone. */
export function useRemoveMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      call(api.projects[":id"].members[":userId"].$delete({ param: { id, userId } })),
    onSuccess: ({ members }) => {
      queryClient.setQueryData(projectMembersKey(id), members);
      void queryClient.invalidateQueries({ queryKey: projectKey(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: projectListsKey });
    },
  });
}

/**
 * DELETE /api/projects/{id}/members/{me}: leaving. The project's entries are only marked stale:
 * refetching them now would answer 404 on the page being left.
 */
export function useLeaveProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (myUserId: string) =>
      call(api.projects[":id"].members[":userId"].$delete({ param: { id, userId: myUserId } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: projectKey(id), refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: projectListsKey });
    },
  });
}

/** POST /api/projects/{id}/invitations: mails a link. */
export function useInviteMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteProjectMemberInput) =>
      call(api.projects[":id"].invitations.$post({ param: { id }, json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectInvitationsKey(id) }),
  });
}

/** DELETE /api/projects/{id}/invitations/{invitationId}. */
export function useRevokeInvitation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      call(api.projects[":id"].invitations[":invitationId"].$delete({ param: { id, invitationId } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: projectInvitationsKey(id) }),
  });
}
