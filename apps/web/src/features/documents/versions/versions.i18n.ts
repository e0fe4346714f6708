/** Texts of a document's version history (German is the shape; English must match). */
export const documentVersionsDe = {
  open: "Versionen",
  heading: "Versionsverlauf",
  close: "Schließen",
  save: {
    heading: "Aktuellen Stand als Version speichern",
    name: "Name der Version",
    hint: "Zum Beispiel „Beim Kulturamt eingereicht“.",
    submit: "Version speichern",
    saved: "Die Version „{{name}}“ wurde gespeichert.",
    waiting: "Deine letzten Änderungen werden noch gespeichert. Die Version wird gleich danach angelegt.",
  },
  list: {
    heading: "Gespeicherte Versionen",
    automatic: "Automatische Sicherung",
    meta: "{{date}}, {{name}}",
    metaNoAuthor: "{{date}}",
    empty:
      "Noch keine Versionen. Automatische Sicherungen entstehen regelmäßig, während jemand das Dokument bearbeitet.",
    loadFailed: "Die Versionen konnten nicht geladen werden.",
  },
  preview: {
    label: "Vorschau",
    choose: "Wähle eine Version aus der Liste, um sie anzusehen.",
    savedBy: "Gespeichert am {{date}} von {{name}}",
    savedAt: "Gespeichert am {{date}}",
    content: "Inhalt der Version „{{name}}“ (nur zum Lesen)",
    loadFailed: "Diese Version konnte nicht geladen werden.",
  },
  restore: {
    button: "Diese Version wiederherstellen",
    title: "„{{name}}“ wiederherstellen?",
    text: "Der Inhalt des Dokuments wird durch diese Version ersetzt. Das zählt als neue Änderung: Der jetzige Stand bleibt im Verlauf erhalten, und alle, die gerade mitschreiben, sehen die Änderung sofort.",
    confirm: "Ja, wiederherstellen",
    done: "Die Version „{{name}}“ wurde wiederhergestellt.",
    failed:
      "Die Version konnte nicht wiederhergestellt werden, weil der Editor nicht bereit ist. Lade die Seite neu und versuche es noch einmal.",
  },
};

/** English texts of the version history. */
export const documentVersionsEn: typeof documentVersionsDe = {
  open: "Versions",
  heading: "Version history",
  close: "Close",
  save: {
    heading: "Save the current state as a version",
    name: "Name of the version",
    hint: "For example “Submitted to the arts council”.",
    submit: "Save version",
    saved: "The version “{{name}}” has been saved.",
    waiting: "Your latest changes are still being saved. The version will be made right after.",
  },
  list: {
    heading: "Saved versions",
    automatic: "Automatic backup",
    meta: "{{date}}, {{name}}",
    metaNoAuthor: "{{date}}",
    empty: "No versions yet. Automatic backups are made regularly while someone edits the document.",
    loadFailed: "The versions could not be loaded.",
  },
  preview: {
    label: "Preview",
    choose: "Choose a version from the list to view it.",
    savedBy: "Saved on {{date}} by {{name}}",
    savedAt: "Saved on {{date}}",
    content: "Content of the version “{{name}}” (read only)",
    loadFailed: "This version could not be loaded.",
  },
  restore: {
    button: "Restore this version",
    title: "Restore “{{name}}”?",
    text: "The content of the document will be replaced by this version. This counts as a new change: the current state stays in the history, and everyone writing along sees the change at once.",
    confirm: "Yes, restore",
    done: "The version “{{name}}” has been restored.",
    failed:
      "The version could not be restored because the editor is not ready. Reload the page and try again.",
  },
};
