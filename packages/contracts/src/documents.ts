import { z } from "zod";
import { Id, LongText, NameText } from "./text.ts";

/** A person as shown next to a document, version or comment (null when the account is gone). */
export const PersonRef = z.object({ id: z.string(), displayName: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const DocumentAbilities = z.object({
  edit: z.boolean(),
  comment: z.boolean(),
  trash: z.boolean(),
  restore: z.boolean(),
  delete: z.boolean(),
});
export type DocumentAbilities = z.infer<typeof DocumentAbilities>;

export const DocumentSummary = z.object({
  id: z.string(),
  projectId: z.string(),
  folderId: z.string().nullable(),
  title: z.string(),
  createdAt: z.string(),
  createdBy: PersonRef.nullable(),
  /** When the content or title last changed, and by whom. */
  updatedAt: z.string(),
  updatedBy: PersonRef.nullable(),
  deletedAt: z.string().nullable(),
  abilities: DocumentAbilities,
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/** One document for the editor page: the summary plus its project. */
export const Document = DocumentSummary.extend({
  project: z.object({ id: z.string(), name: z.string(), state: z.enum(["active", "archived", "trashed"]) }),
});
export type Document = z.infer<typeof Document>;
export const DocumentResponse = z.object({ document: Document });

export const DocumentFolder = z.object({
  id: z.string(),
  projectId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  createdAt: z.string(),
});
export type DocumentFolder = z.infer<typeof DocumentFolder>;
export const FolderResponse = z.object({ folder: DocumentFolder });

/** A project's documents (active or in the trash) and all its folders; the UI builds the tree. */
export const DocumentList = z.object({
  documents: z.array(DocumentSummary),
  folders: z.array(DocumentFolder),
  /** May I create documents and folders here? */
  canCreate: z.boolean(),
});
export type DocumentList = z.infer<typeof DocumentList>;

export const DocumentListQuery = z.strictObject({ view: z.enum(["active", "trash"]).optional() });
export type DocumentListQuery = z.input<typeof DocumentListQuery>;

/** Built-in templates ship in German and English; ids look like `builtin:foerderantrag`. */
export const BuiltinTemplateKey = z.enum([
  "foerderantrag",
  "finanzplan",
  "sicherheitskonzept",
  "veranstaltungs-checkliste",
  "pressemitteilung",
]);
export type BuiltinTemplateKey = z.infer<typeof BuiltinTemplateKey>;
export const ContentLanguage = z.enum(["de", "en"]);
export type ContentLanguage = z.infer<typeof ContentLanguage>;

/** `builtin:<key>` or the id of a saved template. */
export const TemplateRef = z.union([z.templateLiteral(["builtin:", BuiltinTemplateKey]), Id]);

export const CreateDocumentInput = z.strictObject({
  title: NameText(200),
  folderId: Id.nullable().optional(),
  templateId: TemplateRef.optional(),
  /** Language of a built-in template (default: German). */
  language: ContentLanguage.optional(),
});
export type CreateDocumentInput = z.input<typeof CreateDocumentInput>;

export const UpdateDocumentInput = z
  .strictObject({ title: NameText(200).optional(), folderId: Id.nullable().optional() })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateDocumentInput = z.input<typeof UpdateDocumentInput>;

export const CreateFolderInput = z.strictObject({ name: NameText(120), parentId: Id.nullable().optional() });
export type CreateFolderInput = z.input<typeof CreateFolderInput>;
/** Moving a folder into itself or one of its subfolders answers 422 with `parentId: "folder_cycle"`. */
export const UpdateFolderInput = z
  .strictObject({ name: NameText(120).optional(), parentId: Id.nullable().optional() })
  .refine((v) => Object.keys(v).length > 0, { params: { code: "nothing_to_change" } });
export type UpdateFolderInput = z.input<typeof UpdateFolderInput>;

export const DocumentTemplate = z.object({
  /** `builtin:<key>` or a saved template's id. */
  id: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.enum(["builtin", "organisation", "network"]),
  /** The organisation or network that saved it (null for built-ins). */
  owner: z.object({ kind: z.enum(["organisation", "network"]), id: z.string(), name: z.string() }).nullable(),
  canDelete: z.boolean(),
});
export type DocumentTemplate = z.infer<typeof DocumentTemplate>;
export const DocumentTemplateList = z.object({ templates: z.array(DocumentTemplate) });
export const TemplateListQuery = z.strictObject({ language: ContentLanguage.optional() });

export const SaveAsTemplateInput = z.strictObject({
  name: NameText(120),
  description: LongText(500).optional(),
  owner: z.strictObject({ kind: z.enum(["organisation", "network"]), id: Id }),
});
export type SaveAsTemplateInput = z.input<typeof SaveAsTemplateInput>;

export const DocumentVersion = z.object({
  id: z.string(),
  /** null for automatic versions. */
  name: z.string().nullable(),
  createdAt: z.string(),
  createdBy: PersonRef.nullable(),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;
export const DocumentVersionList = z.object({ versions: z.array(DocumentVersion) });
export const CreateVersionInput = z.strictObject({ name: NameText(120) });
export type CreateVersionInput = z.input<typeof CreateVersionInput>;
/** A version's content as ProseMirror/Tiptap JSON, for a read-only view and for restoring. */
export const VersionContent = z.object({
  version: DocumentVersion,
  content: z.record(z.string(), z.unknown()),
});
export type VersionContent = z.infer<typeof VersionContent>;

export const DocumentComment = z.object({
  id: z.string(),
  author: PersonRef.nullable(),
  body: z.string(),
  mentions: z.array(PersonRef),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** The caller wrote it. */
  isMine: z.boolean(),
  /** The caller may change its text (its author, while they may comment here). */
  canEdit: z.boolean(),
  /**
   * The caller may delete it (its author, or a project lead / admin of the owning organisation
   * as moderator). Deleting the first comment of a thread deletes the whole thread.
   */
  canDelete: z.boolean(),
});
export type DocumentComment = z.infer<typeof DocumentComment>;

export const CommentThread = z.object({
  /** Also the `threadId` of the comment mark in the document. */
  id: z.string(),
  quote: z.string(),
  createdAt: z.string(),
  createdBy: PersonRef.nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: PersonRef.nullable(),
  comments: z.array(DocumentComment),
});
export type CommentThread = z.infer<typeof CommentThread>;
export const CommentThreadList = z.object({ threads: z.array(CommentThread) });
export const CommentThreadResponse = z.object({ thread: CommentThread });

const CommentBody = LongText(5000).pipe(z.string().min(1));
export const CreateThreadInput = z.strictObject({
  /** The client picks the id, so the mark in the document and the thread are made together. */
  id: Id,
  quote: LongText(1000),
  body: CommentBody,
  /** Project members mentioned with @ in the body (anyone else: 422 `mentions: "not_a_member"`). */
  mentions: z.array(Id).max(20).optional(),
});
export type CreateThreadInput = z.input<typeof CreateThreadInput>;
export const CreateCommentInput = z.strictObject({
  body: CommentBody,
  mentions: z.array(Id).max(20).optional(),
});
export type CreateCommentInput = z.input<typeof CreateCommentInput>;
/**
 * A new text for one's own comment. `mentions` replaces the people mentioned (only newly added
 * ones must be project members and get a mail); left out, the mentions stay as they are.
 */
export const UpdateCommentInput = z.strictObject({
  body: CommentBody,
  mentions: z.array(Id).max(20).optional(),
});
export type UpdateCommentInput = z.input<typeof UpdateCommentInput>;
/** After deleting a comment: its thread, or null when the first comment took the thread with it. */
export const DeleteCommentResponse = z.object({ thread: CommentThread.nullable() });
export type DeleteCommentResponse = z.infer<typeof DeleteCommentResponse>;

export const ExportFormat = z.enum(["markdown", "html", "docx"]);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ExportQuery = z.strictObject({ format: ExportFormat });

export const ImportFormat = z.enum(["markdown", "docx"]);
/**
 * An imported file, base64-encoded (at most 4 MB decoded, else 422 `content: "too_long"`; a file
 * that cannot be read as its format: `content: "unreadable_file"`). The document is titled after
 * `filename` without its extension.
 */
export const ImportDocumentInput = z.strictObject({
  format: ImportFormat,
  filename: NameText(200),
  content: z.base64().max(5_600_000),
  folderId: Id.nullable().optional(),
});
export type ImportDocumentInput = z.input<typeof ImportDocumentInput>;

export const DocumentIdParam = z.object({ id: Id });
export const ProjectDocumentsParam = z.object({ id: Id });
export const FolderIdParam = z.object({ id: Id });
export const TemplateIdParam = z.object({ id: Id });
export const VersionParam = z.object({ id: Id, versionId: Id });
export const ThreadParam = z.object({ id: Id, threadId: Id });
export const CommentParam = z.object({ id: Id, threadId: Id, commentId: Id });

/**
 * An organisation or network the caller may save a document as a template for: the owners that
 * take part in its project, by the save route's own rule (`GET /api/documents/{id}/template-targets`).
 */
export const TemplateTarget = z.object({
  kind: z.enum(["organisation", "network"]),
  id: z.string(),
  name: z.string(),
});
export type TemplateTarget = z.infer<typeof TemplateTarget>;
/** The project's owner first, then the caller's partner organisations by name; empty when none. */
export const TemplateTargetList = z.object({ targets: z.array(TemplateTarget) });
export type TemplateTargetList = z.infer<typeof TemplateTargetList>;
