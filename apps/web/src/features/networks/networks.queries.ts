import type {
  CreateNetworkInput,
  InvitePartnerInput,
  Network,
  UpdateNetworkInput,
} from "@ensemble/contracts/networks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../lib/api.ts";
import { useAuditLog } from "../audit/audit.queries.ts";
import type { DirectoryFilter } from "./networks.directory.ts";

/** Everything of this feature lives under ["networks", …]. */
export const networksKey = ["networks"] as const;
export const networkListKey = ["networks", "list"] as const;
/** My organisations, to choose the coordinator of a new network. */
export const myOrganisationsKey = ["networks", "my-organisations"] as const;

/** One network and everything below it (onboarding, directory, audit). */
export function networkKey(id: string) {
  return ["networks", "one", id] as const;
}
export function onboardingKey(id: string) {
  return [...networkKey(id), "onboarding"] as const;
}
export function directoryKey(id: string, filter: DirectoryFilter) {
  return [...networkKey(id), "directory", filter] as const;
}
export function auditKey(id: string) {
  return [...networkKey(id), "audit"] as const;
}
export function organisationSearchKey(q: string) {
  return ["networks", "organisation-search", q] as const;
}

/** Networks my organisations are in. */
export function useNetworks() {
  return useQuery({
    queryKey: networkListKey,
    queryFn: async () => (await call(api.networks.$get())).networks,
  });
}

/** My organisations (GET /api/organisations), for the coordinator choice. */
export function useMyOrganisations() {
  return useQuery({
    queryKey: myOrganisationsKey,
    queryFn: async () => (await call(api.organisations.$get())).organisations,
  });
}

/** One network with my abilities in it. */
export function useNetwork(id: string) {
  return useQuery({
    queryKey: networkKey(id),
    queryFn: async () => (await call(api.networks[":id"].$get({ param: { id } }))).network,
  });
}

/** POST /api/networks; the new network is cached for the page it leads to. */
export function useCreateNetwork() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateNetworkInput) =>
      (await call(api.networks.$post({ json: input }))).network,
    onSuccess: (network) => {
      queryClient.setQueryData(networkKey(network.id), network);
      return queryClient.invalidateQueries({ queryKey: networkListKey });
    },
  });
}

/** PATCH /api/networks/{id}. */
export function useUpdateNetwork(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: UpdateNetworkInput) =>
      (await call(api.networks[":id"].$patch({ param: { id }, json: input }))).network,
    onSuccess: (network: Network) => {
      queryClient.setQueryData(networkKey(id), network);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: networkListKey }),
        queryClient.invalidateQueries({ queryKey: auditKey(id) }),
      ]);
    },
  });
}

/**
 * DELETE /api/networks/{id}/partners/{organisationId}: a coordinator admin removes a partner, or a
 * partner's admin takes their organisation out. `stillMember` is false when I lose access by it:
 * then the network is not refetched (it would only answer 404); see useForgetNetwork.
 */
export function useRemovePartner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { organisationId: string; stillMember: boolean }) =>
      call(
        api.networks[":id"].partners[":organisationId"].$delete({
          param: { id, organisationId: vars.organisationId },
        }),
      ),
    onSuccess: (_ok, vars) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: networkListKey }),
        vars.stillMember ? queryClient.invalidateQueries({ queryKey: networkKey(id) }) : null,
      ]),
  });
}

/** Drops a network I no longer belong to from the cache (call after leaving its pages). */
export function useForgetNetwork() {
  const queryClient = useQueryClient();
  return (id: string) => queryClient.removeQueries({ queryKey: networkKey(id) });
}

/** The coordinator's onboarding view (partners, invitations, checklist). */
export function useOnboarding(id: string, enabled: boolean) {
  return useQuery({
    queryKey: onboardingKey(id),
    queryFn: () => call(api.networks[":id"].onboarding.$get({ param: { id } })),
    enabled,
  });
}

/** Refetches the onboarding view and the log after a change. */
function useInvalidateOnboarding(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: onboardingKey(id) }),
      queryClient.invalidateQueries({ queryKey: auditKey(id) }),
    ]);
}

