import { z } from "zod";

/** Counts code points, so a text is measured as typed, not in UTF-16 units. */
export function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) {
    n++;
  }
  return n;
}

/** True when the text has C0 control characters or DEL (never wanted in a name). */
export function hasControlCharacters(value: string, allowNewlines = false): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (allowNewlines && (c === 0x0a || c === 0x0d || c === 0x09)) {
      continue;
    }
    if (c < 0x20 || c === 0x7f) {
      return true;
    }
  }
  return false;
}

/** A required one-line name: trimmed, 1 to `max` characters, no control characters. */
export function NameText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .refine((v) => codePoints(v) <= max, { params: { code: "too_long" } })
    .refine((v) => !hasControlCharacters(v), { params: { code: "invalid_characters" } });
}

/** An optional one-line text: trimmed, up to `max` characters, may be empty. */
export function LineText(max: number) {
  return z
    .string()
    .trim()
    .refine((v) => codePoints(v) <= max, { params: { code: "too_long" } })
    .refine((v) => !hasControlCharacters(v), { params: { code: "invalid_characters" } });
}

/** A free text of several lines: trimmed, up to `max` characters, may be empty. */
export function LongText(max: number) {
  return z
    .string()
    .trim()
    .refine((v) => codePoints(v) <= max, { params: { code: "too_long" } })
    .refine((v) => !hasControlCharacters(v, true), { params: { code: "invalid_characters" } });
}

/** Our ids are UUIDs; anything else cannot name a resource. */
export const Id = z.uuid();

/** An http(s) address, or empty. */
export const WebAddress = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === "" || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), { params: { code: "invalid_url" } });
