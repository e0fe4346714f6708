import type { Mail } from "../../mail/mailer.ts";
import { quoteComment } from "../document-comments/document-comments.mails.ts";

/**
 * The mail telling someone they were mentioned in a comment on a task, in their own language
 * (German unless their account says English). As for documents, the subject carries no text a
 * user chose; the comment is quoted as plain text.
 */
export function taskMentionMail(options: {
  to: string;
  name: string;
  locale: string | null;
  author: string;
  taskTitle: string;
  body: string;
  link: string;
}): Mail {
  const { to, name, author, taskTitle, link } = options;
  const quote = quoteComment(options.body);
  if (options.locale === "en") {
    return {
      to,
      subject: "You were mentioned in a comment",
      text: `Hello ${name},\n\n${author} mentioned you in a comment on the task “${taskTitle}”:\n\n${quote}\n\nOpen the task to read or reply:\n\n${link}\n\nYou get this mail because you are a member of the project.\n\nEnsemble`,
    };
  }
  return {
    to,
    subject: "Du wurdest in einem Kommentar erwähnt",
    text: `Hallo ${name},\n\n${author} hat dich in einem Kommentar zur Aufgabe „${taskTitle}“ erwähnt:\n\n${quote}\n\nHier kannst du die Aufgabe öffnen und antworten:\n\n${link}\n\nDu bekommst diese Mail, weil du Mitglied des Projekts bist.\n\nEnsemble`,
  };
}
