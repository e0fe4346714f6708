import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { jsonToState, normalizeJson, stateToJson } from "./convert.ts";
import {
  BUILTIN_TEMPLATE_KEYS,
  builtinTemplates,
  getBuiltinTemplate,
  isBuiltinTemplateKey,
  type TemplateLanguage,
} from "./templates.ts";
import { typesUsed } from "./test-fixtures.ts";

function plainText(json: JSONContent): string {
  return (json.text ?? "") + (json.content ?? []).map(plainText).join("\n");
}

function headings(json: JSONContent): string[] {
  return (json.content ?? []).filter((node) => node.type === "heading").map(plainText);
}

const languages: TemplateLanguage[] = ["de", "en"];

describe.each(languages)("built-in templates (%s)", (language) => {
  const templates = builtinTemplates(language);

  it("lists the five keys in order, each with a name and a description", () => {
    expect(templates.map((template) => template.key)).toEqual([...BUILTIN_TEMPLATE_KEYS]);
    for (const template of templates) {
      expect(template.name.length).toBeGreaterThan(3);
      expect(template.description.length).toBeGreaterThan(20);
      expect(getBuiltinTemplate(template.key, language)).toEqual(template);
    }
  });

  it.each([...BUILTIN_TEMPLATE_KEYS])("%s converts to a Yjs state and back unchanged", (key) => {
    const { content } = getBuiltinTemplate(key, language);
    expect(normalizeJson(content)).toEqual(content);
    expect(stateToJson(jsonToState(content))).toEqual(content);
  });

  it("uses tables and task lists where the documents need them", () => {
    const used = (key: (typeof BUILTIN_TEMPLATE_KEYS)[number]) =>
      typesUsed(getBuiltinTemplate(key, language).content);
    expect(used("foerderantrag").nodes).toContain("table");
    expect(used("foerderantrag").nodes).toContain("taskList");
    expect(used("finanzplan").nodes).toContain("table");
    expect(used("sicherheitskonzept").nodes).toContain("table");
    expect(used("veranstaltungs-checkliste").nodes).toContain("taskItem");
    expect(used("pressemitteilung").nodes).toContain("blockquote");
  });
});

describe("template content", () => {
  it("the German grant application has the usual sections", () => {
    expect(headings(getBuiltinTemplate("foerderantrag", "de").content)).toEqual([
      "Förderantrag",
      "Projekttitel",
      "Antragstellende Organisation",
      "Kurzbeschreibung",
      "Ausgangslage",
      "Ziele",
      "Zielgruppen",
      "Maßnahmen und Zeitplan",
      "Kooperationen",
      "Barrierefreiheit",
      "Öffentlichkeitsarbeit",
      "Finanzierung",
      "Nachhaltigkeit",
      "Anlagen",
    ]);
  });

  it("the budget has every category and a sum row in each table", () => {
    const text = plainText(getBuiltinTemplate("finanzplan", "de").content);
    for (const category of [
      "Honorare",
      "Sachkosten",
      "Miete",
      "Technik",
      "Öffentlichkeitsarbeit",
      "Reisekosten",
      "Eigenmittel",
      "Drittmittel",
      "Eintritt",
      "Beantragte Förderung",
      "Summe Ausgaben",
      "Summe Einnahmen",
    ]) {
      expect(text).toContain(category);
    }
  });

  it("the checklist is grouped from three months before to afterwards", () => {
    expect(headings(getBuiltinTemplate("veranstaltungs-checkliste", "en").content)).toEqual([
      "Event checklist",
      "3 months before",
      "1 month before",
      "1 week before",
      "On the day",
      "Afterwards",
    ]);
  });

  it("German addresses the reader informally and uses no gender star", () => {
    for (const template of builtinTemplates("de")) {
      const text = `${template.name} ${template.description} ${plainText(template.content)}`;
      expect(text).not.toMatch(/\b(Sie|Ihre?[nmrs]?)\b/);
      expect(text).not.toMatch(/\w[*:_]innen/);
    }
  });

  it("English uses British spelling", () => {
    const text = builtinTemplates("en")
      .map((template) => plainText(template.content))
      .join(" ");
    expect(text).toContain("programme");
    expect(text).toContain("organisation");
    expect(text).not.toMatch(/\b(program|organization|color|center)\b/i);
  });

  it("recognises its keys", () => {
    expect(isBuiltinTemplateKey("finanzplan")).toBe(true);
    expect(isBuiltinTemplateKey("builtin:finanzplan")).toBe(false);
  });
});
