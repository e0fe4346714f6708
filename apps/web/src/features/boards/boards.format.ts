/** The address of a project's boards. */
export function boardsPath(projectId: string): string {
  return `/projects/${projectId}/boards`;
}

/** The address of one board (optionally with a task's detail open). */
export function boardPath(projectId: string, boardId: string, taskId?: string): string {
  const base = `/projects/${projectId}/boards/${boardId}`;
  return taskId ? `${base}?task=${encodeURIComponent(taskId)}` : base;
}

/** The address of a board's archive. */
export function archivePath(projectId: string, boardId: string): string {
  return `/projects/${projectId}/boards/${boardId}/archive`;
}

/** The colours offered for new labels: named (the name is said, never only shown), with text colour. */
export const LABEL_COLORS = [
  { id: "red", value: "#c0392b" },
  { id: "orange", value: "#d35400" },
  { id: "yellow", value: "#f1c40f" },
  { id: "green", value: "#1e8449" },
  { id: "teal", value: "#138d90" },
  { id: "blue", value: "#1f4fbf" },
  { id: "purple", value: "#7d3c98" },
  { id: "grey", value: "#6b7280" },
] as const;
export type LabelColorId = (typeof LABEL_COLORS)[number]["id"];

function channel(hex: string, offset: number): number {
  const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** The relative luminance of `#rrggbb` (WCAG 2.1). */
export function luminance(hex: string): number {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) {
    return 1;
  }
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** Black or white text on a label of this colour, whichever has more contrast. */
export function textOn(hex: string): "#000000" | "#ffffff" {
  const l = luminance(hex);
  // contrast with white: 1.05 / (l + 0.05); with black: (l + 0.05) / 0.05
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** Initials of a person's name (first letters of the first two words). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((w) => Array.from(w)[0] ?? "")
      .join("")
      .toUpperCase() || "?"
  );
}

/** A stable colour slot (0–7) for a person, so their initials look the same everywhere. */
export function colorSlot(id: string): number {
  let h = 0;
  for (const ch of id) {
    h = (h * 31 + (ch.codePointAt(0) ?? 0)) | 0;
  }
  return Math.abs(h) % 8;
}

/** The recurrence presets offered, as RRULEs without DTSTART. */
export const RECURRENCE_PRESETS = {
  weekly: "FREQ=WEEKLY",
  monthly: "FREQ=MONTHLY",
  quarterly: "FREQ=MONTHLY;INTERVAL=3",
  yearly: "FREQ=YEARLY",
} as const;
export type RecurrencePreset = keyof typeof RECURRENCE_PRESETS;

/** Which preset a stored rule is (the same parts in any order and case), or "custom"/"none". */
export function recurrencePresetOf(rule: string | null): RecurrencePreset | "custom" | "none" {
  if (rule === null || rule.trim() === "") {
    return "none";
  }
  const parts = (r: string) =>
    r
      .toUpperCase()
      .replace(/^RRULE:/, "")
      .split(";")
      .map((p) => p.trim())
      .filter((p) => p !== "" && p !== "INTERVAL=1")
      .sort()
      .join(";");
  const wanted = parts(rule);
  for (const [preset, value] of Object.entries(RECURRENCE_PRESETS)) {
    if (parts(value) === wanted) {
      return preset as RecurrencePreset;
    }
  }
  return "custom";
}

/** The WIP limit typed into the field: null when empty, a number from 1 to 999, or "invalid". */
export function parseWipLimit(text: string): number | null | "invalid" {
  const value = text.trim();
  if (value === "") {
    return null;
  }
  if (!/^\d{1,3}$/.test(value)) {
    return "invalid";
  }
  const n = Number(value);
  return n >= 1 && n <= 999 ? n : "invalid";
}
