/** Texts of the invitations feature (German is the shape; English must match). */
export const invitationsDe = {
  title: "Einladungen",
  /** The state of an invitation I sent (organisations, networks). */
  states: {
    pending: "Offen",
    expired: "Abgelaufen",
    declined: "Abgelehnt",
  },
  describe: {
    organisation: "{{inviter}} lädt dich in die Organisation „{{target}}“ ein.",
    project: "{{inviter}} lädt dich in das Projekt „{{target}}“ ein.",
    network: "{{inviter}} lädt deine Organisation ein, Partnerin im Netzwerk „{{target}}“ zu werden.",
    networkFor: "{{inviter}} lädt „{{organisation}}“ ein, Partnerin im Netzwerk „{{target}}“ zu werden.",
    role: "Deine Rolle: {{role}}",
    coordinator: "Koordiniert von: {{name}}",
    email: "Eingeladene Adresse: {{email}}",
    expires: "Gültig bis: {{date}}",
  },
  accept: "Annehmen",
  decline: "Ablehnen",
  declineConfirm: "Diese Einladung wirklich ablehnen?",
  declineConfirmButton: "Ja, ablehnen",
  picker: {
    label: "Welche Organisation tritt bei?",
    hint: "Du kannst eine Organisation wählen, die dir gehört oder in der du Admin bist.",
    none: "Du verwaltest noch keine Organisation. Lege zuerst eine an, dann kannst du die Einladung annehmen.",
    create: "Neue Organisation anlegen",
  },
  page: {
    title: "Einladung",
    heading: "Einladung zu Ensemble",
    expiredHeading: "Einladung abgelaufen",
    expired:
      "Diese Einladung ist abgelaufen oder wurde bereits verwendet. Frag die Person, die dich eingeladen hat, nach einer neuen Einladung.",
    invalidHeading: "Einladung nicht lesbar",
    signedOut:
      "Um die Einladung anzunehmen, melde dich an oder erstelle ein Konto mit der Adresse {{email}}.",
    signUp: "Konto erstellen",
    signIn: "Anmelden",
    signedInAs: "Du bist angemeldet als {{email}}.",
    switchAccount: "Abmelden und mit der eingeladenen Adresse anmelden",
    declined: "Du hast die Einladung abgelehnt.",
    toHome: "Zur Startseite",
  },
  home: {
    heading: "Deine Einladungen",
    empty: "Du hast gerade keine offenen Einladungen.",
    unverified:
      "Einladungen an deine E-Mail-Adresse erscheinen hier, sobald du sie bestätigt hast. Der Link in einer Einladungsmail funktioniert schon jetzt.",
    loadFailed: "Deine Einladungen konnten nicht geladen werden.",
    declined: "Die Einladung zu „{{target}}“ wurde abgelehnt.",
  },
};

export const invitationsEn: typeof invitationsDe = {
  title: "Invitations",
  states: {
    pending: "Pending",
    expired: "Expired",
    declined: "Declined",
  },
  describe: {
    organisation: "{{inviter}} invites you to join the organisation “{{target}}”.",
    project: "{{inviter}} invites you to the project “{{target}}”.",
    network: "{{inviter}} invites your organisation to become a partner in the network “{{target}}”.",
    networkFor: "{{inviter}} invites “{{organisation}}” to become a partner in the network “{{target}}”.",
    role: "Your role: {{role}}",
    coordinator: "Coordinated by: {{name}}",
    email: "Invited address: {{email}}",
    expires: "Valid until: {{date}}",
  },
  accept: "Accept",
  decline: "Decline",
  declineConfirm: "Really decline this invitation?",
  declineConfirmButton: "Yes, decline",
  picker: {
    label: "Which organisation joins?",
    hint: "You can choose an organisation in which you are an owner or admin.",
    none: "You do not manage an organisation yet. Create one first, then you can accept the invitation.",
    create: "Create a new organisation",
  },
  page: {
    title: "Invitation",
    heading: "Invitation to Ensemble",
    expiredHeading: "Invitation expired",
    expired:
      "This invitation has expired or has already been used. Ask the person who invited you for a new invitation.",
    invalidHeading: "Invitation could not be read",
    signedOut: "To accept the invitation, sign in or create an account with the address {{email}}.",
    signUp: "Create account",
    signIn: "Sign in",
    signedInAs: "You are signed in as {{email}}.",
    switchAccount: "Sign out and sign in with the invited address",
    declined: "You declined the invitation.",
    toHome: "To the start page",
  },
  home: {
    heading: "Your invitations",
    empty: "You have no pending invitations right now.",
    unverified:
      "Invitations to your email address appear here once you have confirmed it. The link in an invitation mail already works.",
    loadFailed: "Your invitations could not be loaded.",
    declined: "The invitation to “{{target}}” was declined.",
  },
};
