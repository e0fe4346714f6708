import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./lib/api.ts";

const ME_KEY = ["me"];

// Failures that may go away by themselves; a 4xx answer will not change on retry.
const RETRYABLE = new Set(["network_error", "busy", "internal_error", "unexpected_response"]);

function isSessionGone(error: unknown): boolean {
  return error instanceof ApiError && error.code === "unauthenticated";
}

/**
 * The app's query client. Whenever any call reports that the session is gone (expired, ended on
 * another device), ["me"] becomes null, and the route guard sends the user to sign in.
 */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isSessionGone(error) && query.queryKey[0] !== ME_KEY[0]) {
          forgetUser();
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isSessionGone(error)) {
          forgetUser();
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          failureCount < 2 && error instanceof ApiError && RETRYABLE.has(error.code),
      },
      mutations: { retry: false },
    },
  });
  /** The session ended elsewhere: drop the previous user's data from memory, then show sign-in. */
  function forgetUser() {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, null);
  }
  return queryClient;
}
