import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { todayIn } from "./boards.days.ts";
import { boardPath } from "./boards.format.ts";
import { useMyTasks } from "./boards.queries.ts";
import { groupMyTasks, type TaskGroup } from "./myTasks.groups.ts";
import { DueDate, PriorityBadge } from "./TaskCard.tsx";
import "./boards.css";

/** /my-tasks: every open task assigned to me, across my projects, grouped by due date. */
export function MyTasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("boards.myTasks.title"));
  const tasks = useMyTasks();
  const language = currentLanguage();
  const today = todayIn();

  let content: React.ReactNode;
  if (tasks.isPending) {
    content = <Loading />;
  } else if (tasks.isError) {
    content = (
      <LoadFailed
        message={t("boards.myTasks.loadFailed")}
        error={tasks.error}
        onRetry={() => void tasks.refetch()}
      />
    );
  } else if (tasks.data.length === 0) {
    content = (
      <div className="empty-state">
        <p className="empty-state__title">{t("boards.myTasks.emptyTitle")}</p>
        <p>{t("boards.myTasks.empty")}</p>
      </div>
    );
  } else {
    content = groupMyTasks(tasks.data, today, language).map((group) => (
      <MyTaskGroup key={group.group} group={group} today={today} />
    ));
  }

  return (
    <div className="page my-tasks">
      <h1>{t("boards.myTasks.title")}</h1>
      <p className="muted">{t("boards.myTasks.intro")}</p>
      {content}
    </div>
  );
}

function MyTaskGroup({ group, today }: { group: TaskGroup; today: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className={`my-tasks__group my-tasks__group--${group.group}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`boards.myTasks.groups.${group.group}`)}{" "}
        <span className="my-tasks__count">({group.tasks.length})</span>
      </h2>
      <ul className="my-tasks__list">
        {group.tasks.map((task) => (
          <li key={task.id} className="my-tasks__row">
            <Link className="my-tasks__title" to={boardPath(task.project.id, task.board.id, task.id)}>
              {task.title}
            </Link>
            <p className="meta-row">
              <span className="visually-hidden">
                {t("boards.myTasks.where", {
                  project: task.project.name,
                  board: task.board.name,
                  column: task.column.name,
                })}
              </span>
              <span aria-hidden="true" className="my-tasks__where">
                <span>{task.project.name}</span>
                <span>{task.board.name}</span>
                <span>{task.column.name}</span>
              </span>
              <DueDate task={task} today={today} />
              <PriorityBadge priority={task.priority} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
