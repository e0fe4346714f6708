import type { ImportDocumentInput } from "@ensemble/contracts/documents";
import { ApiError, toApiError } from "../../../lib/api.ts";

/** The largest file we import (the API refuses more than 4 MB decoded). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** The file types the import takes, for the file picker. */
export const IMPORT_ACCEPT =
  ".md,.markdown,.docx,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The import format of a file, from its name; null for anything we cannot import. */
export function importFormat(filename: string): ImportDocumentInput["format"] | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
    return "markdown";
  }
  if (lower.endsWith(".docx")) {
    return "docx";
  }
  return null;
}

/** Why a file cannot be imported before it is even read, or null when it may be. */
export function fileProblem(file: { name: string; size: number }): "wrongType" | "tooLarge" | "empty" | null {
  if (importFormat(file.name) === null) {
    return "wrongType";
  }
  if (file.size > MAX_IMPORT_BYTES) {
    return "tooLarge";
  }
  if (file.size === 0) {
    return "empty";
  }
  return null;
}

/** A file size in megabytes (or kilobytes below one), in the reader's language: "5,2 MB". */
export function formatFileSize(bytes: number, language: string): string {
  const locale = language === "en" ? "en-GB" : language;
  const mb = bytes / (1024 * 1024);
  if (mb < 1) {
    return new Intl.NumberFormat(locale, {
      style: "unit",
      unit: "kilobyte",
      maximumFractionDigits: 0,
    }).format(Math.max(1, Math.round(bytes / 1024)));
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(
    mb,
  );
}

/** A name the API takes as a title source: at most 200 characters, no control characters. */
export function importFilename(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we drop
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return Array.from(clean).slice(0, 200).join("") || "Import";
}

/** Reads a file as base64 (without the data: prefix), reporting progress from 0 to 1. */
export function readAsBase64(
  file: Blob,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    const abort = () => reader.abort();
    signal.addEventListener("abort", abort, { once: true });
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total);
      }
    };
    reader.onload = () => {
      signal.removeEventListener("abort", abort);
      const result = typeof reader.result === "string" ? reader.result : "";
      const comma = result.indexOf(",");
      resolve(comma >= 0 ? result.slice(comma + 1) : "");
    };
    reader.onerror = () => {
      signal.removeEventListener("abort", abort);
      reject(reader.error ?? new Error("read failed"));
    };
    reader.onabort = () => reject(new DOMException("aborted", "AbortError"));
    reader.readAsDataURL(file);
  });
}

function headersOf(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
  }
  return headers;
}

/**
 * POSTs JSON with XMLHttpRequest, whose upload reports progress (fetch does not), and resolves with
 * the parsed answer; fails with an ApiError like `call()` does (network, status, unreadable body).
 */
export function postJsonWithProgress(
  path: string,
  body: unknown,
  onUploadProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort, { once: true });
    xhr.open("POST", path);
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onUploadProgress(event.loaded / event.total);
      }
    };
    xhr.upload.onload = () => onUploadProgress(1);
    xhr.onerror = () => {
      signal.removeEventListener("abort", abort);
      reject(new ApiError({ status: 0, code: "network_error", message: "Network request failed" }));
    };
    xhr.onabort = () => {
      signal.removeEventListener("abort", abort);
      reject(new DOMException("aborted", "AbortError"));
    };
    xhr.onload = () => {
      signal.removeEventListener("abort", abort);
      const text = xhr.responseText;
      const json = async () => JSON.parse(text) as unknown;
      if (xhr.status < 200 || xhr.status >= 300) {
        void toApiError({ status: xhr.status, headers: headersOf(xhr), json }).then(reject);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch (cause) {
        reject(
          new ApiError({
            status: xhr.status,
            code: "unexpected_response",
            message: "Unreadable answer",
            cause,
          }),
        );
      }
    };
    xhr.send(JSON.stringify(body));
  });
}
