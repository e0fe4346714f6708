import { codePoints } from "@ensemble/contracts/text";

const MAX_NAME = 100;
const GERMAN: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" };

/**
 * A file name from a document title that every system accepts: no path separators, control,
 * invisible or reserved characters, no leading dots, at most 100 characters, never empty or a reserved
 * Windows name.
 */
export function safeBaseName(title: string): string {
  let name = title
    .normalize("NFC")
    // control and invisible format characters (a right-to-left override can disguise an extension)
    .replace(/[\p{Cc}\p{Cf}"*/:<>?\\|]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (codePoints(name) > MAX_NAME) {
    name = [...name].slice(0, MAX_NAME).join("").trimEnd();
  }
  if (!name) {
    return "Dokument";
  }
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name) ? `${name}_` : name;
}

/** The name in plain ASCII for old clients: German letters spelled out, other accents dropped. */
function asciiName(name: string): string {
  return name
    .replace(/[äöüÄÖÜß]/g, (ch) => GERMAN[ch] ?? ch)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/[%;]/g, "_");
}

/** RFC 5987 encoding (encodeURIComponent leaves a few characters that attr-char does not allow). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition` for downloading a document as `<title>.<extension>`: an ASCII `filename`
 * for old clients and the real name as `filename*` (RFC 6266).
 */
export function attachmentDisposition(title: string, extension: string): string {
  const name = `${safeBaseName(title)}.${extension}`;
  return `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** A document title from an imported file's name: without its extension (or "Import" when nothing is left). */
export function titleFromFilename(filename: string): string {
  const base = filename
    .replace(/^.*[/\\]/, "")
    .replace(/\.(md|markdown|mdown|txt|docx)$/i, "")
    .trim();
  const title = [...(base || "Import")].slice(0, 200).join("").trim();
  return title || "Import";
}