/** POST /api/networks/{id}/invitations. */
export function useInvitePartner(id: string) {
  const invalidate = useInvalidateOnboarding(id);
  return useMutation({
    mutationFn: async (input: InvitePartnerInput) =>
      (await call(api.networks[":id"].invitations.$post({ param: { id }, json: input }))).invitation,
    onSuccess: invalidate,
  });
}

/** POST /api/networks/{id}/invitations/{invitationId}/resend. */
export function useResendInvitation(id: string) {
  const invalidate = useInvalidateOnboarding(id);
  return useMutation({
    mutationFn: (invitationId: string) =>
      call(api.networks[":id"].invitations[":invitationId"].resend.$post({ param: { id, invitationId } })),
    onSuccess: invalidate,
  });
}

/** DELETE /api/networks/{id}/invitations/{invitationId}. */
export function useRevokeInvitation(id: string) {
  const invalidate = useInvalidateOnboarding(id);
  return useMutation({
    mutationFn: (invitationId: string) =>
      call(api.networks[":id"].invitations[":invitationId"].$delete({ param: { id, invitationId } })),
    onSuccess: invalidate,
  });
}

/** POST /api/networks/{id}/checklist. */
export function useAddChecklistItem(id: string) {
  const invalidate = useInvalidateOnboarding(id);
  return useMutation({
    mutationFn: async (label: string) =>
      (await call(api.networks[":id"].checklist.$post({ param: { id }, json: { label } }))).item,
    onSuccess: invalidate,
  });
}

/** PATCH /api/networks/{id}/checklist/{itemId}. */
export function useRenameChecklistItem(id: string) {
  const invalidate = useInvalidateOnboarding(id);
  return useMutation({
    mutationFn: async (vars: { itemId: string; label: string }) =>
      (
        await call(
          api.networks[":id"].checklist[":itemId"].$patch({
            param: { id, itemId: vars.itemId },
            json: { label: vars.label },
          }),
        )
      ).item,
    onSuccess: invalidate,
  });
}

/** DELETE /api/networks/{id}/checklist/{itemId}. */
export function useDeleteChecklistItem(id: string) {
  const invalidate = useInvalidateOnboarding(id);
  return useMutation({
    mutationFn: (itemId: string) =>
      call(api.networks[":id"].checklist[":itemId"].$delete({ param: { id, itemId } })),
    onSuccess: invalidate,
  });
}

/**
 * PUT /api/networks/{id}/partners/{organisationId}/checklist/{itemId}. Settles only once the
 * onboarding view is refetched, so a page showing the tick ahead of time can then let go of it.
 */
export function useSetCheck(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // One after another, so the last click is also the last one saved.
    scope: { id: `network-checks-${id}` },
    mutationFn: (vars: { organisationId: string; itemId: string; done: boolean }) =>
      call(
        api.networks[":id"].partners[":organisationId"].checklist[":itemId"].$put({
          param: { id, organisationId: vars.organisationId, itemId: vars.itemId },
          json: { done: vars.done },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: onboardingKey(id) }),
  });
}

/** Partner profiles, filtered; the previous answer stays while the next one loads. */
export function useDirectory(id: string, filter: DirectoryFilter) {
  return useQuery({
    queryKey: directoryKey(id, filter),
    queryFn: () => call(api.networks[":id"].directory.$get({ param: { id }, query: filter })),
    placeholderData: keepPreviousData,
  });
}

/** The audit log, newest first, one page after another. */
export function useNetworkAudit(id: string, enabled: boolean) {
  return useAuditLog(
    auditKey(id),
    (before) =>
      call(api.networks[":id"].audit.$get({ param: { id }, query: before === undefined ? {} : { before } })),
    enabled,
  );
}

/** Organisations by name, to invite one (GET /api/organisations/search; at least 2 characters). */
export function useOrganisationSearch(q: string) {
  return useQuery({
    queryKey: organisationSearchKey(q),
    queryFn: async () => (await call(api.organisations.search.$get({ query: { q } }))).results,
    enabled: q.trim().length >= 2,
  });
}
