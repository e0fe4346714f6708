import type {
  ForgotPasswordInput,
  ResetPasswordInput,
  SignInInput,
  SignUpInput,
} from "@ensemble/contracts/auth";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, call } from "../../lib/api.ts";
import { forgetDeviceCopies } from "../../lib/deviceCopies.ts";

export const meKey = ["me"] as const;

/** The signed-in user, or null when nobody is signed in (401). */
export async function fetchMe() {
  try {
    const { user } = await call(api.account.me.$get());
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
}

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;

/** The signed-in user (query key ["me"]); data is null when signed out. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 30_000 });
}

/** Starts a fresh cache for the user who just signed in: nothing of a previous user survives. */
function signedIn(queryClient: QueryClient, user: CurrentUser) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, user);
}

/** POST /api/auth/sign-in; on success the user is in the ["me"] cache. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => call(api.auth["sign-in"].$post({ json: input })),
    onSuccess: ({ user }) => signedIn(queryClient, user),
  });
}

/** POST /api/auth/sign-up; signs in as well. */
export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignUpInput) => call(api.auth["sign-up"].$post({ json: input })),
    onSuccess: ({ user }) => signedIn(queryClient, user),
  });
}

/** POST /api/auth/sign-out, then removes the documents' copies on this device. */
export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      const answer = await call(api.auth["sign-out"].$post());
      await forgetDeviceCopies();
      return answer;
    },
  });
}

/** POST /api/auth/verify-email (works without a session). */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => call(api.auth["verify-email"].$post({ json: { token } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

/** POST /api/auth/resend-verification (needs a session). */
export function useResendVerification() {
  return useMutation({
    mutationFn: () => call(api.auth["resend-verification"].$post()),
  });
}

/** POST /api/auth/forgot-password: the same answer whether or not the address has an account. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: (input: ForgotPasswordInput) => call(api.auth["forgot-password"].$post({ json: input })),
  });
}

/** POST /api/auth/reset-password; every session ends, so the cache forgets the user. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ResetPasswordInput) => call(api.auth["reset-password"].$post({ json: input })),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, null);
    },
  });
}
