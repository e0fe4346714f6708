/** Texts of exporting, printing and importing documents (German is the shape; English must match). */
export const documentTransferDe = {
  export: {
    button: "Exportieren",
    markdown: "Markdown (.md)",
    html: "Webseite (.html)",
    docx: "Word (.docx)",
    print: "Drucken / PDF",
    printedAt: "Stand: {{date}}",
    project: "Projekt: {{name}}",
  },
  import: {
    button: "Importieren",
    title: "Dokument importieren",
    file: "Datei",
    hint: "Markdown (.md, .markdown) oder Word (.docx), höchstens 4 MB. Daraus entsteht ein neues Dokument.",
    submit: "Importieren",
    progress: "Fortschritt des Imports",
    stage: {
      reading: "Datei wird gelesen …",
      uploading: "Wird hochgeladen …",
      uploadingPercent: "Wird hochgeladen … {{percent}} %",
      converting: "Wird umgewandelt …",
      done: "Fertig. „{{title}}“ wird geöffnet.",
    },
    error: {
      noFile: "Bitte wähle eine Datei aus.",
      wrongType:
        "Diese Datei kann nicht importiert werden. Wähle eine Markdown-Datei (.md, .markdown) oder ein Word-Dokument (.docx).",
      tooLarge: "Die Datei ist {{size}} groß. Importieren kannst du Dateien bis 4 MB.",
      empty: "Die Datei ist leer.",
      readFailed:
        "Die Datei konnte nicht gelesen werden. Versuche es noch einmal oder wähle eine andere Datei.",
      unreadable:
        "Mit dieser Datei können wir nichts anfangen: Sie ist beschädigt oder kein Word- oder Markdown-Dokument. Öffne sie in ihrem Programm und speichere sie dort noch einmal als .docx oder .md.",
      failed: "Der Import hat nicht geklappt.",
    },
  },
};

/** English texts of exporting, printing and importing. */
export const documentTransferEn: typeof documentTransferDe = {
  export: {
    button: "Export",
    markdown: "Markdown (.md)",
    html: "Web page (.html)",
    docx: "Word (.docx)",
    print: "Print / PDF",
    printedAt: "As of {{date}}",
    project: "Project: {{name}}",
  },
  import: {
    button: "Import",
    title: "Import a document",
    file: "File",
    hint: "Markdown (.md, .markdown) or Word (.docx), at most 4 MB. It becomes a new document.",
    submit: "Import",
    progress: "Import progress",
    stage: {
      reading: "Reading the file …",
      uploading: "Uploading …",
      uploadingPercent: "Uploading … {{percent}} %",
      converting: "Converting …",
      done: "Done. Opening “{{title}}”.",
    },
    error: {
      noFile: "Please choose a file.",
      wrongType:
        "This file cannot be imported. Choose a Markdown file (.md, .markdown) or a Word document (.docx).",
      tooLarge: "The file is {{size}}. You can import files of up to 4 MB.",
      empty: "The file is empty.",
      readFailed: "The file could not be read. Try again or choose another file.",
      unreadable:
        "We cannot make sense of this file: it is damaged or not a Word or Markdown document. Open it in its program and save it there again as .docx or .md.",
      failed: "The import did not work.",
    },
  },
};
