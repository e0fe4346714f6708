import type {
  ChangeEmailInput,
  ChangePasswordInput,
  DeleteAccountInput,
  UpdateProfileInput,
} from "@ensemble/contracts/account";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../lib/api.ts";
import { forgetDeviceCopies } from "../../lib/deviceCopies.ts";
import { meKey } from "../auth/auth.queries.ts";

export const sessionsKey = ["account", "sessions"] as const;

/** My signed-in sessions. */
export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: async () => (await call(api.account.sessions.$get())).sessions,
  });
}

/** PATCH /api/account/profile; the answer replaces the ["me"] cache. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    // one after another, so the last choice is also the last one saved
    scope: { id: "profile" },
    mutationFn: (input: UpdateProfileInput) => call(api.account.profile.$patch({ json: input })),
    onSuccess: ({ user }) => queryClient.setQueryData(meKey, user),
  });
}

/** POST /api/account/password; the other sessions end. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => call(api.account.password.$post({ json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** POST /api/account/email: answers the address waiting for confirmation. */
export function useChangeEmail() {
  return useMutation({
    mutationFn: (input: ChangeEmailInput) => call(api.account.email.$post({ json: input })),
  });
}

/** DELETE /api/account/sessions/{id}. */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.account.sessions[":id"].$delete({ param: { id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** POST /api/account/sessions/sign-out-others: answers how many sessions ended. */
export function useSignOutOthers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.account.sessions["sign-out-others"].$post()),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** DELETE /api/account (needs the password). */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: async (input: DeleteAccountInput) => {
      const answer = await call(api.account.$delete({ json: input }));
      await forgetDeviceCopies();
      return answer;
    },
  });
}
