import { describe, expect, it } from "vitest";
import { MENTION_EXCERPT_LENGTH, mentionMail, quoteComment } from "./document-comments.mails.ts";

describe("mention mails", () => {
  it("quotes every line of the comment, empty lines too", () => {
    expect(quoteComment("  Erste Zeile\n\nDritte\r\nVierte  ")).toBe("> Erste Zeile\n>\n> Dritte\n> Vierte");
  });

  it("cuts a long comment after whole characters (an emoji is one) and says so", () => {
    const long = "🎭".repeat(MENTION_EXCERPT_LENGTH + 1);
    expect(quoteComment(long)).toBe(`> ${"🎭".repeat(MENTION_EXCERPT_LENGTH)} …`);
    expect(quoteComment("🎭".repeat(MENTION_EXCERPT_LENGTH))).toBe(
      `> ${"🎭".repeat(MENTION_EXCERPT_LENGTH)}`,
    );
  });

  it("keeps what people wrote out of the subject and writes German unless the account says English", () => {
    const options = {
      to: "a@example.org",
      name: "Ann",
      author: "Spam Kauf jetzt",
      documentTitle: "Gratis Gewinn",
      body: "Klick hier",
      link: "http://localhost:3000/x",
    };
    for (const locale of [null, "de", "fr"]) {
      expect(mentionMail({ ...options, locale }).subject).toBe("Du wurdest in einem Kommentar erwähnt");
    }
    expect(mentionMail({ ...options, locale: "en" }).subject).toBe("You were mentioned in a comment");
  });
});
