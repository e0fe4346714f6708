/** Texts of saving a document as a template and deleting saved templates (German is the shape). */
export const documentTemplatesDe = {
  save: {
    open: "Als Vorlage speichern",
    title: "„{{title}}“ als Vorlage speichern",
    intro:
      "Die Vorlage enthält den jetzigen Text des Dokuments, ohne Kommentare. Spätere Änderungen am Dokument ändern die Vorlage nicht.",
    name: "Name der Vorlage",
    description: "Beschreibung (freiwillig)",
    descriptionHint: "Wofür ist die Vorlage gedacht? Das sehen alle, die ein neues Dokument anlegen.",
    owner: "Speichern für",
    ownerHint: "Die Vorlage steht dann in allen Projekten dieser Organisation oder dieses Netzwerks bereit.",
    ownerOnly: "Die Vorlage gehört dann {{name}} und steht in allen Projekten von {{name}} bereit.",
    network: "{{name}} (Netzwerk)",
    organisation: "{{name}} (Organisation)",
    submit: "Vorlage speichern",
    done: "Vorlage „{{name}}“ für {{owner}} gespeichert.",
    refused:
      "Für {{name}} kannst du diese Vorlage nicht speichern, vielleicht hat sich deine Mitgliedschaft gerade geändert. Wähle ein anderes Ziel oder lade die Seite neu.",
    noTargets:
      "Du kannst dieses Dokument nirgends mehr als Vorlage speichern, vielleicht hat sich deine Mitgliedschaft gerade geändert.",
  },
  delete: {
    buttonFor: "Vorlage „{{name}}“ löschen",
    title: "Vorlage „{{name}}“ löschen?",
    text: "Sie steht dann für niemanden in {{owner}} mehr bereit. Dokumente, die schon daraus entstanden sind, bleiben, wie sie sind.",
    confirm: "Vorlage löschen",
    done: "Vorlage „{{name}}“ gelöscht.",
  },
};

/** English texts of saving a document as a template and deleting saved templates. */
export const documentTemplatesEn: typeof documentTemplatesDe = {
  save: {
    open: "Save as template",
    title: "Save “{{title}}” as a template",
    intro:
      "The template holds the document’s current text, without comments. Later changes to the document do not change the template.",
    name: "Template name",
    description: "Description (optional)",
    descriptionHint: "What is the template for? Everyone creating a new document sees this.",
    owner: "Save for",
    ownerHint: "The template is then offered in every project of this organisation or network.",
    ownerOnly: "The template then belongs to {{name}} and is offered in all projects of {{name}}.",
    network: "{{name}} (network)",
    organisation: "{{name}} (organisation)",
    submit: "Save template",
    done: "Template “{{name}}” saved for {{owner}}.",
    refused:
      "You cannot save this template for {{name}}; perhaps your membership has just changed. Choose another target or reload the page.",
    noTargets:
      "You can no longer save this document as a template anywhere; perhaps your membership has just changed.",
  },
  delete: {
    buttonFor: "Delete template “{{name}}”",
    title: "Delete template “{{name}}”?",
    text: "It will no longer be offered to anyone in {{owner}}. Documents already made from it stay as they are.",
    confirm: "Delete template",
    done: "Template “{{name}}” deleted.",
  },
};
