import type { AcceptedInvitation, AcceptInvitationInput } from "@ensemble/contracts/invitations";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../lib/api.ts";
import { meKey } from "../auth/auth.queries.ts";
import { organisationKeys } from "../organisations/organisations.queries.ts";

/** Query keys of the invitations feature. */
export const invitationKeys = {
  all: ["invitations"] as const,
  received: () => [...invitationKeys.all, "received"] as const,
  preview: (token: string) => [...invitationKeys.all, "preview", token] as const,
};

/** GET /api/invitations: pending invitations to me, or to organisations I administer. */
export function useReceivedInvitations() {
  return useQuery({
    queryKey: invitationKeys.received(),
    queryFn: async () => (await call(api.invitations.$get())).invitations,
  });
}

/** POST /api/invitations/preview: what an invitation link leads to (works signed out). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: invitationKeys.preview(token),
    queryFn: async () => (await call(api.invitations.preview.$post({ json: { token } }))).invitation,
    // the answer does not change by asking again; an expired link stays expired
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The path of what an accepted invitation leads to. */
export function acceptedPath(accepted: AcceptedInvitation): string {
  switch (accepted.kind) {
    case "organisation":
      return `/organisations/${accepted.targetId}`;
    case "network":
      return `/networks/${accepted.targetId}`;
    case "project":
      return `/projects/${accepted.targetId}`;
  }
}

/**
 * After answering an invitation: my invitations, my organisations (and the answering one's
 * network invitations), networks and projects may all have changed.
 */
function answered(queryClient: QueryClient, organisationId: string | undefined) {
  return Promise.all([
    // not the previews: a used link answers "expired", which the page must not show on its way out
    queryClient.invalidateQueries({ queryKey: invitationKeys.received() }),
    queryClient.invalidateQueries({ queryKey: organisationKeys.list() }),
    organisationId
      ? queryClient.invalidateQueries({ queryKey: organisationKeys.detail(organisationId) })
      : null,
    queryClient.invalidateQueries({ queryKey: ["networks"] }),
    queryClient.invalidateQueries({ queryKey: ["projects"] }),
  ]);
}

/** POST /api/invitations/accept (the mailed link); also confirms my address, so ["me"] is fetched again. */
export function useAcceptInvitationByToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInvitationInput) => call(api.invitations.accept.$post({ json: input })),
    onSuccess: (_accepted, input) =>
      Promise.all([
        answered(queryClient, input.organisationId),
        queryClient.invalidateQueries({ queryKey: meKey }),
      ]),
  });
}

/** POST /api/invitations/decline (the mailed link). */
export function useDeclineInvitationByToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => call(api.invitations.decline.$post({ json: { token } })),
    onSuccess: () => answered(queryClient, undefined),
  });
}

/** POST /api/invitations/{invitationId}/accept, with the joining organisation for network invitations. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invitationId, organisationId }: { invitationId: string; organisationId?: string }) =>
      call(
        api.invitations[":invitationId"].accept.$post({
          param: { invitationId },
          json: organisationId === undefined ? {} : { organisationId },
        }),
      ),
    onSuccess: (_accepted, { organisationId }) => answered(queryClient, organisationId),
  });
}

/** POST /api/invitations/{invitationId}/decline. */
export function useDeclineInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invitationId }: { invitationId: string; organisationId?: string }) =>
      call(api.invitations[":invitationId"].decline.$post({ param: { invitationId } })),
    onSuccess: (_ok, { organisationId }) => answered(queryClient, organisationId),
  });
}
