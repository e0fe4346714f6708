import type { Locale } from "@ensemble/contracts/auth";
import type { Mail } from "../../mail/mailer.ts";

type Lang = Locale;

function lang(locale: string | null | undefined): Lang {
  return locale === "en" ? "en" : "de";
}

/** The mail with the link that confirms an address (after sign-up or a change of email). */
export function verifyEmailMail(to: string, name: string, link: string, locale: string | null): Mail {
  if (lang(locale) === "en") {
    return {
      to,
      subject: "Confirm your email address for Ensemble",
      text: `Hello ${name},\n\nplease confirm your email address by opening this link:\n\n${link}\n\nThe link is valid for 48 hours. If you did not ask for this, you can ignore this mail.\n\nEnsemble`,
    };
  }
  return {
    to,
    subject: "Bestätige deine E-Mail-Adresse für Ensemble",
    text: `Hallo ${name},\n\nbitte bestätige deine E-Mail-Adresse mit diesem Link:\n\n${link}\n\nDer Link ist 48 Stunden gültig. Wenn du das nicht angefordert hast, kannst du diese Mail ignorieren.\n\nEnsemble`,
  };
}

/** The mail with the link that sets a new password. */
export function resetPasswordMail(to: string, name: string, link: string, locale: string | null): Mail {
  if (lang(locale) === "en") {
    return {
      to,
      subject: "Reset your Ensemble password",
      text: `Hello ${name},\n\nsomeone (hopefully you) asked to reset your password. Set a new one here:\n\n${link}\n\nThe link is valid for one hour and works once. If you did not ask for this, ignore this mail; your password stays as it is.\n\nEnsemble`,
    };
  }
  return {
    to,
    subject: "Dein Ensemble-Passwort zurücksetzen",
    text: `Hallo ${name},\n\njemand (hoffentlich du) möchte dein Passwort zurücksetzen. Hier kannst du ein neues festlegen:\n\n${link}\n\nDer Link ist eine Stunde gültig und funktioniert nur einmal. Wenn du das nicht warst, ignoriere diese Mail; dein Passwort bleibt unverändert.\n\nEnsemble`,
  };
}

/** Tells the old address that a change of email was requested. */
export function emailChangeNoticeMail(
  to: string,
  name: string,
  newEmail: string,
  locale: string | null,
): Mail {
  if (lang(locale) === "en") {
    return {
      to,
      subject: "Your Ensemble email address is being changed",
      text: `Hello ${name},\n\na change of your account's email address to ${newEmail} was requested. It takes effect once the new address is confirmed. If this was not you, change your password now.\n\nEnsemble`,
    };
  }
  return {
    to,
    subject: "Deine E-Mail-Adresse bei Ensemble wird geändert",
    text: `Hallo ${name},\n\nfür dein Konto wurde eine Änderung der E-Mail-Adresse auf ${newEmail} angefordert. Sie gilt, sobald die neue Adresse bestätigt ist. Wenn du das nicht warst, ändere jetzt dein Passwort.\n\nEnsemble`,
  };
}
