import type { Mail } from "../../mail/mailer.ts";

/** How much of a comment a mention mail quotes (code points); the link leads to the rest. */
export const MENTION_EXCERPT_LENGTH = 500;

/** The comment as quoted in a mail: at most `MENTION_EXCERPT_LENGTH` characters, each line marked "> ". */
export function quoteComment(body: string): string {
  const chars = [...body.trim()];
  const text =
    chars.length > MENTION_EXCERPT_LENGTH
      ? `${chars.slice(0, MENTION_EXCERPT_LENGTH).join("").trimEnd()} …`
      : chars.join("");
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}

/**
 * The mail telling someone they were mentioned in a comment, in their own language (German
 * unless their account says English). The subject carries no text a user chose (names and
 * titles could be used to send spam); the comment is quoted as plain text.
 */
export function mentionMail(options: {
  to: string;
  name: string;
  locale: string | null;
  author: string;
  documentTitle: string;
  body: string;
  link: string;
}): Mail {
  const { to, name, author, documentTitle, link } = options;
  const quote = quoteComment(options.body);
  if (options.locale === "en") {
    return {
      to,
      subject: "You were mentioned in a comment",
      text: `Hello ${name},\n\n${author} mentioned you in a comment on the document “${documentTitle}”:\n\n${quote}\n\nOpen the comment to read or reply:\n\n${link}\n\nYou get this mail because you are a member of the project.\n\nEnsemble`,
    };
  }
  return {
    to,
    subject: "Du wurdest in einem Kommentar erwähnt",
    text: `Hallo ${name},\n\n${author} hat dich in einem Kommentar im Dokument „${documentTitle}“ erwähnt:\n\n${quote}\n\nHier kannst du den Kommentar lesen und antworten:\n\n${link}\n\nDu bekommst diese Mail, weil du Mitglied des Projekts bist.\n\nEnsemble`,
  };
}
