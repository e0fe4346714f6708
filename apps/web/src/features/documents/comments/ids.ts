/**
 * A new random UUID (v4) for a thread. crypto.randomUUID exists only in secure contexts, so plain
 * http on a local network falls back to getRandomValues, which exists everywhere.
 */
export function newThreadId(): string {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A text cut to at most `max` characters (code points), with "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** The start of a comment on one line (at most `max` characters), to tell its buttons from another's. */
export function excerpt(body: string, max = 30): string {
  return clip(body.replace(/\s+/g, " ").trim(), max);
}
