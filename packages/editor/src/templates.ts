import type { JSONContent } from "@tiptap/core";
import { normalizeJson } from "./schema.ts";

/** The built-in template keys; the same list as `BuiltinTemplateKey` in `@ensemble/contracts/documents`. */
export const BUILTIN_TEMPLATE_KEYS = [
  "foerderantrag",
  "finanzplan",
  "sicherheitskonzept",
  "veranstaltungs-checkliste",
  "pressemitteilung",
] as const;
export type BuiltinTemplateKey = (typeof BUILTIN_TEMPLATE_KEYS)[number];
export type TemplateLanguage = "de" | "en";

export interface BuiltinTemplate {
  key: BuiltinTemplateKey;
  name: string;
  description: string;
  /** Canonical Tiptap JSON (every attribute present), ready for `jsonToState`. */
  content: JSONContent;
}

// Small builders: the templates below read as an outline of the document.

type Inline = string | JSONContent;

function inline(parts: Inline[]): JSONContent[] {
  return parts
    .filter((part) => part !== "")
    .map((part) => (typeof part === "string" ? { type: "text", text: part } : part));
}

function bold(value: string): JSONContent {
  return { type: "text", text: value, marks: [{ type: "bold" }] };
}

function italic(value: string): JSONContent {
  return { type: "text", text: value, marks: [{ type: "italic" }] };
}

const br: JSONContent = { type: "hardBreak" };

