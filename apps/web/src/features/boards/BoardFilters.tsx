import type { Board } from "@ensemble/contracts/boards";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { SelectField, type SelectOption } from "../../components/SelectField.tsx";
import { TextField } from "../../components/TextField.tsx";
import {
  type DueFilter,
  type BoardFilters as Filters,
  hasFilters,
  NO_FILTERS,
  UNASSIGNED,
} from "./boards.filters.ts";

const ALL = "";

/**
 * The board's filters (assignee, label, due, title text); every change goes into the address at
 * once, so a filtered view can be shared, bookmarked and gone back to, and applies to board and list.
 */
export function BoardFilters({
  board,
  filters,
  meId,
  onChange,
}: {
  board: Board;
  filters: Filters;
  meId: string | null;
  onChange(filters: Filters, options?: { replace: boolean }): void;
}) {
  const { t } = useTranslation();
  const base = useId();
  const assigneeOptions: SelectOption[] = [
    { value: ALL, label: t("boards.filters.anyone") },
    ...(meId ? [{ value: meId, label: t("boards.filters.me") }] : []),
    { value: UNASSIGNED, label: t("boards.filters.unassigned") },
    ...board.members.filter((m) => m.id !== meId).map((m) => ({ value: m.id, label: m.displayName })),
  ];
  // a filter for someone no longer on the board still shows what it is
  if (filters.assignee !== null && !assigneeOptions.some((o) => o.value === filters.assignee)) {
    assigneeOptions.push({ value: filters.assignee, label: filters.assignee });
  }
  const labelOptions: SelectOption[] = [
    { value: ALL, label: t("boards.filters.anyLabel") },
    ...board.labels.map((l) => ({ value: l.id, label: l.name })),
  ];
  const dueOptions: { value: DueFilter | ""; label: string }[] = [
    { value: ALL, label: t("boards.filters.dueAny") },
    { value: "overdue", label: t("boards.filters.dueOverdue") },
    { value: "week", label: t("boards.filters.dueWeek") },
    { value: "none", label: t("boards.filters.dueNone") },
  ];
  return (
    <search className="board-filters" aria-label={t("boards.filters.label")}>
      <SelectField
        id={`${base}-assignee`}
        label={t("boards.filters.assignee")}
        value={filters.assignee ?? ALL}
        onValueChange={(value) => onChange({ ...filters, assignee: value || null })}
        options={assigneeOptions}
      />
      <SelectField
        id={`${base}-label`}
        label={t("boards.filters.labelFilter")}
        value={filters.label ?? ALL}
        onValueChange={(value) => onChange({ ...filters, label: value || null })}
        options={labelOptions}
      />
      <SelectField
        id={`${base}-due`}
        label={t("boards.filters.due")}
        value={filters.due ?? ALL}
        onValueChange={(value) => onChange({ ...filters, due: (value || null) as DueFilter | null })}
        options={dueOptions}
      />
      <TextField
        id={`${base}-text`}
        label={t("boards.filters.text")}
        type="search"
        autoComplete="off"
        value={filters.text}
        // typing changes one history entry, not one per letter
        onValueChange={(text) => onChange({ ...filters, text }, { replace: true })}
      />
      {hasFilters(filters) ? (
        <div className="board-filters__clear">
          <Button variant="secondary" onClick={() => onChange(NO_FILTERS)}>
            {t("boards.filters.clear")}
          </Button>
        </div>
      ) : null}
    </search>
  );
}
