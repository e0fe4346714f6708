import { type TaskActivity, TaskPriority } from "@ensemble/contracts/boards";
import type { TFunction } from "i18next";
import { formatDay } from "./boards.days.ts";

/** A value of an entry's data as text (names may come as text or as a person). */
function text(value: unknown): string {
  if (typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    return String(value);
  }
  if (value && typeof value === "object" && "displayName" in value) {
    return String((value as { displayName: unknown }).displayName);
  }
  if (value && typeof value === "object" && "name" in value) {
    return String((value as { name: unknown }).name);
  }
  return "";
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text).filter(Boolean) : [];
}

/** One entry of a task's history as a sentence in the reader's language: who did what. */
export function activityText(t: TFunction, entry: TaskActivity, language: string): string {
  const actor = entry.actor
    ? entry.actor.displayName
    : entry.kind === "created"
      ? t("boards.activity.system")
      : t("boards.activity.someone");
  const data = entry.data;
  const day = (value: unknown) =>
    typeof value === "string" && value !== "" ? formatDay(value, language) : t("boards.activity.nothing");
  const priority = (value: unknown) => {
    const parsed = TaskPriority.safeParse(value);
    return parsed.success ? t(`boards.priority.${parsed.data}`) : text(value);
  };
  switch (entry.kind) {
    case "created":
      return data.fromTaskId
        ? t("boards.activity.createdFromTask", { actor })
        : t("boards.activity.kinds.created", { actor });
    case "renamed":
      return t("boards.activity.kinds.renamed", { actor, from: text(data.from), to: text(data.to) });
    case "moved":
      return t("boards.activity.kinds.moved", {
        actor,
        fromColumn: text(data.fromColumn),
        toColumn: text(data.toColumn),
      });
    case "assigned":
    case "unassigned":
      return t(`boards.activity.kinds.${entry.kind}`, { actor, person: text(data.person) });
    case "due_changed":
    case "start_changed":
      return t(`boards.activity.kinds.${entry.kind}`, { actor, from: day(data.from), to: day(data.to) });
    case "priority_changed":
      return t("boards.activity.kinds.priority_changed", {
        actor,
        from: priority(data.from),
        to: priority(data.to),
      });
    case "checklist_changed":
      return t("boards.activity.kinds.checklist_changed", {
        actor,
        done: text(data.done),
        total: text(data.total),
      });
    case "labels_changed": {
      const added = names(data.added);
      const removed = names(data.removed);
      return [
        t("boards.activity.kinds.labels_changed", { actor }),
        added.length > 0 ? t("boards.activity.labelsAdded", { names: added.join(", ") }) : null,
        removed.length > 0 ? t("boards.activity.labelsRemoved", { names: removed.join(", ") }) : null,
      ]
        .filter(Boolean)
        .join(" ");
    }
    case "document_linked":
    case "document_unlinked":
      return t(`boards.activity.kinds.${entry.kind}`, { actor, title: text(data.title) });
    default:
      return t(`boards.activity.kinds.${entry.kind}`, { actor });
  }
}
