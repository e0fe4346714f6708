import type {
  CommentThread,
  CreateCommentInput,
  CreateThreadInput,
  UpdateCommentInput,
} from "@ensemble/contracts/documents";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../../lib/api.ts";
import { useLiveConnectionState, useLiveEvent, useLiveResync } from "../../../lib/events.ts";

/** The key of a document's comment threads. */
export function threadsKey(documentId: string) {
  return ["document-comments", documentId] as const;
}

/**
 * How often the threads are fetched again while the live stream is down (refused, reconnecting):
 * a fallback only. While it is open, `document.comments.changed` says when to fetch, and a
 * reconnect replays what was missed, so polling would only add load.
 */
const FALLBACK_REFRESH_MS = 30_000;

/**
 * GET /api/documents/{id}/threads: open and resolved threads with their comments, fetched again
 * whenever someone changes this document's comments (live event), or every 30 s while the live
 * stream is not open.
 */
export function useThreads(documentId: string) {
  const queryClient = useQueryClient();
  const live = useLiveConnectionState() === "open";
  useLiveEvent("document.comments.changed", (event) => {
    if (event.data.documentId === documentId) {
      void queryClient.invalidateQueries({ queryKey: threadsKey(documentId) });
    }
  });
  // what was fetched before the stream (re)opened may lack changes made meanwhile
  useLiveResync(() => void queryClient.invalidateQueries({ queryKey: threadsKey(documentId) }));
  return useQuery({
    queryKey: threadsKey(documentId),
    queryFn: async () =>
      (await call(api.documents[":id"].threads.$get({ param: { id: documentId } }))).threads,
    refetchInterval: live ? false : FALLBACK_REFRESH_MS,
  });
}

/** Puts an answered thread into the cached list (new ones at the end). */
function threadChanged(queryClient: QueryClient, documentId: string, thread: CommentThread) {
  queryClient.setQueryData<CommentThread[]>(threadsKey(documentId), (threads) => {
    if (!threads) {
      return [thread];
    }
    return threads.some((t) => t.id === thread.id)
      ? threads.map((t) => (t.id === thread.id ? thread : t))
      : [...threads, thread];
  });
}

/** POST /api/documents/{id}/threads: a new thread with its first comment (the id is ours). */
export function useCreateThread(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateThreadInput) =>
      call(api.documents[":id"].threads.$post({ param: { id: documentId }, json: input })),
    onSuccess: ({ thread }) => threadChanged(queryClient, documentId, thread),
  });
}

/** POST /api/documents/{id}/threads/{threadId}/comments: a reply. */
export function useReply(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ threadId, ...input }: { threadId: string } & CreateCommentInput) =>
      call(
        api.documents[":id"].threads[":threadId"].comments.$post({
          param: { id: documentId, threadId },
          json: input,
        }),
      ),
    onSuccess: ({ thread }) => threadChanged(queryClient, documentId, thread),
  });
}

/** POST …/threads/{threadId}/resolve or …/reopen. */
export function useSetThreadResolved(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ threadId, resolved }: { threadId: string; resolved: boolean }) => {
      const param = { param: { id: documentId, threadId } };
      return call(
        resolved
          ? api.documents[":id"].threads[":threadId"].resolve.$post(param)
          : api.documents[":id"].threads[":threadId"].reopen.$post(param),
      );
    },
    onSuccess: ({ thread }) => threadChanged(queryClient, documentId, thread),
  });
}

/** Fetches the threads again now (a mark of a thread we do not know yet appeared in the text). */
export function useRefreshThreads(documentId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: threadsKey(documentId) });
}

/** PATCH …/threads/{threadId}/comments/{commentId}: a new text for my comment. */
export function useUpdateComment(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      threadId,
      commentId,
      ...input
    }: { threadId: string; commentId: string } & UpdateCommentInput) =>
      call(
        api.documents[":id"].threads[":threadId"].comments[":commentId"].$patch({
          param: { id: documentId, threadId, commentId },
          json: input,
        }),
      ),
    onSuccess: ({ thread }) => threadChanged(queryClient, documentId, thread),
  });
}

/**
 * DELETE …/threads/{threadId}/comments/{commentId}: the thread comes back without the comment, or
 * null when it was the first comment and took the thread with it.
 */
export function useDeleteComment(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ threadId, commentId }: { threadId: string; commentId: string }) =>
      call(
        api.documents[":id"].threads[":threadId"].comments[":commentId"].$delete({
          param: { id: documentId, threadId, commentId },
        }),
      ),
    onSuccess: ({ thread }, { threadId }) => {
      if (thread) {
        threadChanged(queryClient, documentId, thread);
        return;
      }
      queryClient.setQueryData<CommentThread[]>(threadsKey(documentId), (threads) =>
        threads?.filter((t) => t.id !== threadId),
      );
    },
  });
}
