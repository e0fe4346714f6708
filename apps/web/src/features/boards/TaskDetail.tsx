import type { BoardColumn, BoardResponse, TaskDetail, UpdateTaskInput } from "@ensemble/contracts/boards";
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { LiveText } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { asApiError } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { useArchiveTask, useDeleteTask, useTask, useUpdateTask } from "./boards.queries.ts";
import { TaskActivitySection } from "./TaskActivity.tsx";
import { TaskChecklist } from "./TaskChecklist.tsx";
import { TaskComments } from "./TaskComments.tsx";
import { TaskDescription } from "./TaskDescription.tsx";
import { TaskDocuments } from "./TaskDocuments.tsx";
import { TaskFields } from "./TaskFields.tsx";
import { TaskRecurrence } from "./TaskRecurrence.tsx";

/**
 * A task's detail as a modal side panel, opened by the address (`?task=<id>`, so it can be linked,
 * e.g. from "My tasks"): the browser keeps focus inside, Escape and "Schließen" close it (the
 * address loses `task`), and focus goes back to the card or row that opened it.
 */
export function TaskDetailDialog({
  taskId,
  data,
  columns,
  fallbackFocus,
  onClose,
  announce,
}: {
  taskId: string | null;
  data: BoardResponse;
  columns: readonly BoardColumn[];
  fallbackFocus: RefObject<HTMLElement | null>;
  onClose(): void;
  /** Says something on the board (after the dialog closed: a deleted task). */
  announce(message: string): void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const lastTask = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const open = taskId !== null;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      headingRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      // the card may have moved (a new element): find it by its task, else the board's heading
      const card = lastTask.current
        ? document.querySelector<HTMLElement>(`[data-task-link="${CSS.escape(lastTask.current)}"]`)
        : null;
      const back = opener.current?.isConnected ? opener.current : (card ?? fallbackFocus.current);
      back?.focus();
    }
    if (open) {
      lastTask.current = taskId;
    }
  }, [open, taskId, fallbackFocus]);

  // another task in the same dialog (a promoted checklist item): its heading is read out
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new task moves focus to its heading
  useEffect(() => {
    if (open && dialogRef.current?.open) {
      headingRef.current?.focus();
    }
  }, [taskId]);

  return (
    <dialog
      ref={dialogRef}
      className="task-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={() => {
        if (open) {
          onClose();
        }
      }}
    >
      {taskId ? (
        <TaskDetailBody
          key={taskId}
          taskId={taskId}
          data={data}
          columns={columns}
          titleId={titleId}
          headingRef={headingRef}
          onClose={onClose}
          announce={announce}
        />
      ) : null}
    </dialog>
  );
}

function TaskDetailBody({
  taskId,
  data,
  columns,
  titleId,
  headingRef,
  onClose,
  announce,
}: {
  taskId: string;
  data: BoardResponse;
  columns: readonly BoardColumn[];
  titleId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onClose(): void;
  announce(message: string): void;
}) {
  const { t } = useTranslation();
  const query = useTask(taskId);
  const card = data.tasks.find((task) => task.id === taskId);
  const title = query.data?.title ?? card?.title ?? t("boards.detail.label");

  let content: React.ReactNode;
  if (query.data) {
    content = (
      <TaskDetailContent
        task={query.data}
        data={data}
        columns={columns}
        onClose={onClose}
        announce={announce}
      />
    );
  } else if (query.isPending) {
    content = <Loading />;
  } else {
    const e = asApiError(query.error);
    content =
      e.status === 404 || e.code === "validation_failed" ? (
        <p className="notice notice--warning">{t("boards.detail.notFound")}</p>
      ) : (
        <LoadFailed
          message={t("boards.detail.loadFailed")}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      );
  }

  return (
    <>
      <header className="task-dialog__header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <Button variant="secondary" className="button--small task-dialog__close" onClick={onClose}>
          {t("boards.detail.close")}
        </Button>
      </header>
      <div className="task-dialog__body">{content}</div>
    </>
  );
}

function TaskDetailContent({
  task,
  data,
  columns,
  onClose,
  announce,
}: {
  task: TaskDetail;
  data: BoardResponse;
  columns: readonly BoardColumn[];
  onClose(): void;
  announce(message: string): void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { board } = data;
  const update = useUpdateTask(task.id, task.boardId);
  const archive = useArchiveTask(task.boardId);
  const remove = useDeleteTask(task.boardId);
  const [saved, setSaved] = useState<{ text: string; n: number } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const archived = task.archivedAt !== null;
  const abilities =
    (task as Partial<{ abilities: { edit: boolean; comment: boolean } }>).abilities ?? board.abilities;
  const editable = abilities.edit && !archived;

  /** Saves fields of the task; the outcome is said in the panel's status line or its alert. */
  function save(input: UpdateTaskInput, options?: { onSuccess?(): void }) {
    update.mutate(input, {
      onSuccess: () => {
        setSaved((s) => ({ text: t("boards.detail.saved"), n: (s?.n ?? 0) + 1 }));
        options?.onSuccess?.();
      },
    });
  }

  function toggleArchived() {
    archive.mutate(
      { taskId: task.id, archived: !archived },
      {
        onSuccess: () =>
          setSaved((s) => ({
            text: archived
              ? t("boards.detail.restored", { title: task.title })
              : t("boards.detail.archived", { title: task.title }),
            n: (s?.n ?? 0) + 1,
          })),
      },
    );
  }

  return (
    <>
      {archived && task.archivedAt ? (
        <p className="notice notice--warning">{t("boards.detail.archivedNotice")}</p>
      ) : null}
      <LiveText text={saved?.text} announceKey={String(saved?.n ?? 0)} className="task-dialog__saved" />
      <ActionError error={update.error} prefix={t("boards.detail.saveFailed")} />
      <TaskFields
        task={task}
        board={board}
        data={data}
        columns={columns}
        editable={editable}
        save={save}
        error={update.error}
      />
      <TaskDescription task={task} editable={editable} />
      <TaskChecklist task={task} editable={editable} />
      <TaskDocuments task={task} editable={editable} />
      <TaskRecurrence
        task={task}
        editable={editable}
        save={save}
        error={update.error}
        busy={update.isPending}
      />
      <TaskComments task={task} members={board.members} canComment={abilities.comment} />
      <TaskActivitySection task={task} />
      <footer className="task-dialog__footer">
        <p className="meta-row">
          {task.createdBy
            ? t("boards.detail.created", {
                name: task.createdBy.displayName,
                date: formatDateTime(task.createdAt, language),
              })
            : t("boards.detail.createdBySystem", { date: formatDateTime(task.createdAt, language) })}
        </p>
        {abilities.edit ? (
          <div className="form__actions">
            <Button variant="secondary" busy={archive.isPending} onClick={toggleArchived}>
              {archived ? t("boards.detail.restore") : t("boards.detail.archive")}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              {t("boards.detail.delete")}
            </Button>
          </div>
        ) : null}
        <ActionError error={archive.error} />
      </footer>
      <ConfirmDialog
        open={confirmDelete}
        title={t("boards.detail.deleteTitle", { title: task.title })}
        confirmLabel={t("boards.detail.deleteConfirm")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (remove.isPending) {
            return;
          }
          remove.mutate(task.id, {
            onSuccess: () => {
              setConfirmDelete(false);
              announce(t("boards.detail.deleted", { title: task.title }));
              onClose();
            },
          });
        }}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>{t("boards.detail.deleteText")}</p>
      </ConfirmDialog>
    </>
  );
}
