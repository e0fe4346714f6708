import type {
  ChangeOrganisationRoleInput,
  CreateOrganisationInput,
  InviteOrganisationMemberInput,
  OrganisationMember,
  OrganisationSummary,
  TransferOwnershipInput,
  UpdateOrganisationInput,
} from "@ensemble/contracts/organisations";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { api, call } from "../../lib/api.ts";
import { useAuditLog } from "../audit/audit.queries.ts";

/** Query keys of the organisations feature; everything of one organisation sits under its detail key. */
export const organisationKeys = {
  all: ["organisations"] as const,
  list: () => [...organisationKeys.all, "list"] as const,
  detail: (id: string) => [...organisationKeys.all, "detail", id] as const,
  members: (id: string) => [...organisationKeys.detail(id), "members"] as const,
  invitations: (id: string) => [...organisationKeys.detail(id), "invitations"] as const,
  networkInvitations: (id: string) => [...organisationKeys.detail(id), "network-invitations"] as const,
  audit: (id: string) => [...organisationKeys.detail(id), "audit"] as const,
};

/** GET /api/organisations: the organisations I belong to. */
export function useOrganisations() {
  return useQuery({
    queryKey: organisationKeys.list(),
    queryFn: async () => (await call(api.organisations.$get())).organisations,
  });
}

/** GET /api/organisations/{id}, with my abilities. */
export function useOrganisation(id: string) {
  return useQuery({
    queryKey: organisationKeys.detail(id),
    queryFn: async () => (await call(api.organisations[":id"].$get({ param: { id } }))).organisation,
  });
}

/** GET /api/organisations/{id}/members. */
export function useOrganisationMembers(id: string) {
  return useQuery({
    queryKey: organisationKeys.members(id),
    queryFn: async () => (await call(api.organisations[":id"].members.$get({ param: { id } }))).members,
  });
}

/** GET /api/organisations/{id}/invitations (admins). */
export function useOrganisationInvitations(id: string, enabled = true) {
  return useQuery({
    queryKey: organisationKeys.invitations(id),
    queryFn: async () =>
      (await call(api.organisations[":id"].invitations.$get({ param: { id } }))).invitations,
    enabled,
  });
}

/** GET /api/organisations/{id}/network-invitations: networks that invite this organisation (admins). */
export function useOrganisationNetworkInvitations(id: string, enabled = true) {
  return useQuery({
    queryKey: organisationKeys.networkInvitations(id),
    queryFn: async () =>
      (await call(api.organisations[":id"]["network-invitations"].$get({ param: { id } }))).invitations,
    enabled,
  });
}

/** GET /api/organisations/{id}/audit, newest first, one page at a time ("before" the last id). */
export function useOrganisationAudit(id: string, enabled = true) {
  return useAuditLog(
    organisationKeys.audit(id),
    (before) =>
      call(
        api.organisations[":id"].audit.$get({ param: { id }, query: before === undefined ? {} : { before } }),
      ),
    enabled,
  );
}

/** POST /api/organisations: I become the owner; the new one becomes my current organisation. */
export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrganisationInput) => call(api.organisations.$post({ json: input })),
    onSuccess: ({ organisation }) => {
      queryClient.setQueryData(organisationKeys.detail(organisation.id), organisation);
      rememberCurrentOrganisation(organisation.id);
      return queryClient.invalidateQueries({ queryKey: organisationKeys.list() });
    },
  });
}

/** PATCH /api/organisations/{id}: the answer replaces the cached organisation. */
export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateOrganisationInput) =>
      call(api.organisations[":id"].$patch({ param: { id }, json: input })),
    onSuccess: ({ organisation }) => {
      queryClient.setQueryData(organisationKeys.detail(id), organisation);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationKeys.list() }),
        queryClient.invalidateQueries({ queryKey: organisationKeys.audit(id) }),
      ]);
    },
  });
}

/**
 * After a change to the members: the answered list replaces the cache; the organisation (member
 * count, my role and abilities), my list of organisations and the audit log are fetched again.
 */
function membersChanged(queryClient: QueryClient, id: string, members: OrganisationMember[] | null) {
  if (members !== null) {
    queryClient.setQueryData(organisationKeys.members(id), members);
  }
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: organisationKeys.detail(id), exact: true }),
    queryClient.invalidateQueries({ queryKey: organisationKeys.list() }),
    queryClient.invalidateQueries({ queryKey: organisationKeys.audit(id) }),
  ]);
}

