import type { CreateVersionInput } from "@ensemble/contracts/documents";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../../lib/api.ts";

/** The key of a document's versions; each version's content hangs below it. */
export function versionsKey(documentId: string) {
  return ["document-versions", documentId] as const;
}

/** The key of one version's content (never changes, so it is kept). */
export function versionContentKey(documentId: string, versionId: string) {
  return [...versionsKey(documentId), "content", versionId] as const;
}

/** GET /api/documents/{id}/versions: named and automatic versions, newest first. */
export function useVersions(documentId: string, enabled: boolean) {
  return useQuery({
    queryKey: versionsKey(documentId),
    queryFn: async () =>
      (await call(api.documents[":id"].versions.$get({ param: { id: documentId } }))).versions,
    enabled,
  });
}

/** GET /api/documents/{id}/versions/{versionId}: the version with its content (Tiptap JSON). */
export function useVersionContent(documentId: string, versionId: string | null) {
  return useQuery({
    queryKey: versionContentKey(documentId, versionId ?? ""),
    queryFn: () =>
      call(
        api.documents[":id"].versions[":versionId"].$get({
          param: { id: documentId, versionId: versionId ?? "" },
        }),
      ),
    enabled: versionId !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** POST /api/documents/{id}/versions: the durable state as a named version. */
export function useCreateVersion(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateVersionInput) =>
      call(api.documents[":id"].versions.$post({ param: { id: documentId }, json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: versionsKey(documentId), exact: true }),
  });
}
