import type { BoardColumn, BoardResponse, Task } from "@ensemble/contracts/boards";
import type { Project } from "@ensemble/contracts/projects";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { LiveText, StatusMessage } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { asApiError } from "../../lib/api.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { useMe } from "../auth/auth.queries.ts";
import { FormDialog } from "../documents/FormDialog.tsx";
import { useProjectContext, useProjectTitle } from "../projects/ProjectLayout.tsx";
import { type BoardActions, BoardColumns, placeAfterPlan } from "./BoardColumns.tsx";
import { BoardFilters } from "./BoardFilters.tsx";
import { todayIn } from "./boards.days.ts";
import {
  applyFilters,
  type BoardFilters as Filters,
  filtersFromParams,
  hasFilters,
  type ListSort,
  paramsWithFilters,
  paramsWithSort,
  sortFromParams,
  sortTasks,
  viewFromParams,
} from "./boards.filters.ts";
import { archivePath, boardsPath } from "./boards.format.ts";
import { columnItems, type MovePlan, orderedColumns } from "./boards.order.ts";
import { useArchiveDone, useBoard, useColumnChange, useCreateTask, useMoveTask } from "./boards.queries.ts";
import { ColumnForm, DeleteColumnForm } from "./ColumnDialogs.tsx";
import type { CardContext } from "./TaskCard.tsx";
import { TaskDetailDialog } from "./TaskDetail.tsx";
import { TaskTable } from "./TaskTable.tsx";
import { useBoardLive } from "./useBoardLive.ts";
import "../documents/documents.css";
import "./boards.css";

function isNotFound(error: unknown): boolean {
  const e = asApiError(error);
  return e.status === 404 || e.code === "validation_failed";
}