function p(...parts: Inline[]): JSONContent {
  const content = inline(parts);
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

function h(level: 1 | 2 | 3 | 4, value: string): JSONContent {
  return { type: "heading", attrs: { level }, content: inline([value]) };
}

function bullets(...items: string[]): JSONContent {
  return { type: "bulletList", content: items.map((item) => ({ type: "listItem", content: [p(item)] })) };
}

type Task = string | { text: string; subtasks: string[] };

function tasks(...items: Task[]): JSONContent {
  return {
    type: "taskList",
    content: items.map((item) => {
      if (typeof item === "string") {
        return { type: "taskItem", attrs: { checked: false }, content: [p(item)] };
      }
      return {
        type: "taskItem",
        attrs: { checked: false },
        content: [p(item.text), tasks(...item.subtasks)],
      };
    }),
  };
}

function quote(...paragraphs: JSONContent[]): JSONContent {
  return { type: "blockquote", content: paragraphs };
}

type Cell = Inline | Inline[];

function cell(type: "tableHeader" | "tableCell", value: Cell): JSONContent {
  return { type, content: [p(...(Array.isArray(value) ? value : [value]))] };
}

/** A table with a header row; `rows` are the body rows. */
function table(header: string[], rows: Cell[][]): JSONContent {
  return {
    type: "table",
    content: [
      { type: "tableRow", content: header.map((value) => cell("tableHeader", value)) },
      ...rows.map((row) => ({ type: "tableRow", content: row.map((value) => cell("tableCell", value)) })),
    ],
  };
}

/** A two-column form: a label per row (as a row header) and a value to fill in. */
function fields(rows: [label: string, value: string][]): JSONContent {
  return {
    type: "table",
    content: rows.map(([label, value]) => ({
      type: "tableRow",
      content: [cell("tableHeader", label), cell("tableCell", value)],
    })),
  };
}

function doc(...content: JSONContent[]): JSONContent {
  return normalizeJson({ type: "doc", content });
}

type Text = (de: string, en: string) => string;

function texts(language: TemplateLanguage): Text {
  return (de, en) => (language === "de" ? de : en);
}

// The templates. German addresses the reader with "du"; English uses British spelling.

function foerderantrag(t: Text): JSONContent {
  return doc(
    h(1, t("Förderantrag", "Grant application")),
    p(
      italic(
        t(
          "Vorlage für einen Antrag bei einer Kulturförderung. Ersetze die Hinweise in eckigen Klammern, lösche, was du nicht brauchst, und halte dich an die Gliederung und die Zeichenbegrenzungen des Förderprogramms.",
          "A template for an application to an arts funding programme. Replace the notes in square brackets, delete what you do not need, and follow the programme's structure and character limits.",
        ),
      ),
    ),
    h(2, t("Projekttitel", "Project title")),
    p(
      t(
        "[Titel des Projekts, ggf. mit Untertitel]",
        "[Title of the project, with a subtitle if there is one]",
      ),
    ),
    h(2, t("Antragstellende Organisation", "Applicant")),
    fields([
      [t("Name", "Name"), t("[Name der Organisation]", "[Name of the organisation]")],
      [t("Rechtsform", "Legal form"), t("[z. B. e. V., gGmbH]", "[e.g. e. V., gGmbH]")],
      [t("Anschrift", "Address"), "[…]"],
      [t("Ansprechperson", "Contact person"), t("[Name, Funktion]", "[Name, role]")],
      [t("E-Mail und Telefon", "Email and telephone"), "[…]"],
      [t("Website", "Website"), "[…]"],
      [
        t("Gemeinnützigkeit", "Non-profit status"),
        t(
          "[Freistellungsbescheid vom …, Finanzamt …]",
          "[Tax exemption notice (Freistellungsbescheid) of …, tax office …]",
        ),
      ],
    ]),
    h(2, t("Kurzbeschreibung", "Summary")),
    p(
      t(
        "[Das Projekt in drei bis fünf Sätzen: Was passiert wann und wo, mit wem und für wen? Viele Programme begrenzen diesen Text auf 1.000 bis 1.500 Zeichen.]",
        "[The project in three to five sentences: what happens, when and where, with whom and for whom? Many programmes limit this text to 1,000–1,500 characters.]",
      ),
    ),
    h(2, t("Ausgangslage", "Background")),
    p(
      t(
        "[Warum dieses Projekt, warum jetzt? Beschreibe den Bedarf, den Ort und die bisherige Arbeit deiner Organisation.]",
        "[Why this project, and why now? Describe the need, the place and your organisation's work so far.]",
      ),
    ),
    h(2, t("Ziele", "Objectives")),
    bullets(
      t("[Künstlerisches Ziel]", "[Artistic objective]"),
      t(
        "[Gesellschaftliches Ziel, z. B. kulturelle Teilhabe]",
        "[Social objective, e.g. cultural participation]",
      ),
      t(
        "[Woran erkennst du, dass die Ziele erreicht sind? (Indikatoren)]",
        "[How will you know the objectives have been met? (Indicators)]",
      ),
    ),
    h(2, t("Zielgruppen", "Target groups")),
    p(
      t(
        "[Wen willst du erreichen, wie viele Menschen, und auf welchen Wegen?]",
        "[Whom do you want to reach, how many people, and by which means?]",
      ),
    ),
    h(2, t("Maßnahmen und Zeitplan", "Activities and timeline")),
    table(
      [t("Zeitraum", "Period"), t("Maßnahme", "Activity"), t("Verantwortlich", "Responsible")],
      [
        [t("[MM/JJJJ]", "[MM/YYYY]"), t("Vorbereitung und Planung", "Preparation and planning"), "[…]"],
        [t("[MM/JJJJ]", "[MM/YYYY]"), t("Proben und Produktion", "Rehearsals and production"), "[…]"],
        [t("[MM/JJJJ]", "[MM/YYYY]"), t("Veranstaltungen", "Events"), "[…]"],
        [
          t("[MM/JJJJ]", "[MM/YYYY]"),
          t("Dokumentation und Abrechnung", "Documentation and final report"),
          "[…]",
        ],
      ],
    ),
    h(2, t("Kooperationen", "Partners")),
    p(
      t(
        "[Partnerorganisationen, ihre Rolle und ihr Beitrag (Geld, Räume, Personal, Reichweite). Absichtserklärungen gehören in die Anlagen.]",
        "[Partner organisations, their role and their contribution (money, venues, staff, reach). Letters of intent go in the attachments.]",
      ),
    ),
    h(2, t("Barrierefreiheit", "Accessibility")),
    p(
      t(
        "[Wie wird das Projekt zugänglich? Z. B. stufenloser Zugang, Leichte Sprache, Gebärdensprache, Audiodeskription, Ruheraum, faire Eintrittspreise.]",
        "[How will the project be accessible? E.g. step-free access, easy-read texts, sign language, audio description, a quiet room, fair ticket prices.]",
      ),
    ),
    h(2, t("Öffentlichkeitsarbeit", "Publicity")),
    p(
      t(
        "[Kanäle, Materialien und Zeitplan, Pressearbeit; wie du die Förderung nennst (Logo, Förderhinweis).]",
        "[Channels, materials and schedule, press work; how you will credit the funder (logo, acknowledgement).]",
      ),
    ),
    h(2, t("Finanzierung", "Funding")),
    p(
      t(
        "Die Einzelheiten stehen im Finanzplan (Anlage). Hier die Übersicht:",
        "The details are in the budget (attached). In summary:",
      ),
    ),
    fields([
      [t("Gesamtkosten", "Total costs"), "[… €]"],
      [t("Eigenmittel", "Own funds"), "[… €]"],
      [t("Drittmittel", "Other funding"), "[… €]"],
      [t("Einnahmen (z. B. Eintritt)", "Income (e.g. tickets)"), "[… €]"],
      [t("Beantragte Förderung", "Grant requested"), "[… €]"],
    ]),
    h(2, t("Nachhaltigkeit", "Sustainability")),
    p(
      t(
        "[Was bleibt nach dem Projekt, und wie geht es weiter? Denke auch an ökologische Nachhaltigkeit, z. B. Anreise, Material, Wiederverwendung.]",
        "[What remains after the project, and what comes next? Consider environmental sustainability too, e.g. travel, materials, reuse.]",
      ),
    ),
    h(2, t("Anlagen", "Attachments")),
    tasks(
      t("Finanzplan", "Budget"),
      t("Zeitplan (falls ausführlicher als oben)", "Timeline (if more detailed than above)"),
      t("Künstlerische Biografien der Beteiligten", "Artistic biographies of those involved"),
      t("Satzung und Freistellungsbescheid", "Statutes and tax exemption notice"),
      t("Absichtserklärungen der Kooperationen", "Letters of intent from partners"),
      t("Kostenvoranschläge", "Quotes"),
      t("Arbeitsproben oder Pressespiegel", "Work samples or press coverage"),
    ),
  );
}

function finanzplan(t: Text): JSONContent {
  const euro = t("[0,00]", "[0.00]");
  return doc(
    h(1, t("Finanzplan", "Budget")),
    fields([
      [t("Projekt", "Project"), "[…]"],
      [t("Zeitraum", "Period"), t("[TT.MM.JJJJ bis TT.MM.JJJJ]", "[DD/MM/YYYY to DD/MM/YYYY]")],
      [t("Stand", "Version"), t("[Datum]", "[Date]")],
    ]),
    p(
      italic(
        t(
          "Alle Beträge in Euro. Gib an, ob du brutto oder netto rechnest (Vorsteuerabzug). Ausgaben und Einnahmen müssen gleich hoch sein: Der Finanzplan ist ausgeglichen.",
          "All amounts in euros. State whether amounts include VAT. Expenditure and income must be equal: the budget balances.",
        ),
      ),
    ),
    h(2, t("Ausgaben", "Expenditure")),
    table(
      [
        t("Kategorie", "Category"),
        t("Posten und Berechnung", "Item and calculation"),
        t("Betrag (€)", "Amount (€)"),
      ],
      [
        [
          t("Honorare", "Fees"),
          t("[z. B. 4 Mitwirkende × 3 Tage × 250 €]", "[e.g. 4 artists × 3 days × €250]"),
          euro,
        ],
        [
          t("Sachkosten", "Materials"),
          t("[Material, Requisiten, Kostüme]", "[Materials, props, costumes]"),
          euro,
        ],
        [t("Miete", "Venue hire"), t("[Raum- oder Bühnenmiete]", "[Hire of rooms or stage]"), euro],
        [
          t("Technik", "Technical costs"),
          t("[Licht, Ton, Verleih, Technikpersonal]", "[Lighting, sound, equipment hire, crew]"),
          euro,
        ],
        [
          t("Öffentlichkeitsarbeit", "Publicity"),
          t("[Druck, Anzeigen, Website, Fotos]", "[Printing, advertising, website, photography]"),
          euro,
        ],
        [t("Reisekosten", "Travel"), t("[Fahrten, Unterkunft]", "[Journeys, accommodation]"), euro],
        [[bold(t("Summe Ausgaben", "Total expenditure"))], "", [bold(euro)]],
      ],
    ),
    h(2, t("Einnahmen", "Income")),
    table(
      [t("Kategorie", "Category"), t("Quelle und Stand", "Source and status"), t("Betrag (€)", "Amount (€)")],
      [
        [
          t("Eigenmittel", "Own funds"),
          t("[Eigenanteil der Organisation]", "[Your organisation's share]"),
          euro,
        ],
        [
          t("Drittmittel", "Other funding"),
          t(
            "[Stiftung, Sponsoring, Kommune; beantragt oder bewilligt]",
            "[Trust, sponsor, council; applied for or awarded]",
          ),
          euro,
        ],
        [t("Eintritt", "Ticket sales"), t("[z. B. 200 Karten × 12 €]", "[e.g. 200 tickets × €12]"), euro],
        [t("Beantragte Förderung", "Grant requested"), t("[Förderprogramm]", "[Funding programme]"), euro],
        [[bold(t("Summe Einnahmen", "Total income"))], "", [bold(euro)]],
      ],
    ),
    h(2, t("Ausgleich", "Balance")),
    fields([
      [t("Summe Ausgaben", "Total expenditure"), euro],
      [t("Summe Einnahmen", "Total income"), euro],
      [t("Differenz (muss 0 sein)", "Difference (must be zero)"), euro],
    ]),
  );
}

function sicherheitskonzept(t: Text): JSONContent {
  const entry = "[…]";
  return doc(
    h(1, t("Sicherheitskonzept", "Event safety plan")),
    p(
      italic(
        t(
          "Ab einer bestimmten Größe verlangt die Genehmigungsbehörde ein Sicherheitskonzept. Stimme Inhalt und Umfang früh mit Ordnungsamt, Feuerwehr und Polizei ab und lege die Pläne (Lageplan, Rettungswege, Bestuhlung) als Anlage bei.",
          "Above a certain size the licensing authority requires a safety plan. Agree its scope early with the public order office (Ordnungsamt), fire service and police, and attach the plans (site plan, escape routes, seating).",
        ),
      ),
    ),
    h(2, t("Veranstaltungsdaten", "Event details")),
    fields([
      [t("Veranstaltung", "Event"), t("[Name und Art der Veranstaltung]", "[Name and type of event]")],
      [t("Veranstaltende Organisation", "Organiser"), entry],
      [t("Datum und Zeiten", "Date and times"), t("[Einlass, Beginn, Ende]", "[Doors, start, end]")],
      [t("Auf- und Abbau", "Set-up and take-down"), t("[Datum, Uhrzeit]", "[Date, time]")],
      [
        t("Ort", "Venue"),
        t("[Adresse, innen oder im Freien, Fläche in m²]", "[Address, indoors or outdoors, area in m²]"),
      ],
    ]),
    h(2, t("Verantwortliche", "Responsible people")),
    table(
      [t("Aufgabe", "Role"), t("Name", "Name"), t("Erreichbar unter", "Contact")],
      [
        [t("Veranstaltungsleitung", "Event manager"), entry, entry],
        [t("Sicherheitskoordination", "Safety coordinator"), entry, entry],
        [t("Veranstaltungstechnik", "Technical manager"), entry, entry],
        [t("Leitung Sanitätsdienst", "Head of first aid"), entry, entry],
        [t("Leitung Ordnungsdienst", "Head of stewarding"), entry, entry],
      ],
    ),
    h(2, t("Besucherzahl", "Audience numbers")),
    p(
      t(
        "[Erwartete Zahl und höchstens gleichzeitig Anwesende; zulässige Personenzahl laut Genehmigung oder Bestuhlungsplan; wie am Einlass gezählt wird.]",
        "[Expected attendance and the most present at any one time; the permitted capacity under the licence or seating plan; how people are counted at the entrance.]",
      ),
    ),
    h(2, t("Flucht- und Rettungswege", "Escape routes and emergency access")),
    bullets(
      t(
        "[Lage und Breite der Notausgänge (Plan als Anlage)]",
        "[Location and width of the emergency exits (plan attached)]",
      ),
      t(
        "[Kennzeichnung, Sicherheitsbeleuchtung, Wege freihalten]",
        "[Signage, emergency lighting, keeping routes clear]",
      ),
      t(
        "[Zufahrt und Aufstellflächen für Rettungsfahrzeuge]",
        "[Access and standing areas for emergency vehicles]",
      ),
      t("[Sammelplatz]", "[Assembly point]"),
    ),
    h(2, t("Sanitätsdienst", "First aid")),
    p(
      t(
        "[Anbieter, Zahl der Einsatzkräfte, Standort der Sanitätsstation, Erreichbarkeit während der Veranstaltung]",
        "[Provider, number of first aiders, location of the first aid post, how to reach them during the event]",
      ),
    ),
    h(2, t("Brandschutz", "Fire safety")),
    bullets(
      t("[Feuerlöscher: Anzahl und Standorte]", "[Fire extinguishers: number and locations]"),
      t("[Brandsicherheitswache, falls gefordert]", "[Fire watch, if required]"),
      t("[Dekoration schwer entflammbar (Nachweise)]", "[Decorations flame-retardant (certificates)]"),
      t("[Rauchverbot, offenes Feuer, Pyrotechnik]", "[Smoking, naked flames, pyrotechnics]"),
    ),
    h(2, t("Ordnungsdienst", "Stewarding and security")),
    p(
      t(
        "[Anbieter, Zahl der Kräfte je Schicht, Aufgaben: Einlass, Taschenkontrolle, Lenkung des Publikums, Bühnengraben]",
        "[Provider, number of staff per shift, duties: entry, bag checks, crowd management, stage front]",
      ),
    ),
    h(2, t("Kommunikation", "Communication")),
    bullets(
      t("[Funk: Geräte, Kanäle, wer mit wem spricht]", "[Radios: devices, channels, who talks to whom]"),
      t("[Meldewege bei einem Vorfall]", "[How incidents are reported]"),
      t(
        "[Vorbereitete Durchsagen (Unterbrechung, Räumung) auf Deutsch und Englisch]",
        "[Prepared announcements (pause, evacuation) in German and English]",
      ),
      t(
        "[Wer entscheidet über Unterbrechung oder Abbruch, und nach welchen Kriterien?]",
        "[Who decides to pause or stop the event, and by which criteria?]",
      ),
    ),
    h(2, t("Wetter", "Weather")),
    p(
      t(
        "[Wer beobachtet die Warnungen des Deutschen Wetterdienstes? Ab welcher Windstärke, bei Gewitter oder Starkregen wird unterbrochen oder geräumt? Zulässige Windlast von Bühnen und Zelten.]",
        "[Who monitors the warnings of the German Weather Service (DWD)? At what wind speed, or in thunderstorms or heavy rain, is the event paused or cleared? Permitted wind load of stages and tents.]",
      ),
    ),
    h(2, t("Notfallkontakte", "Emergency contacts")),
    table(
      [t("Stelle", "Contact"), t("Name", "Name"), t("Telefon", "Telephone")],
      [
        [t("Polizei", "Police"), "", "110"],
        [t("Feuerwehr und Rettungsdienst", "Fire service and ambulance"), "", "112"],
        [t("Ordnungsamt", "Public order office (Ordnungsamt)"), entry, entry],
        [t("Veranstaltungsleitung", "Event manager"), entry, entry],
        [t("Sanitätsdienst", "First aid"), entry, entry],
        [t("Ordnungsdienst", "Stewarding"), entry, entry],
        [t("Nächstes Krankenhaus", "Nearest hospital"), entry, entry],
      ],
    ),
  );
}

function veranstaltungsCheckliste(t: Text): JSONContent {
  return doc(
    h(1, t("Veranstaltungs-Checkliste", "Event checklist")),
    p(
      italic(
        t(
          "Hake ab, was erledigt ist, und ergänze, was bei deiner Veranstaltung dazugehört.",
          "Tick off what is done and add whatever your event needs.",
        ),
      ),
    ),
    h(2, t("3 Monate vorher", "3 months before")),
    tasks(
      t(
        "Termin und Ort festlegen, Ort vertraglich sichern",
        "Fix the date and venue, and book the venue in writing",
      ),
      t(
        "Budget aufstellen, Förderanträge und ihre Fristen prüfen",
        "Draw up the budget; check grant applications and deadlines",
      ),
      t("Mitwirkende anfragen und Verträge schließen", "Invite the artists and agree contracts"),
      {
        text: t("Genehmigungen beantragen", "Apply for permissions"),
        subtasks: [
          t("Ordnungsamt, ggf. Sondernutzung", "Public order office, permit for public space if needed"),
          t("GEMA", "GEMA (music rights)"),
          t("Sicherheitskonzept, falls gefordert", "Safety plan, if required"),
        ],
      },
      t("Versicherung (Veranstaltungshaftpflicht) klären", "Arrange insurance (public liability)"),
      t("Barrierefreiheit planen", "Plan for accessibility"),
    ),
    h(2, t("1 Monat vorher", "1 month before")),
    tasks(
      t(
        "Öffentlichkeitsarbeit starten: Plakate, Social Media, Newsletter",
        "Start publicity: posters, social media, newsletter",
      ),
      t("Pressemitteilung verschicken", "Send out the press release"),
      t("Vorverkauf oder Anmeldung einrichten", "Open ticket sales or registration"),
      t("Technik, Catering und Reinigung buchen", "Book technical equipment, catering and cleaning"),
      t("Dienstplan für Team und Helfende", "Rota for the team and volunteers"),
      t(
        "Anfahrt und Hinweise zur Barrierefreiheit veröffentlichen",
        "Publish travel directions and access information",
      ),
    ),
    h(2, t("1 Woche vorher", "1 week before")),
    tasks(
      t("Ablaufplan an alle Beteiligten", "Send the running order to everyone involved"),
      t("Technik- und Aufbauplan bestätigen", "Confirm the technical and set-up plan"),
      t("Presse und Gäste erinnern", "Remind the press and guests"),
      t("Kasse, Wechselgeld und Gästeliste vorbereiten", "Prepare the till, change and guest list"),
      t("Beschilderung und Notfallkontakte bereitlegen", "Prepare signage and the emergency contacts"),
      t("Wettervorhersage prüfen (im Freien)", "Check the weather forecast (outdoor events)"),
    ),
    h(2, t("Am Veranstaltungstag", "On the day")),
    tasks(
      t("Aufbau und Technikprobe", "Set-up and technical rehearsal"),
      t("Rettungswege frei und gekennzeichnet", "Escape routes clear and signed"),
      t(
        "Team einweisen: Abläufe, Sicherheit, Ansprechpersonen",
        "Brief the team: running order, safety, contacts",
      ),
      t("Einlass und Kasse besetzen", "Staff the entrance and box office"),
      t("Fotos und Dokumentation (Einverständnis beachten)", "Photos and documentation (mind consent)"),
      t("Abbau und Übergabe des Orts", "Take-down and hand-back of the venue"),
    ),
    h(2, t("Danach", "Afterwards")),
    tasks(
      t(
        "Danke sagen: Mitwirkende, Partnerorganisationen, Publikum",
        "Say thank you: artists, partners, audience",
      ),
      t("Rechnungen und Honorare bezahlen", "Pay invoices and fees"),
      t("GEMA-Meldung (Musikfolge)", "GEMA return (list of music played)"),
      t("Presseschau und Dokumentation sammeln", "Collect press coverage and documentation"),
      t("Verwendungsnachweis für die Förderung", "Final report for the funder"),
      t("Nachbesprechung im Team", "Team debrief"),
    ),
  );
}

function pressemitteilung(t: Text): JSONContent {
  return doc(
    p(bold(t("Pressemitteilung", "Press release"))),
    p(
      bold(t("Sperrfrist: ", "Embargoed until: ")),
      t("[Datum, Uhrzeit – oder lösche diese Zeile]", "[Date, time – or delete this line]"),
    ),
    p(t("[Ort], [Datum]", "[Place], [date]")),
    h(
      1,
      t("[Schlagzeile: Was passiert? Kurz und konkret]", "[Headline: what is happening? Short and concrete]"),
    ),
    p(t("[Unterzeile mit dem wichtigsten Detail]", "[Standfirst with the most important detail]")),
    p(
      bold(
        t(
          "[Vorspann: Wer, was, wann, wo und warum – in zwei bis drei Sätzen.]",
          "[Lead: who, what, when, where and why – in two or three sentences.]",
        ),
      ),
    ),
    p(
      t(
        "[Haupttext: Hintergrund, Programm, Beteiligte. Das Wichtigste zuerst; jeder Absatz soll auch für sich verständlich sein.]",
        "[Body: background, programme, people involved. Most important first; each paragraph should make sense on its own.]",
      ),
    ),
    quote(
      p(
        t(
          "„[Zitat einer beteiligten Person, das einordnet oder Haltung zeigt.]“",
          "“[A quote from someone involved that gives context or a point of view.]”",
        ),
      ),
      p(t("– [Name, Funktion]", "– [Name, role]")),
    ),
    h(2, t("Auf einen Blick", "Fact box")),
    fields([
      [t("Was", "What"), "[…]"],
      [t("Wann", "When"), "[…]"],
      [t("Wo", "Where"), "[…]"],
      [t("Eintritt", "Admission"), "[…]"],
      [t("Barrierefreiheit", "Accessibility"), "[…]"],
      [t("Tickets und Anmeldung", "Tickets and booking"), "[…]"],
      [t("Website", "Website"), "[…]"],
    ]),
    h(2, t("Über [Organisation]", "About [organisation]")),
    p(
      t(
        "[Zwei, drei Sätze über die veranstaltende Organisation.]",
        "[Two or three sentences about the organisation behind the event.]",
      ),
    ),
    h(2, t("Pressekontakt", "Press contact")),
    p(
      t("[Name]", "[Name]"),
      br,
      t("[Funktion]", "[Role]"),
      br,
      t("[Telefon]", "[Telephone]"),
      br,
      t("[E-Mail]", "[Email]"),
    ),
    p(t("Pressefotos: [Link zum Download, Bildnachweis]", "Press photos: [download link, photo credits]")),
  );
}

const BUILDERS: Record<BuiltinTemplateKey, (t: Text) => JSONContent> = {
  foerderantrag,
  finanzplan,
  sicherheitskonzept,
  "veranstaltungs-checkliste": veranstaltungsCheckliste,
  pressemitteilung,
};

const NAMES: Record<BuiltinTemplateKey, [name: [string, string], description: [string, string]]> = {
  foerderantrag: [
    ["Förderantrag", "Grant application"],
    [
      "Die üblichen Abschnitte eines Antrags bei einer Kulturförderung, von der Kurzbeschreibung bis zu den Anlagen.",
      "The usual sections of an application for arts funding, from the summary to the attachments.",
    ],
  ],
  finanzplan: [
    ["Finanzplan", "Budget"],
    [
      "Ausgaben und Einnahmen nach Kategorien, mit Summen und Ausgleich.",
      "Expenditure and income by category, with totals and the balance.",
    ],
  ],
  sicherheitskonzept: [
    ["Sicherheitskonzept", "Event safety plan"],
    [
      "Rettungswege, Sanitäts- und Ordnungsdienst, Brandschutz, Wetter und Notfallkontakte einer Veranstaltung.",
      "Escape routes, first aid, stewarding, fire safety, weather and emergency contacts for an event.",
    ],
  ],
  "veranstaltungs-checkliste": [
    ["Veranstaltungs-Checkliste", "Event checklist"],
    [
      "Aufgaben zum Abhaken, von drei Monaten vorher bis zur Nachbereitung.",
      "Tasks to tick off, from three months before to the follow-up.",
    ],
  ],
  pressemitteilung: [
    ["Pressemitteilung", "Press release"],
    [
      "Sperrfrist, Schlagzeile, Vorspann, Zitat, Fakten auf einen Blick und Pressekontakt.",
      "Embargo, headline, lead, quote, fact box and press contact.",
    ],
  ],
};

/** Is this string one of the built-in template keys? */
export function isBuiltinTemplateKey(value: string): value is BuiltinTemplateKey {
  return (BUILTIN_TEMPLATE_KEYS as readonly string[]).includes(value);
}

/** One built-in template in German or English, as canonical Tiptap JSON. */
export function getBuiltinTemplate(key: BuiltinTemplateKey, language: TemplateLanguage): BuiltinTemplate {
  const t = texts(language);
  const [name, description] = NAMES[key];
  return { key, name: t(...name), description: t(...description), content: BUILDERS[key](t) };
}

/** The five built-in templates in German or English, in a fixed order. */
export function builtinTemplates(language: TemplateLanguage): BuiltinTemplate[] {
  return BUILTIN_TEMPLATE_KEYS.map((key) => getBuiltinTemplate(key, language));
}
