import { describe, expect, it } from "vitest";
import { insertMention, matchPeople, mentionedIds, mentionQueryAt, splitMentions } from "./mentions.ts";

const anna = { id: "a", displayName: "Anna Amsel" };
const bernd = { id: "b", displayName: "Bernd Ölmann" };
const annaMaria = { id: "am", displayName: "Anna Maria Berg" };

describe("mentions", () => {
  it("find the name being typed after an @ at the caret, but not inside addresses or across lines", () => {
    expect(mentionQueryAt("Hallo @An", 9)).toEqual({ start: 6, query: "An" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("(@Anna Am", 9)).toEqual({ start: 1, query: "Anna Am" });
    expect(mentionQueryAt("mail an anna@example.org", 24)).toBeNull();
    expect(mentionQueryAt("@Anna\nweiter", 12)).toBeNull();
    expect(mentionQueryAt("@ Anna", 6)).toBeNull();
    expect(mentionQueryAt("kein at", 7)).toBeNull();
    // the caret before the @ is not in a mention
    expect(mentionQueryAt("Hallo @An", 5)).toBeNull();
  });

  it("match names from their start first, then by any word, ignoring case and accents", () => {
    const people = [bernd, anna, annaMaria];
    expect(matchPeople(people, "an").map((p) => p.id)).toEqual(["a", "am"]);
    expect(matchPeople(people, "mann").map((p) => p.id)).toEqual([]);
    expect(matchPeople(people, "ölm").map((p) => p.id)).toEqual(["b"]);
    expect(matchPeople(people, "OLM").map((p) => p.id)).toEqual(["b"]);
    expect(matchPeople(people, "berg").map((p) => p.id)).toEqual(["am"]);
    expect(matchPeople(people, "").map((p) => p.id)).toEqual(["b", "a", "am"]);
    expect(matchPeople(people, "", 1)).toHaveLength(1);
  });

  it("put the chosen name in place of what was typed and the caret after it", () => {
    const text = "Frag @an bitte";
    const result = insertMention(text, { start: 5, query: "an" }, 8, anna.displayName);
    expect(result.text).toBe("Frag @Anna Amsel bitte");
    expect(result.caret).toBe("Frag @Anna Amsel ".length);
  });

  it("mention only the chosen people whose @Name is still in the text, each once", () => {
    expect(mentionedIds("@Anna Amsel und @Bernd Ölmann", [anna, bernd, anna])).toEqual(["a", "b"]);
    expect(mentionedIds("nur @Anna Amsel", [anna, bernd])).toEqual(["a"]);
    expect(mentionedIds("niemand", [anna])).toEqual([]);
  });

  it("split a body into text and mentions, the longer name winning", () => {
    expect(splitMentions("Hallo @Anna Maria Berg und @Anna Amsel!", [anna, annaMaria])).toEqual([
      { kind: "text", text: "Hallo " },
      { kind: "mention", text: "@Anna Maria Berg", person: annaMaria },
      { kind: "text", text: " und " },
      { kind: "mention", text: "@Anna Amsel", person: anna },
      { kind: "text", text: "!" },
    ]);
    expect(splitMentions("a@b.de", [anna])).toEqual([{ kind: "text", text: "a@b.de" }]);
  });
});