/** PATCH /api/organisations/{id}/members/{userId}. */
export function useChangeMemberRole(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string } & ChangeOrganisationRoleInput) =>
      call(api.organisations[":id"].members[":userId"].$patch({ param: { id, userId }, json: { role } })),
    onSuccess: ({ members }) => membersChanged(queryClient, id, members),
  });
}

/** DELETE /api/organisations/{id}/members/{userId} (someone else; leaving is useLeaveOrganisation). */
export function useRemoveMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      call(api.organisations[":id"].members[":userId"].$delete({ param: { id, userId } })),
    onSuccess: ({ members }) => membersChanged(queryClient, id, members),
  });
}

/** POST /api/organisations/{id}/transfer-ownership: the other member becomes owner, I become admin. */
export function useTransferOwnership(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TransferOwnershipInput) =>
      call(api.organisations[":id"]["transfer-ownership"].$post({ param: { id }, json: input })),
    onSuccess: ({ members }) => membersChanged(queryClient, id, members),
  });
}

/** POST /api/organisations/{id}/leave: everything cached about the organisation is dropped. */
export function useLeaveOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.organisations[":id"].leave.$post({ param: { id } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: organisationKeys.detail(id) });
      // projects and networks reached through this organisation may be gone as well
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationKeys.list() }),
        queryClient.invalidateQueries({ queryKey: ["projects"] }),
        queryClient.invalidateQueries({ queryKey: ["networks"] }),
      ]);
    },
  });
}

/** POST /api/organisations/{id}/invitations: mails a link. */
export function useInviteMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteOrganisationMemberInput) =>
      call(api.organisations[":id"].invitations.$post({ param: { id }, json: input })),
    onSuccess: () => invitationsChanged(queryClient, id),
  });
}

function invitationsChanged(queryClient: QueryClient, id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: organisationKeys.invitations(id) }),
    queryClient.invalidateQueries({ queryKey: organisationKeys.audit(id) }),
  ]);
}

/** DELETE /api/organisations/{id}/invitations/{invitationId}. */
export function useRevokeInvitation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      call(api.organisations[":id"].invitations[":invitationId"].$delete({ param: { id, invitationId } })),
    onSuccess: () => invitationsChanged(queryClient, id),
  });
}

/** POST /api/organisations/{id}/invitations/{invitationId}/resend: a new link, seven more days. */
export function useResendInvitation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      call(
        api.organisations[":id"].invitations[":invitationId"].resend.$post({
          param: { id, invitationId },
        }),
      ),
    onSuccess: () => invitationsChanged(queryClient, id),
  });
}

// The current organisation: remembered on this device, shared by every component that asks.
const CURRENT_KEY = "ensemble.organisation";
const listeners = new Set<() => void>();

function readCurrent(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    // storage may be disabled (private mode, policies); the first organisation is the default then
    return null;
  }
}

function subscribeCurrent(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === CURRENT_KEY) {
      listener();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** Makes an organisation the current one (on this device) for every component that shows it. */
export function rememberCurrentOrganisation(id: string): void {
  if (readCurrent() === id) {
    return;
  }
  try {
    localStorage.setItem(CURRENT_KEY, id);
  } catch {
    // not remembered beyond this moment; still announced to this page below
  }
  for (const listener of listeners) {
    listener();
  }
}

export interface CurrentOrganisation {
  /** The current organisation: the remembered one if I still belong to it, else my first; null if I have none; undefined while loading. */
  organisation: OrganisationSummary | null | undefined;
  /** All my organisations (undefined while loading). */
  organisations: OrganisationSummary[] | undefined;
  isPending: boolean;
  error: Error | null;
  /** Makes another of my organisations the current one. */
  select(id: string): void;
}

/**
 * The organisation I am working in right now (remembered on this device, by default the first of
 * my organisations), for features that create or list things per organisation.
 */
export function useCurrentOrganisation(): CurrentOrganisation {
  const stored = useSyncExternalStore(subscribeCurrent, readCurrent, () => null);
  const list = useOrganisations();
  const organisations = list.data;
  const organisation =
    organisations === undefined
      ? undefined
      : (organisations.find((o) => o.id === stored) ?? organisations[0] ?? null);
  const select = useCallback((id: string) => rememberCurrentOrganisation(id), []);
  return { organisation, organisations, isPending: list.isPending, error: list.error, select };
}
