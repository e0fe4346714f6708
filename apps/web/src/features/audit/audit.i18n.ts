import type { AuditAction } from "@ensemble/contracts/audit";

type ActionGroup<A> = A extends `${infer Group}.${string}` ? Group : never;

/** One text per audit action, nested by the parts of its code ("member.role_changed"). */
type ActionTexts = {
  [G in ActionGroup<AuditAction>]: {
    [A in AuditAction as A extends `${G}.${infer Name}` ? Name : never]: string;
  };
};

/** Texts of the audit log shared by organisations and networks (German is the shape; English must match). */
export const auditDe = {
  heading: "Protokoll",
  csv: "Als CSV herunterladen",
  time: "Zeit",
  who: "Wer",
  what: "Was",
  target: "Betrifft",
  ip: "IP-Adresse",
  more: "Ältere Einträge laden",
  empty: "Noch keine Einträge.",
  end: "Das sind alle Einträge.",
  loaded_one: "{{count}} älterer Eintrag geladen.",
  loaded_other: "{{count}} ältere Einträge geladen.",
  loadFailed: "Das Protokoll konnte nicht geladen werden.",
  deletedAccount: "(gelöschtes Konto)",
  withRole: "{{action}} (als {{role}})",
  roleChange: "{{action}}: von {{from}} zu {{to}}",
  actions: {
    organisation: {
      created: "Organisation angelegt",
      updated: "Profil geändert",
    },
    member: {
      invited: "Person eingeladen",
      invitation_revoked: "Einladung zurückgezogen",
      joined: "Beigetreten",
      role_changed: "Rolle geändert",
      removed: "Mitglied entfernt",
      left: "Organisation verlassen",
    },
    ownership: {
      transferred: "Eigentümerschaft übertragen",
    },
    network: {
      created: "Netzwerk gegründet",
      updated: "Netzwerk geändert",
    },
    partner: {
      invited: "Partner eingeladen",
      invitation_revoked: "Partnereinladung zurückgezogen",
      joined: "Partner beigetreten",
      declined: "Partnereinladung abgelehnt",
      removed: "Partner entfernt",
      left: "Partner ausgetreten",
    },
    project: {
      created: "Projekt angelegt",
      deleted: "Projekt in den Papierkorb verschoben",
      restored: "Projekt wiederhergestellt",
      purged: "Projekt endgültig gelöscht",
    },
  } satisfies ActionTexts,
};

export const auditEn: typeof auditDe = {
  heading: "Audit log",
  csv: "Download as CSV",
  time: "Time",
  who: "Who",
  what: "What",
  target: "Concerns",
  ip: "IP address",
  more: "Load older entries",
  empty: "No entries yet.",
  end: "These are all the entries.",
  loaded_one: "{{count}} older entry loaded.",
  loaded_other: "{{count}} older entries loaded.",
  loadFailed: "The audit log could not be loaded.",
  deletedAccount: "(deleted account)",
  withRole: "{{action}} (as {{role}})",
  roleChange: "{{action}}: from {{from}} to {{to}}",
  actions: {
    organisation: {
      created: "Organisation created",
      updated: "Profile changed",
    },
    member: {
      invited: "Person invited",
      invitation_revoked: "Invitation revoked",
      joined: "Joined",
      role_changed: "Role changed",
      removed: "Member removed",
      left: "Left the organisation",
    },
    ownership: {
      transferred: "Ownership transferred",
    },
    network: {
      created: "Network founded",
      updated: "Network changed",
    },
    partner: {
      invited: "Partner invited",
      invitation_revoked: "Partner invitation revoked",
      joined: "Partner joined",
      declined: "Partner invitation declined",
      removed: "Partner removed",
      left: "Partner left",
    },
    project: {
      created: "Project created",
      deleted: "Project moved to the trash",
      restored: "Project restored",
      purged: "Project deleted for good",
    },
  },
};
