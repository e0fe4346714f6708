import type { InvitationKind } from "@ensemble/contracts/invitations";
import type { Mail } from "../../mail/mailer.ts";

const roleNames: Record<string, { de: string; en: string }> = {
  owner: { de: "Eigentümer*in", en: "owner" },
  admin: { de: "Admin", en: "admin" },
  member: { de: "Mitglied", en: "member" },
  lead: { de: "Projektleitung", en: "lead" },
  editor: { de: "Bearbeiter*in", en: "editor" },
  viewer: { de: "Leser*in", en: "viewer" },
};

/** The mail that carries an invitation link (in the inviter's language). */
export function invitationMail(options: {
  to: string;
  kind: InvitationKind;
  inviter: string;
  targetName: string;
  role: string | null;
  link: string;
  locale: string | null;
}): Mail {
  const { to, kind, inviter, targetName, role, link } = options;
  const r = role ? roleNames[role] : undefined;
  if (options.locale === "en") {
    const what =
      kind === "organisation"
        ? `to join the organisation “${targetName}”${r ? ` as ${r.en}` : ""}`
        : kind === "project"
          ? `to the project “${targetName}”${r ? ` as ${r.en}` : ""}`
          : `to bring your organisation into the network “${targetName}”`;
    return {
      to,
      // the subject carries no text a user chose (names could be used to send spam)
      subject: "Your invitation to Ensemble",
      text: `Hello,\n\n${inviter} invites you ${what}.\n\nAccept or decline here (with an account or by creating one):\n\n${link}\n\nThe link is valid for 7 days and works once. If you did not expect this invitation, you can ignore this mail.\n\nEnsemble`,
    };
  }
  const what =
    kind === "organisation"
      ? `in die Organisation „${targetName}“ ein${r ? ` (als ${r.de})` : ""}`
      : kind === "project"
        ? `in das Projekt „${targetName}“ ein${r ? ` (als ${r.de})` : ""}`
        : `ein, mit deiner Organisation dem Netzwerk „${targetName}“ beizutreten`;
  return {
    to,
    subject: "Deine Einladung zu Ensemble",
    text: `Hallo,\n\n${inviter} lädt dich ${what}.\n\nHier kannst du annehmen oder ablehnen (mit deinem Konto oder indem du eins anlegst):\n\n${link}\n\nDer Link ist 7 Tage gültig und funktioniert einmal. Wenn du diese Einladung nicht erwartet hast, kannst du die Mail ignorieren.\n\nEnsemble`,
  };
}