/** /projects/:id/boards/:boardId: one board (columns or list, filters, a task's detail as `?task=`). */
export function BoardPage() {
  const { t } = useTranslation();
  const { project } = useProjectContext();
  const { boardId = "" } = useParams();
  const { live } = useBoardLive(project.id, boardId);
  const query = useBoard(boardId, { poll: !live });

  if (query.isPending) {
    return <Loading />;
  }
  if (query.data === undefined) {
    if (isNotFound(query.error)) {
      return <BoardNotFound project={project} />;
    }
    return (
      <LoadFailed
        message={t("boards.board.loadFailed")}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (query.isError && isNotFound(query.error)) {
    // it was shown and is gone now (deleted, or access withdrawn): say so rather than vanish
    return <BoardNotFound project={project} removed />;
  }
  return <BoardScreen project={project} data={query.data} />;
}

function BoardNotFound({ project, removed = false }: { project: Project; removed?: boolean }) {
  const { t } = useTranslation();
  useProjectTitle(t("boards.board.notFoundTitle"), project);
  return (
    <section className="project-section">
      <h2>{t("boards.board.notFoundTitle")}</h2>
      <p>{removed ? t("boards.board.removed") : t("boards.board.notFound")}</p>
      <p>
        <Link to={boardsPath(project.id)}>{t("boards.board.toBoards")}</Link>
      </p>
    </section>
  );
}

type Dialog =
  | { kind: "createColumn" }
  | { kind: "editColumn"; column: BoardColumn }
  | { kind: "deleteColumn"; column: BoardColumn }
  | { kind: "archiveDone" };

/** Search parameters with one set (or removed, for null). */
function withParam(params: URLSearchParams, name: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === null) {
    next.delete(name);
  } else {
    next.set(name, value);
  }
  return next;
}

function BoardScreen({ project, data }: { project: Project; data: BoardResponse }) {
  const { t } = useTranslation();
  const { board } = data;
  useProjectTitle(`${board.name} – ${t("boards.title")}`, project);
  const language = currentLanguage();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);
  const [message, setMessage] = useState<string | null>(null);
  const [moveFailure, setMoveFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [focusColumn, setFocusColumn] = useState<string | null>(null);

  const filters = filtersFromParams(params);
  const view = viewFromParams(params);
  const sort = sortFromParams(params);
  const taskId = params.get("task");
  const today = todayIn();
  const columns = useMemo(() => orderedColumns(board.columns), [board.columns]);
  const labelsById = useMemo(() => new Map(board.labels.map((l) => [l.id, l])), [board.labels]);
  const visible = useMemo(() => applyFilters(data.tasks, filters, today), [data.tasks, filters, today]);
  const filtered = hasFilters(filters);

  const { move } = useMoveTask(board.id);
  const createTask = useCreateTask(board.id);
  const columnChange = useColumnChange(board.id);
  const archiveDone = useArchiveDone(board.id);

  const taskHref = useCallback((id: string) => `?${withParam(params, "task", id).toString()}`, [params]);
  const context: CardContext = { labelsById, today, taskHref };

  // A column that moved is the same element in a new place: its menu button keeps focus.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again once the columns show the move
  useEffect(() => {
    if (focusColumn === null) {
      return;
    }
    const button = document.querySelector<HTMLElement>(
      `[data-column-id="${CSS.escape(focusColumn)}"] .row-menu__button`,
    );
    if (button && document.activeElement !== button) {
      button.focus();
    }
  }, [focusColumn, columns]);

  function setFilters(next: Filters, options?: { replace: boolean }) {
    setParams(paramsWithFilters(params, next), { replace: options?.replace ?? false });
  }

  function setSort(next: ListSort) {
    setParams(paramsWithSort(params, next), { replace: true });
    const label = t(`boards.table.${next.key === "assignee" ? "assignees" : next.key}`);
    setMessage(
      t("boards.table.sorted", {
        column: label,
        direction: next.direction === "asc" ? t("boards.table.sortedAsc") : t("boards.table.sortedDesc"),
      }),
    );
  }

  const actions: BoardActions = {
    move(task: Task, plan: MovePlan, how) {
      setMoveFailure(null);
      const place = placeAfterPlan(columnItems(columns, data.tasks), task.id, plan);
      const column = columns.find((c) => c.id === plan.columnId)?.name ?? "";
      move(task.id, plan, {
        onSuccess: () => {
          // a drop is announced by the drag and drop itself
          if (how === "menu") {
            setMessage(t("boards.card.moved", { title: task.title, column, ...place }));
          }
        },
        onError: (error) => setMoveFailure({ title: task.title, error }),
      });
    },
    async createTask(column, title) {
      const { task } = await createTask.mutateAsync({ columnId: column.id, title });
      setMessage(t("boards.add.created", { title: task.title, column: column.name }));
    },
    editColumn: (column) => setDialog({ kind: "editColumn", column }),
    deleteColumn: (column) => {
      columnChange.reset();
      setDialog({ kind: "deleteColumn", column });
    },
    moveColumn(column, step) {
      const index = columns.findIndex((c) => c.id === column.id);
      const target = index + step;
      if (index < 0 || target < 0 || target >= columns.length) {
        return;
      }
      const others = columns.filter((c) => c.id !== column.id);
      const afterId = others[target - 1]?.id ?? null;
      const beforeId = others[target]?.id ?? null;
      columnChange.mutate(
        { kind: "move", columnId: column.id, input: { afterId, beforeId } },
        {
          onSuccess: () => {
            setFocusColumn(column.id);
            setMessage(
              t("boards.column.moved", { name: column.name, position: target + 1, count: columns.length }),
            );
          },
        },
      );
    },
    addColumn: () => setDialog({ kind: "createColumn" }),
  };

  const close = () => setDialog(null);
  const hasDoneColumn = columns.some((c) => c.isDone);
  const listTasks =
    view === "list"
      ? sortTasks(visible, sort, {
          columnIndex: (id) => columns.findIndex((c) => c.id === id),
          language,
        })
      : [];
  const deleting = dialog?.kind === "deleteColumn" ? dialog.column : null;

  return (
    <section className="board-page" aria-labelledby="board-heading">
      <p className="board-page__back">
        <Link to={boardsPath(project.id)}>{t("boards.board.toBoards")}</Link>
      </p>
      <div className="board-header">
        <h2 id="board-heading" ref={headingRef} tabIndex={-1}>
          {board.name}
        </h2>
        <div className="board-header__tools">
          <nav className="subnav board-views" aria-label={t("boards.board.viewsLabel")}>
            <ul>
              <li>
                <Link
                  to={`?${withParam(withParam(params, "view", null), "task", null).toString()}`}
                  aria-current={view === "board" ? "page" : undefined}
                >
                  {t("boards.board.views.board")}
                </Link>
              </li>
              <li>
                <Link
                  to={`?${withParam(withParam(params, "view", "list"), "task", null).toString()}`}
                  aria-current={view === "list" ? "page" : undefined}
                >
                  {t("boards.board.views.list")}
                </Link>
              </li>
            </ul>
          </nav>
          <Link className="button button--secondary" to={archivePath(project.id, board.id)}>
            {t("boards.board.archive")}
          </Link>
          {board.abilities.edit && hasDoneColumn ? (
            <Button
              variant="secondary"
              onClick={() => {
                archiveDone.reset();
                setDialog({ kind: "archiveDone" });
              }}
            >
              {t("boards.board.archiveDone")}
            </Button>
          ) : null}
        </div>
      </div>
      {board.abilities.edit ? null : <p className="notice board-readonly">{t("boards.board.readOnly")}</p>}
      <BoardFilters board={board} filters={filters} meId={me?.id ?? null} onChange={setFilters} />
      <LiveText
        className={filtered ? "board-shown" : "visually-hidden"}
        text={filtered ? t("boards.board.shown", { count: visible.length, total: data.tasks.length }) : null}
      />
      <StatusMessage message={message} />
      <ActionError
        error={moveFailure?.error}
        prefix={moveFailure ? t("boards.card.moveFailed", { title: moveFailure.title }) : undefined}
      />
      <ActionError error={createTask.error} />
      <ActionError error={dialog === null ? columnChange.error : null} />
      {view === "board" ? (
        <BoardColumns
          data={data}
          columns={columns}
          visibleTasks={visible}
          filtered={filtered}
          context={context}
          actions={actions}
        />
      ) : (
        <TaskTable
          board={board}
          columns={columns}
          tasks={listTasks}
          filtered={filtered}
          sort={sort}
          context={context}
          onSort={setSort}
        />
      )}

      <TaskDetailDialog
        taskId={taskId}
        data={data}
        columns={columns}
        fallbackFocus={headingRef}
        onClose={() => setParams(withParam(params, "task", null), { replace: true })}
        announce={setMessage}
      />

      <FormDialog
        open={dialog?.kind === "createColumn" || dialog?.kind === "editColumn"}
        title={
          dialog?.kind === "editColumn"
            ? t("boards.column.editTitle", { name: dialog.column.name })
            : t("boards.column.createTitle")
        }
        busy={columnChange.isPending}
        onCancel={close}
      >
        {dialog?.kind === "editColumn" ? (
          <ColumnForm
            column={dialog.column}
            submitLabel={t("boards.column.saveSubmit")}
            onCancel={close}
            onSave={async (values) => {
              await columnChange.mutateAsync({ kind: "update", columnId: dialog.column.id, input: values });
              setDialog(null);
              setMessage(t("boards.column.saved", { name: values.name }));
            }}
          />
        ) : dialog?.kind === "createColumn" ? (
          <ColumnForm
            column={null}
            submitLabel={t("boards.column.createSubmit")}
            onCancel={close}
            onSave={async (values) => {
              await columnChange.mutateAsync({ kind: "create", input: values });
              setDialog(null);
              setMessage(t("boards.column.created", { name: values.name }));
            }}
          />
        ) : null}
      </FormDialog>

      <FormDialog
        open={deleting !== null}
        title={deleting ? t("boards.column.deleteTitle", { name: deleting.name }) : ""}
        busy={columnChange.isPending}
        onCancel={close}
        fallbackFocus={headingRef}
      >
        {deleting ? (
          <DeleteColumnForm
            others={columns.filter((c) => c.id !== deleting.id)}
            taskCount={data.tasks.filter((task) => task.columnId === deleting.id).length}
            onCancel={close}
            onDelete={async (target) => {
              await columnChange.mutateAsync({ kind: "delete", columnId: deleting.id, moveTo: target.id });
              setDialog(null);
              setMessage(t("boards.column.deleted", { name: deleting.name, target: target.name }));
              focusHeading();
            }}
          />
        ) : null}
      </FormDialog>

      <ConfirmDialog
        open={dialog?.kind === "archiveDone"}
        title={t("boards.board.archiveDoneTitle")}
        variant="primary"
        confirmLabel={t("boards.board.archiveDoneConfirm")}
        busy={archiveDone.isPending}
        error={archiveDone.error}
        onConfirm={() => {
          if (archiveDone.isPending) {
            return;
          }
          archiveDone.mutate(undefined, {
            onSuccess: () => {
              setDialog(null);
              setMessage(t("boards.board.archivedDone"));
            },
          });
        }}
        onCancel={close}
      >
        <p>{t("boards.board.archiveDoneText")}</p>
      </ConfirmDialog>
    </section>
  );
}
