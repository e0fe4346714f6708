import type { Board, BoardColumn, Task } from "@ensemble/contracts/boards";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NoValue } from "../../components/NoValue.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import type { ListSort, SortKey } from "./boards.filters.ts";
import { type CardContext, DueDate, LabelChip, PriorityBadge } from "./TaskCard.tsx";

const HEADINGS: Record<SortKey, "title" | "column" | "assignees" | "due" | "priority"> = {
  title: "title",
  column: "column",
  assignee: "assignees",
  due: "due",
  priority: "priority",
};

/**
 * The board's open tasks (after the filters) as a table, sortable by title, column, assignee, due
 * date and priority: each heading is a button, the sorted one carries aria-sort.
 */
export function TaskTable({
  board,
  columns,
  tasks,
  filtered,
  sort,
  context,
  onSort,
}: {
  board: Board;
  columns: readonly BoardColumn[];
  /** Already filtered and sorted. */
  tasks: readonly Task[];
  filtered: boolean;
  sort: ListSort;
  context: CardContext;
  onSort(sort: ListSort): void;
}) {
  const { t } = useTranslation();
  const columnName = (id: string) => columns.find((c) => c.id === id)?.name ?? "";
  const caption = t("boards.table.caption", { name: board.name });

  function header(key: SortKey) {
    const label = t(`boards.table.${HEADINGS[key]}`);
    const current = sort.key === key;
    const next: ListSort = { key, direction: current && sort.direction === "asc" ? "desc" : "asc" };
    return (
      <th
        key={key}
        scope="col"
        aria-sort={current ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
      >
        <button type="button" className="sort-button" onClick={() => onSort(next)}>
          {label}
          <span
            className={current ? `sort-mark sort-mark--${sort.direction}` : "sort-mark"}
            aria-hidden="true"
          />
        </button>
      </th>
    );
  }

  if (tasks.length === 0) {
    return (
      <div className="empty-state">
        <p>{filtered ? t("boards.table.emptyFiltered") : t("boards.table.empty")}</p>
      </div>
    );
  }
  return (
    <TableScroll name={caption}>
      <table className="data-table task-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {header("title")}
            {header("column")}
            {header("assignee")}
            {header("due")}
            {header("priority")}
            <th scope="col">{t("boards.table.labels")}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const labels = task.labelIds
              .map((id) => context.labelsById.get(id))
              .filter((l) => l !== undefined);
            return (
              <tr key={task.id}>
                <th scope="row">
                  <Link to={context.taskHref(task.id)} data-task-link={task.id}>
                    {task.title}
                  </Link>
                </th>
                <td>{columnName(task.columnId)}</td>
                <td>
                  {task.assignees.length === 0 ? (
                    <NoValue />
                  ) : (
                    task.assignees.map((p) => p.displayName).join(", ")
                  )}
                </td>
                <td className="data-table__nowrap">
                  {task.dueDate === null ? <NoValue /> : <DueDate task={task} today={context.today} />}
                </td>
                <td>{task.priority === "none" ? <NoValue /> : <PriorityBadge priority={task.priority} />}</td>
                <td>
                  {labels.length === 0 ? (
                    <NoValue />
                  ) : (
                    <span className="task-table__labels">
                      {labels.map((label) => (
                        <LabelChip key={label.id} label={label} />
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
