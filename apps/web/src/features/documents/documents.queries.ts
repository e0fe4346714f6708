import type {
  CreateDocumentInput,
  CreateFolderInput,
  Document,
  UpdateDocumentInput,
  UpdateFolderInput,
} from "@ensemble/contracts/documents";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../lib/api.ts";

/** Everything of this feature lives under ["documents", …], so one invalidation reaches it all. */
export const documentsKey = ["documents"] as const;

/** Which list of a project: its documents, or its trash. */
export type DocumentListView = "active" | "trash";

/** The key of all lists of one project (both views). */
export function projectDocumentsKey(projectId: string) {
  return ["documents", "project", projectId] as const;
}

/** The key of one list view of a project. */
export function documentListKey(projectId: string, view: DocumentListView) {
  return [...projectDocumentsKey(projectId), view] as const;
}

/** The key of one document (the editor page's). */
export function documentKey(id: string) {
  return ["documents", "detail", id] as const;
}

/** The key of the templates offered in a project, in one language. */
export function templatesKey(projectId: string, language: string) {
  return ["documents", "templates", projectId, language] as const;
}

/** GET /api/projects/{id}/documents?view=…: documents, all folders and whether I may create. */
export function useDocumentList(projectId: string, view: DocumentListView) {
  return useQuery({
    queryKey: documentListKey(projectId, view),
    queryFn: () => call(api.projects[":id"].documents.$get({ param: { id: projectId }, query: { view } })),
  });
}

/** GET /api/documents/{id}. */
export function useDocument(id: string) {
  return useQuery({
    queryKey: documentKey(id),
    queryFn: async () => (await call(api.documents[":id"].$get({ param: { id } }))).document,
  });
}

/** GET /api/projects/{id}/document-templates?language=…: built-ins and saved templates. */
export function useDocumentTemplates(projectId: string, language: "de" | "en", enabled: boolean) {
  return useQuery({
    queryKey: templatesKey(projectId, language),
    queryFn: async () =>
      (
        await call(
          api.projects[":id"]["document-templates"].$get({ param: { id: projectId }, query: { language } }),
        )
      ).templates,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** A document changed: its own entry gets the answer, the project's lists are fetched again. */
function documentChanged(queryClient: QueryClient, document: Document) {
  queryClient.setQueryData(documentKey(document.id), document);
  void queryClient.invalidateQueries({ queryKey: projectDocumentsKey(document.projectId) });
}

/** POST /api/projects/{id}/documents: blank or from a template. */
export function useCreateDocument(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDocumentInput) =>
      call(api.projects[":id"].documents.$post({ param: { id: projectId }, json: input })),
    onSuccess: ({ document }) => documentChanged(queryClient, document),
  });
}

/** PATCH /api/documents/{id}: rename, move to a folder. */
export function useUpdateDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateDocumentInput }) =>
      call(api.documents[":id"].$patch({ param: { id }, json: input })),
    onSuccess: ({ document }) => documentChanged(queryClient, document),
  });
}

/** The steps that change a document's place in its life: copy, trash, restore. */
export type DocumentStep = "duplicate" | "trash" | "restore";

function runStep(id: string, step: DocumentStep) {
  const param = { param: { id } };
  switch (step) {
    case "duplicate":
      return call(api.documents[":id"].duplicate.$post(param));
    case "trash":
      return call(api.documents[":id"].$delete(param));
    case "restore":
      return call(api.documents[":id"].restore.$post(param));
  }
}

/** Duplicates, trashes or restores a document (the variables name it); the answer is the document. */
export function useDocumentStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step }: { id: string; step: DocumentStep }) => runStep(id, step),
    onSuccess: ({ document }) => documentChanged(queryClient, document),
  });
}

/** DELETE /api/documents/{id}/permanent: gone for good (from the trash). */
export function useDeleteDocumentPermanently(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.documents[":id"].permanent.$delete({ param: { id } })),
    onSuccess: (_ok, id) => {
      queryClient.removeQueries({ queryKey: documentKey(id) });
      void queryClient.invalidateQueries({ queryKey: projectDocumentsKey(projectId) });
    },
  });
}

/** POST /api/projects/{id}/folders. */
export function useCreateFolder(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFolderInput) =>
      call(api.projects[":id"].folders.$post({ param: { id: projectId }, json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectDocumentsKey(projectId) }),
  });
}

/** PATCH /api/folders/{id}: rename, move into another folder. */
export function useUpdateFolder(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateFolderInput }) =>
      call(api.folders[":id"].$patch({ param: { id }, json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectDocumentsKey(projectId) }),
  });
}

/** DELETE /api/folders/{id}: its documents and subfolders move up to its parent. */
export function useDeleteFolder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.folders[":id"].$delete({ param: { id } })),
    // the documents that moved up carry a new folder: the open editor pages' entries are stale too
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentsKey }),
  });
}
