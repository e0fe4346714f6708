import type { OrganisationKind, OrganisationRole, Sparte } from "@ensemble/contracts/organisations";
import type { ProjectRole } from "@ensemble/contracts/projects";
import { auditDe } from "../features/audit/audit.i18n.ts";
import { boardsDe } from "../features/boards/boards.i18n.ts";
import { documentCommentsDe } from "../features/documents/comments/comments.i18n.ts";
import { documentsDe } from "../features/documents/documents.i18n.ts";
import { documentTemplatesDe } from "../features/documents/templates/templates.i18n.ts";
import { documentTransferDe } from "../features/documents/transfer/transfer.i18n.ts";
import { documentVersionsDe } from "../features/documents/versions/versions.i18n.ts";
import { invitationsDe } from "../features/invitations/invitations.i18n.ts";
import { networksDe } from "../features/networks/networks.i18n.ts";
import { organisationsDe } from "../features/organisations/organisations.i18n.ts";
import { projectsDe } from "../features/projects/projects.i18n.ts";
/**
 * German texts (the default and fallback language). Informal "du" throughout.
 * This object defines the shape every other language must match (see `Messages`).
 */
export const de = {
  organisations: organisationsDe,
  networks: networksDe,
  projects: projectsDe,
  invitations: invitationsDe,
  audit: auditDe,
  documents: documentsDe,
  documentComments: documentCommentsDe,
  documentVersions: documentVersionsDe,
  documentTransfer: documentTransferDe,
  documentTemplates: documentTemplatesDe,
  boards: boardsDe,
  organisation: {
    kinds: {
      association: "Verein",
      venue: "Spielstätte",
      collective: "Kollektiv",
      company: "Unternehmen",
      municipality: "Kommune",
      artist: "Einzelkünstlerin oder -künstler",
    } satisfies Record<OrganisationKind, string>,
    sparten: {
      music: "Musik",
      theatre: "Theater",
      dance: "Tanz",
      visual_arts: "Bildende Kunst",
      literature: "Literatur",
      film: "Film",
      sociocultural: "Soziokultur",
      heritage: "Kulturerbe",
      other: "Anderes",
    } satisfies Record<Sparte, string>,
  },
  roles: {
    organisation: {
      owner: "Eigentümerin oder Eigentümer",
      admin: "Admin",
      member: "Mitglied",
    } satisfies Record<OrganisationRole, string>,
    project: {
      lead: "Leitung",
      editor: "Bearbeitung",
      viewer: "Lesezugriff",
    } satisfies Record<ProjectRole, string>,
  },
  app: {
    name: "Ensemble",
    loading: "Wird geladen …",
    skipToContent: "Zum Inhalt springen",
    loadFailed: "Ensemble konnte gerade nicht geladen werden.",
    retry: "Erneut versuchen",
    cancel: "Abbrechen",
    tableScroll: "{{name}} (Tabelle, seitlich scrollbar)",
    noValue: "keine Angabe",
  },
  language: {
    label: "Sprache",
    de: "Deutsch",
    en: "English",
    saveFailed: "Die Sprache konnte nicht in deinem Profil gespeichert werden.",
  },
  nav: {
    label: "Hauptnavigation",
    home: "Start",
    projects: "Projekte",
    myTasks: "Meine Aufgaben",
    organisations: "Organisationen",
    networks: "Netzwerke",
  },
  accountMenu: {
    button: "Konto: {{name}}",
    settings: "Einstellungen",
    signOut: "Abmelden",
    signOutFailed: "Abmelden hat nicht geklappt.",
  },
  verifyBanner: {
    label: "E-Mail-Bestätigung",
    text: "Bitte bestätige deine E-Mail-Adresse. Wir haben dir dafür einen Link an {{email}} geschickt.",
    resend: "Mail erneut senden",
    resent: "Wir haben dir eine neue Mail geschickt.",
  },
  form: {
    requiredHint: "Mit * markierte Felder musst du ausfüllen.",
    summaryTitle: "Das hat leider nicht geklappt",
    summaryFieldsTitle: "Bitte prüfe deine Eingaben",
    errorPrefix: "Fehler:",
    show: "Anzeigen",
    showField: "Anzeigen: {{label}}",
    passwordHint: "Mindestens 10 Zeichen. Am sichersten ist ein langer Satz, den du dir gut merken kannst.",
  },
  errors: {
    code: {
      malformed_request: "Die Anfrage konnte nicht gelesen werden. Bitte lade die Seite neu.",
      validation_failed: "Einige Angaben sind nicht gültig.",
      unauthenticated: "Bitte melde dich an.",
      invalid_credentials: "E-Mail-Adresse oder Passwort stimmen nicht.",
      forbidden: "Dazu bist du nicht berechtigt.",
      origin_mismatch: "Die Anfrage wurde aus Sicherheitsgründen abgelehnt. Bitte lade die Seite neu.",
      wrong_password: "Das Passwort stimmt nicht.",
      not_found: "Das wurde nicht gefunden. Vielleicht wurde es inzwischen entfernt.",
      email_taken: "Diese E-Mail-Adresse wird bereits von einem anderen Konto verwendet.",
      conflict: "Das passt nicht zum aktuellen Stand. Lade die Seite neu und versuche es noch einmal.",
      last_owner:
        "Eine Organisation braucht immer mindestens eine Eigentümerin oder einen Eigentümer. Übertrage die Eigentümerschaft zuerst.",
      last_lead:
        "Ein Projekt braucht immer mindestens eine Projektleitung. Ernenne zuerst jemand anderen zur Leitung.",
      already_member: "Diese Person oder Organisation ist bereits dabei.",
      project_archived: "Das Projekt ist archiviert und kann nur gelesen werden.",
      invitation_expired:
        "Diese Einladung ist abgelaufen oder wurde bereits verwendet. Bitte um eine neue Einladung.",
      email_unverified:
        "Bitte bestätige zuerst deine E-Mail-Adresse (den Link dafür haben wir dir geschickt). Danach kannst du andere einladen.",
      invitation_wrong_account:
        "Diese Einladung ging an eine andere E-Mail-Adresse. Melde dich mit dieser Adresse an, um sie anzunehmen.",
      invalid_token: "Dieser Link ist ungültig oder abgelaufen.",
      payload_too_large: "Die Anfrage ist zu groß.",
      unsupported_media_type: "Die Anfrage hatte ein unerwartetes Format. Bitte lade die Seite neu.",
      rate_limited: "Zu viele Versuche. Bitte warte einen Moment und versuche es dann erneut.",
      busy: "Der Server ist gerade ausgelastet. Bitte versuche es gleich noch einmal.",
      internal_error: "Bei uns ist etwas schiefgelaufen. Bitte versuche es später noch einmal.",
      network_error:
        "Keine Verbindung zum Server. Bitte prüfe deine Internetverbindung und versuche es erneut.",
      unexpected_response: "Der Server hat unerwartet geantwortet. Bitte versuche es erneut.",
    },
    rateLimitedSeconds_one: "Zu viele Versuche. Bitte warte {{count}} Sekunde und versuche es dann erneut.",
    rateLimitedSeconds_other:
      "Zu viele Versuche. Bitte warte {{count}} Sekunden und versuche es dann erneut.",
    rateLimitedMinutes_one: "Zu viele Versuche. Bitte warte {{count}} Minute und versuche es dann erneut.",
    rateLimitedMinutes_other: "Zu viele Versuche. Bitte warte {{count}} Minuten und versuche es dann erneut.",
    field: {
      required: "Bitte fülle dieses Feld aus.",
      select_required: "Bitte wähle etwas aus.",
      too_short: "Die Eingabe ist zu kurz.",
      too_long: "Die Eingabe ist zu lang.",
      password_too_short: "Das Passwort muss mindestens 10 Zeichen lang sein.",
      password_too_long: "Das Passwort darf höchstens 256 Zeichen lang sein.",
      displayName_too_long: "Der Anzeigename darf höchstens 80 Zeichen lang sein.",
      invalid_email: "Bitte gib eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.",
      common_password: "Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wähle ein anderes.",
      email_taken: "Diese E-Mail-Adresse wird bereits verwendet.",
      wrong_password: "Das Passwort stimmt nicht.",
      unchanged: "Das ist bereits deine E-Mail-Adresse.",
      invalid_characters: "Der Name enthält unzulässige Zeichen.",
      invalid_url: "Bitte gib eine Webadresse an, die mit http:// oder https:// beginnt.",
      duplicate: "Jeder Eintrag darf nur einmal vorkommen.",
      already_member: "Diese Person oder Organisation ist bereits dabei.",
      not_allowed: "Das darfst du nicht festlegen.",
      not_a_member: "Nur Mitglieder kommen dafür in Frage.",
      mismatch: "Die beiden Passwörter stimmen nicht überein.",
      invalid: "Diese Eingabe ist ungültig.",
    },
  },
  signIn: {
    title: "Anmelden",
    heading: "Anmelden",
    email: "E-Mail-Adresse",
    password: "Passwort",
    submit: "Anmelden",
    forgot: "Passwort vergessen?",
    noAccount: "Noch kein Konto?",
    signUp: "Registrieren",
    accountDeleted: "Dein Konto wurde gelöscht.",
  },
  signUp: {
    title: "Registrieren",
    heading: "Registrieren",
    email: "E-Mail-Adresse",
    displayName: "Anzeigename",
    displayNameHint: "So sehen dich die anderen in Ensemble, zum Beispiel dein Vor- und Nachname.",
    password: "Passwort",
    submit: "Konto anlegen",
    haveAccount: "Du hast schon ein Konto?",
    signIn: "Anmelden",
  },
  verify: {
    titlePending: "E-Mail-Adresse wird bestätigt",
    headingPending: "E-Mail-Adresse wird bestätigt …",
    headingSuccess: "E-Mail-Adresse bestätigt",
    headingFailed: "Bestätigung fehlgeschlagen",
    success: "Danke! Deine E-Mail-Adresse ist jetzt bestätigt.",
    continue: "Weiter zu Ensemble",
    toSignIn: "Zur Anmeldung",
    missingToken: "Dieser Link ist unvollständig. Bitte öffne den Link aus der Mail noch einmal.",
    requestNew: "Neuen Link anfordern",
    newLinkSent: "Wir haben dir einen neuen Link geschickt.",
    signInForNew: "Melde dich an, um einen neuen Link anzufordern.",
  },
  forgot: {
    title: "Passwort vergessen",
    heading: "Passwort vergessen",
    intro:
      "Gib deine E-Mail-Adresse ein. Wir schicken dir einen Link, mit dem du ein neues Passwort festlegen kannst.",
    email: "E-Mail-Adresse",
    submit: "Link senden",
    sent: "Wenn ein Konto mit dieser E-Mail-Adresse existiert, haben wir dir einen Link zum Zurücksetzen geschickt. Schau auch in deinen Spam-Ordner.",
    backToSignIn: "Zurück zur Anmeldung",
  },
  reset: {
    title: "Neues Passwort festlegen",
    heading: "Neues Passwort festlegen",
    newPassword: "Neues Passwort",
    repeat: "Neues Passwort wiederholen",
    submit: "Passwort speichern",
    success: "Dein Passwort wurde geändert.",
    successHint: "Du wurdest auf allen Geräten abgemeldet. Melde dich jetzt mit deinem neuen Passwort an.",
    toSignIn: "Zur Anmeldung",
    missingToken:
      "Dieser Link ist unvollständig. Bitte öffne den Link aus der Mail noch einmal oder fordere einen neuen an.",
    requestNew: "Neuen Link anfordern",
  },
  home: {
    title: "Start",
    heading: "Willkommen, {{name}}",
    emptyTitle: "Noch keine Projekte",
    empty: "Hier erscheinen deine Projekte, sobald du eins anlegst oder jemand dich dazu einlädt.",
    projectsHeading: "Deine Projekte",
    projectsLoadFailed: "Deine Projekte konnten nicht geladen werden.",
    allProjects: "Alle Projekte",
    newProject: "Neues Projekt anlegen",
  },
  settings: {
    title: "Einstellungen",
    heading: "Einstellungen",
    saved: "Gespeichert.",
    profile: {
      heading: "Profil",
      displayName: "Anzeigename",
      language: "Bevorzugte Sprache",
      languageHint: "In dieser Sprache zeigen wir dir Ensemble und schicken dir E-Mails.",
      submit: "Profil speichern",
    },
    password: {
      heading: "Passwort ändern",
      current: "Aktuelles Passwort",
      new: "Neues Passwort",
      repeat: "Neues Passwort wiederholen",
      submit: "Passwort ändern",
      success: "Dein Passwort wurde geändert. Auf allen anderen Geräten wurdest du abgemeldet.",
    },
    email: {
      heading: "E-Mail-Adresse ändern",
      current: "Deine E-Mail-Adresse ist {{email}}.",
      newEmail: "Neue E-Mail-Adresse",
      password: "Passwort",
      passwordHint: "Zur Sicherheit brauchen wir dein aktuelles Passwort.",
      submit: "Bestätigungslink senden",
      pending:
        "Wir haben einen Bestätigungslink an {{email}} geschickt. Die neue Adresse gilt, sobald du den Link geöffnet hast.",
    },
    sessions: {
      heading: "Angemeldete Geräte",
      intro: "Auf diesen Geräten bist du gerade angemeldet. Beende Sitzungen, die du nicht kennst.",
      thisDevice: "Dieses Gerät",
      lastUsed: "Zuletzt aktiv: {{date}}",
      signedInSince: "Angemeldet seit: {{date}}",
      ip: "IP-Adresse: {{ip}}",
      revoke: "Sitzung beenden",
      revoked: "Die Sitzung wurde beendet.",
      signOutOthers: "Auf allen anderen Geräten abmelden",
      othersEnded_one: "Du wurdest auf {{count}} anderen Gerät abgemeldet.",
      othersEnded_other: "Du wurdest auf {{count}} anderen Geräten abgemeldet.",
      unknownDevice: "Unbekanntes Gerät",
      deviceOn: "{{browser}} unter {{os}}",
      loadFailed: "Die Geräte konnten nicht geladen werden.",
    },
    delete: {
      heading: "Konto löschen",
      intro:
        "Wenn du dein Konto löschst, entfernen wir deine persönlichen Daten endgültig. Das lässt sich nicht rückgängig machen.",
      start: "Konto löschen",
      confirmText: "Bist du sicher? Gib zur Bestätigung dein Passwort ein.",
      password: "Passwort",
      confirm: "Konto endgültig löschen",
    },
  },
  routeError: {
    title: "Fehler",
    heading: "Da ist etwas schiefgegangen",
    text: "Diese Seite konnte nicht angezeigt werden. Lade die Seite neu oder geh zurück zur Startseite.",
    home: "Zur Startseite",
  },
  notFound: {
    title: "Seite nicht gefunden",
    heading: "Seite nicht gefunden",
    text: "Diese Seite gibt es nicht (mehr). Vielleicht hat sich ein Tippfehler in die Adresse geschlichen.",
    home: "Zur Startseite",
  },
};

/** The shape of every language's texts: same keys, string values. */
export type Messages = typeof de;
