import type { BoardColumn } from "@ensemble/contracts/boards";
import { useTranslation } from "react-i18next";
import { RowMenu, type RowMenuItem } from "../documents/RowMenu.tsx";
import type { BoardActions } from "./BoardColumns.tsx";

/**
 * A column's name, its number of tasks ("5/4" against its WIP limit, with "Limit überschritten"
 * written out and marked when exceeded), the done flag, and for who may manage the board its menu.
 */
export function ColumnHeader({
  column,
  headingId,
  total,
  exceeded,
  manageable,
  isFirst,
  isLast,
  actions,
}: {
  column: BoardColumn;
  headingId: string;
  total: number;
  exceeded: boolean;
  manageable: boolean;
  isFirst: boolean;
  isLast: boolean;
  actions: BoardActions;
}) {
  const { t } = useTranslation();
  const items: RowMenuItem[] = [];
  if (manageable) {
    items.push({ label: t("boards.column.settings"), onSelect: () => actions.editColumn(column) });
    if (!isFirst) {
      items.push({ label: t("boards.column.moveLeft"), onSelect: () => actions.moveColumn(column, -1) });
    }
    if (!isLast) {
      items.push({ label: t("boards.column.moveRight"), onSelect: () => actions.moveColumn(column, 1) });
    }
    if (!(isFirst && isLast)) {
      // the last column of a board stays (its tasks would have nowhere to go)
      items.push({
        label: t("boards.column.delete"),
        tone: "danger",
        onSelect: () => actions.deleteColumn(column),
      });
    }
  }
  const count =
    column.wipLimit === null
      ? t("boards.column.tasks", { count: total })
      : t("boards.column.tasksWithLimit", { count: total, limit: column.wipLimit });
  return (
    <header className="board-column__header">
      <div className="board-column__title-row">
        <h3 id={headingId} className="board-column__name">
          {column.name}
        </h3>
        <span className={exceeded ? "wip wip--exceeded" : "wip"}>
          <span aria-hidden="true">{column.wipLimit === null ? total : `${total}/${column.wipLimit}`}</span>
          <span className="visually-hidden">{count}</span>
        </span>
        <RowMenu
          label={t("boards.column.actions")}
          accessibleLabel={t("boards.column.actionsFor", { name: column.name })}
          items={items}
        />
      </div>
      {exceeded || column.isDone ? (
        <p className="board-column__flags">
          {exceeded ? (
            <span className="badge badge--exceeded">
              <span className="badge__icon" aria-hidden="true">
                !
              </span>
              {t("boards.column.exceeded")}
            </span>
          ) : null}
          {column.isDone ? (
            <span className="badge badge--done">
              <span className="badge__icon" aria-hidden="true">
                ✓
              </span>
              {t("boards.column.done")}
            </span>
          ) : null}
        </p>
      ) : null}
    </header>
  );
}
