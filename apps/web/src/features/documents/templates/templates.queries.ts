import type { SaveAsTemplateInput } from "@ensemble/contracts/documents";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../../lib/api.ts";

/** The key of the places one document may be saved into as a template. */
export function templateTargetsKey(documentId: string) {
  return ["documents", "template-targets", documentId] as const;
}

/**
 * The key of every project's template lists (see templatesKey): a saved template is offered in
 * all projects of its organisation or network, not only in the one it came from.
 */
const allTemplatesKey = ["documents", "templates"] as const;

/** GET /api/documents/{id}/template-targets: where I may save this document as a template. */
export function useTemplateTargets(documentId: string, enabled: boolean) {
  return useQuery({
    queryKey: templateTargetsKey(documentId),
    queryFn: async () =>
      (await call(api.documents[":id"]["template-targets"].$get({ param: { id: documentId } }))).targets,
    enabled,
    staleTime: 60_000,
  });
}

/** POST /api/documents/{id}/save-as-template; the template lists are fetched again. */
export function useSaveAsTemplate(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveAsTemplateInput) =>
      call(api.documents[":id"]["save-as-template"].$post({ param: { id: documentId }, json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: allTemplatesKey }),
  });
}

/**
 * DELETE /api/document-templates/{id}; the template lists are fetched again, after a failure too
 * (a template someone else deleted meanwhile is "not found" and should leave the list).
 */
export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api["document-templates"][":id"].$delete({ param: { id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: allTemplatesKey }),
  });
}
