import type { TaskActivity } from "@ensemble/contracts/boards";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { activityText } from "./boards.activity.ts";
import { boardsDe, boardsEn } from "./boards.i18n.ts";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: "de",
    resources: { de: { translation: { boards: boardsDe } }, en: { translation: { boards: boardsEn } } },
    interpolation: { escapeValue: false },
  });
});

function entry(kind: TaskActivity["kind"], data: Record<string, unknown> = {}, actor = true): TaskActivity {
  return {
    id: "a1",
    kind,
    actor: actor ? { id: "u1", displayName: "Anna Berg" } : null,
    at: "2026-03-04T10:00:00Z",
    data,
  };
}

describe("task history in the reader's language", () => {
  it("says who moved the task from where to where", () => {
    const text = activityText(
      i18n.getFixedT("de"),
      entry("moved", { fromColumn: "Offen", toColumn: "Erledigt" }),
      "de",
    );
    expect(text).toBe("Anna Berg hat die Aufgabe von „Offen“ nach „Erledigt“ verschoben.");
    const en = activityText(
      i18n.getFixedT("en"),
      entry("moved", { fromColumn: "To do", toColumn: "Done" }),
      "en",
    );
    expect(en).toBe("Anna Berg moved the task from “To do” to “Done”.");
  });

  it("writes days and priorities in the reader's language, and an empty date as nothing", () => {
    const t = i18n.getFixedT("de");
    expect(activityText(t, entry("due_changed", { from: null, to: "2026-03-05" }), "de")).toBe(
      "Anna Berg hat das Fälligkeitsdatum von nichts auf 05.03.2026 geändert.",
    );
    expect(activityText(t, entry("priority_changed", { from: "low", to: "urgent" }), "de")).toBe(
      "Anna Berg hat die Priorität von Niedrig auf Dringend geändert.",
    );
  });

  it("names people given as text or as a person, and lists label changes", () => {
    const t = i18n.getFixedT("en");
    expect(activityText(t, entry("assigned", { person: { id: "u2", displayName: "Ben" } }), "en")).toBe(
      "Anna Berg assigned the task to Ben.",
    );
    expect(activityText(t, entry("labels_changed", { added: ["Presse"], removed: [] }), "en")).toBe(
      "Anna Berg changed the labels. Added: Presse.",
    );
  });

  it("says the system created a repeat, and a deleted account did other things", () => {
    const t = i18n.getFixedT("de");
    expect(activityText(t, entry("created", { fromTaskId: "t0" }, false), "de")).toContain(
      "Ensemble hat die Aufgabe angelegt",
    );
    expect(activityText(t, entry("archived", {}, false), "de")).toBe(
      "Ein gelöschtes Konto hat die Aufgabe archiviert.",
    );
  });
});
