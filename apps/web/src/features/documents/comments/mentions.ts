import type { PersonRef } from "@ensemble/contracts/documents";

/** An "@…" being typed: where its "@" is and what follows it up to the caret. */
export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  /** What was typed after the "@" (may be empty, may hold spaces: names have them). */
  query: string;
}

/** Longest text after "@" that still counts as a name being typed. */
const MAX_QUERY = 40;

/**
 * The mention being typed at the caret, or null: an "@" at the start or after a space or an
 * opening bracket (not inside an address like "a@b.de"), followed by no line break.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) {
    return null;
  }
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n\r@]/.test(query) || /^\s/.test(query)) {
    return null;
  }
  const previous = at === 0 ? "" : before.charAt(at - 1);
  if (previous !== "" && !/[\s([{"'„“‚]/.test(previous)) {
    return null;
  }
  return { start: at, query };
}

/** Case- and accent-insensitive form of a text, for matching names. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/**
 * The people whose name matches what was typed: names starting with it first, then names with a
 * word starting with it; at most `limit`.
 */
export function matchPeople<P extends { displayName: string }>(
  people: readonly P[],
  query: string,
  limit = 8,
): P[] {
  const q = fold(query.trim());
  if (q === "") {
    return people.slice(0, limit);
  }
  const starts: P[] = [];
  const words: P[] = [];
  for (const person of people) {
    const name = fold(person.displayName);
    if (name.startsWith(q)) {
      starts.push(person);
    } else if (name.split(/\s+/).some((word) => word.startsWith(q))) {
      words.push(person);
    }
  }
  return [...starts, ...words].slice(0, limit);
}

/** The text with the mention being typed replaced by "@Name " and where the caret goes after it. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^ /, "");
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length };
}

/**
 * The ids of the chosen people whose "@Name" is still in the body (a mention deleted from the text
 * is no mention), each once, at most `max` (what the API accepts).
 */
export function mentionedIds(body: string, chosen: readonly PersonRef[], max = 20): string[] {
  const ids: string[] = [];
  for (const person of chosen) {
    if (!ids.includes(person.id) && body.includes(`@${person.displayName}`)) {
      ids.push(person.id);
    }
  }
  return ids.slice(0, max);
}

/** A piece of a comment's body: plain text, or a mention of a person. */
export type BodyPart = { kind: "text"; text: string } | { kind: "mention"; text: string; person: PersonRef };

/** Splits a comment's body into text and the "@Name" of the people it mentions, for showing them apart. */
export function splitMentions(body: string, mentions: readonly PersonRef[]): BodyPart[] {
  // Longer names first, so "@Anna Maria" is not taken for "@Anna".
  const people = [...mentions].sort((a, b) => b.displayName.length - a.displayName.length);
  const parts: BodyPart[] = [];
  let plain = "";
  let i = 0;
  while (i < body.length) {
    const person =
      body.charAt(i) === "@" ? people.find((p) => body.startsWith(`@${p.displayName}`, i)) : undefined;
    if (!person) {
      plain += body.charAt(i);
      i += 1;
      continue;
    }
    if (plain) {
      parts.push({ kind: "text", text: plain });
      plain = "";
    }
    const text = `@${person.displayName}`;
    parts.push({ kind: "mention", text, person });
    i += text.length;
  }
  if (plain) {
    parts.push({ kind: "text", text: plain });
  }
  return parts;
}
