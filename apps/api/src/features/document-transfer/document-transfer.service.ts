import { authorizeProject } from "@ensemble/access/authorize";
import { readDocumentState } from "@ensemble/collab-core/storage";
import type { Document, ExportFormat, ImportDocumentInput } from "@ensemble/contracts/documents";
import { AppError } from "@ensemble/contracts/errors";
import { jsonToDocx, jsonToHtml, jsonToMarkdown, stateToJson } from "@ensemble/editor/convert";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import * as documents from "../documents/documents.service.ts";
import { ConversionError, type ConversionFailure, conversions } from "./document-transfer.conversions.ts";
import { attachmentDisposition, titleFromFilename } from "./document-transfer.filename.ts";

type ImportInput = z.output<typeof ImportDocumentInput>;

/** The largest file an import takes, decoded (the contract's base64 limit is a little above). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/**
 * The largest Markdown file an import takes: Markdown parsing can grow much faster than the text
 * (unclosed backticks or emphasis), and no real document needs more.
 */
export const MAX_MARKDOWN_BYTES = 1024 * 1024;

/** A file to download. */
export interface ExportedFile {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  disposition: string;
}

const FORMATS: Record<ExportFormat, { extension: string; contentType: string }> = {
  markdown: { extension: "md", contentType: "text/markdown; charset=utf-8" },
  html: { extension: "html", contentType: "text/html; charset=utf-8" },
  docx: {
    extension: "docx",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
};

/** A document's saved content as Markdown, HTML or DOCX, named after its title (comments left out). */
export async function exportDocument(
  deps: AppDeps,
  caller: Caller,
  id: string,
  format: ExportFormat,
): Promise<ExportedFile> {
  const current = await documents.getDocument(deps, caller, id);
  const json = stateToJson(await readDocumentState(deps.db, id));
  const language = caller.user.locale?.startsWith("en") ? "en" : "de";
  const body =
    format === "markdown"
      ? jsonToMarkdown(json)
      : format === "html"
        ? jsonToHtml(json, current.title, { language })
        : new Uint8Array(await jsonToDocx(json, current.title));
  return {
    body,
    contentType: FORMATS[format].contentType,
    disposition: attachmentDisposition(current.title, FORMATS[format].extension),
  };
}

function unreadable(message: string): AppError {
  return new AppError("validation_failed", message, { fields: { content: "unreadable_file" } });
}

/** Markdown text from a file: UTF-8 (a BOM is dropped), else Windows-1252 as older editors save it. */
function markdownText(bytes: Uint8Array): string {
  if (bytes.includes(0)) {
    throw unreadable("This file is not a Markdown text.");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** What to tell the importer when their file gave no document. */
function failureMessage(format: ImportInput["format"], reason: ConversionFailure): string {
  switch (reason) {
    case "timeout":
      return "Reading this file took too long, so it was stopped: it is too large or too complex to import. Split it into smaller files.";
    case "memory":
      return "Reading this file needed too much memory, so it was stopped: it is too large or too complex to import. Split it into smaller files.";
    case "crashed":
      return "Reading this file failed. Open it in its program, save it again and import it once more.";
    default:
      return format === "markdown"
        ? "This file could not be read as a Markdown text."
        : "This file could not be read as a Word document.";
  }
}

/** The first state of a document made from a Markdown or Word file (converted in a worker thread). */
async function fileState(
  deps: AppDeps,
  format: ImportInput["format"],
  bytes: Uint8Array,
): Promise<Uint8Array> {
  if (format === "markdown" && bytes.byteLength > MAX_MARKDOWN_BYTES) {
    throw unreadable("A Markdown file can be imported up to 1 MB; split it into smaller files.");
  }
  try {
    return await conversions.convert(
      format === "markdown" ? { format, text: markdownText(bytes) } : { format, bytes },
    );
  } catch (err) {
    if (!(err instanceof ConversionError)) {
      throw err;
    }
    if (err.reason === "busy") {
      const message = "Too many files are being imported right now; please try again in a moment.";
      throw new AppError("busy", message, { retryAfter: 5 });
    }
    if (err.reason === "unavailable") {
      // the server cannot convert anything: an operator's problem, answered 500 and logged
      throw new Error(`Imports are unavailable: ${err.message}`, { cause: err });
    }
    deps.logger.info({ err: err.message, reason: err.reason, format }, "an imported file could not be read");
    throw unreadable(failureMessage(format, err.reason));
  }
}

/** Makes a new document from a Markdown or Word file (editors and leads), titled after the file. */
export async function importDocument(
  deps: AppDeps,
  caller: Caller,
  projectId: string,
  input: ImportInput,
): Promise<Document> {
  const bytes = new Uint8Array(Buffer.from(input.content, "base64"));
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError("validation_failed", "The file is larger than 4 MB.", {
      // the same code the contract's base64 length check gives, so the form shows one message
      fields: { content: "too_long" },
    });
  }
  // Checked before the file is parsed (nobody makes the server read files for a project they
  // cannot write to), and again when the document is stored; the parsing runs outside the
  // transaction, so no lock is held while a large Word file is read.
  await authorizeProject(deps.db, caller.actor, "edit_content", projectId);
  const state = await fileState(deps, input.format, bytes);
  const made = await deps.db.transaction().execute((tx) =>
    documents.insertDocumentWithState(deps, tx, caller, projectId, {
      title: titleFromFilename(input.filename),
      folderId: input.folderId ?? null,
      state,
    }),
  );
  return documents.getDocument(deps, caller, made.id);
}
