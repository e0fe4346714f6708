import type { Task } from "@ensemble/contracts/boards";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { asApiError } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { useProjectContext, useProjectTitle } from "../projects/ProjectLayout.tsx";
import { todayIn } from "./boards.days.ts";
import { boardPath, boardsPath } from "./boards.format.ts";
import { useArchivedTasks, useArchiveTask, useBoard } from "./boards.queries.ts";
import { DueDate, LabelChip } from "./TaskCard.tsx";
import "../documents/documents.css";
import "./boards.css";

/** /projects/:id/boards/:boardId/archive: the board's archived tasks, each to restore. */
export function ArchivePage() {
  const { t } = useTranslation();
  const { project } = useProjectContext();
  const { boardId = "" } = useParams();
  const board = useBoard(boardId);
  const archived = useArchivedTasks(boardId);
  const restore = useArchiveTask(boardId);
  const language = currentLanguage();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);
  const [message, setMessage] = useState<string | null>(null);
  const name = board.data?.board.name ?? "";
  useProjectTitle(`${t("boards.archive.title")} – ${name || t("boards.title")}`, project);

  if (board.isPending) {
    return <Loading />;
  }
  if (board.isError) {
    const e = asApiError(board.error);
    if (e.status === 404 || e.code === "validation_failed") {
      return (
        <section className="project-section">
          <h2>{t("boards.board.notFoundTitle")}</h2>
          <p>{t("boards.board.notFound")}</p>
          <p>
            <Link to={boardsPath(project.id)}>{t("boards.board.toBoards")}</Link>
          </p>
        </section>
      );
    }
    return (
      <LoadFailed
        message={t("boards.board.loadFailed")}
        error={board.error}
        onRetry={() => void board.refetch()}
      />
    );
  }
  const { board: info } = board.data;
  const columns = new Map(info.columns.map((c) => [c.id, c.name]));
  const labels = new Map(info.labels.map((l) => [l.id, l]));
  const today = todayIn();

  function restoreTask(task: Task) {
    if (restore.isPending) {
      return;
    }
    restore.mutate(
      { taskId: task.id, archived: false },
      {
        onSuccess: () => {
          setMessage(
            t("boards.archive.restored", { title: task.title, column: columns.get(task.columnId) ?? "" }),
          );
          focusHeading();
        },
      },
    );
  }

  let content: React.ReactNode;
  if (archived.isPending) {
    content = <Loading />;
  } else if (archived.isError) {
    content = (
      <LoadFailed
        message={t("boards.archive.loadFailed")}
        error={archived.error}
        onRetry={() => void archived.refetch()}
      />
    );
  } else if (archived.data.length === 0) {
    content = (
      <div className="empty-state">
        <p>{t("boards.archive.empty")}</p>
      </div>
    );
  } else {
    content = (
      <ul className="archive-list" aria-label={t("boards.archive.label")}>
        {archived.data.map((task) => {
          const taskLabels = task.labelIds.map((id) => labels.get(id)).filter((l) => l !== undefined);
          return (
            <li key={task.id} className="archive-list__row">
              <div className="archive-list__main">
                <Link className="archive-list__title" to={boardPath(project.id, info.id, task.id)}>
                  {task.title}
                </Link>
                <p className="meta-row">
                  <span>{columns.get(task.columnId)}</span>
                  {task.archivedAt ? (
                    <span>
                      {t("boards.archive.archivedAt", { date: formatDateTime(task.archivedAt, language) })}
                    </span>
                  ) : null}
                  <DueDate
                    task={{ ...task, completedAt: task.completedAt ?? task.archivedAt }}
                    today={today}
                  />
                </p>
                {taskLabels.length > 0 ? (
                  <p className="task-table__labels">
                    {taskLabels.map((label) => (
                      <LabelChip key={label.id} label={label} />
                    ))}
                  </p>
                ) : null}
              </div>
              {info.abilities.edit ? (
                <Button
                  variant="secondary"
                  busy={restore.isPending && restore.variables?.taskId === task.id}
                  onClick={() => restoreTask(task)}
                >
                  <span aria-hidden="true">{t("boards.archive.restore")}</span>
                  <span className="visually-hidden">
                    {t("boards.archive.restoreNamed", { title: task.title })}
                  </span>
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className="board-page archive-page" aria-labelledby={headingId}>
      <p className="board-page__back">
        <Link to={boardPath(project.id, info.id)}>{t("boards.archive.toBoard")}</Link>
      </p>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("boards.archive.heading", { name: info.name })}
      </h2>
      <p className="muted">{t("boards.archive.intro")}</p>
      <StatusMessage message={message} />
      <ActionError error={restore.error} />
      {content}
    </section>
  );
}
