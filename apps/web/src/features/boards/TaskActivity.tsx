import type { TaskDetail } from "@ensemble/contracts/boards";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { activityText } from "./boards.activity.ts";
import { useTaskActivity } from "./boards.queries.ts";

/** The task's history, newest first: who did what, and when, in the reader's language. */
export function TaskActivitySection({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const activity = useTaskActivity(task.id);

  let content: React.ReactNode;
  if (activity.isPending) {
    content = <Loading />;
  } else if (activity.isError) {
    content = (
      <LoadFailed
        message={t("boards.activity.loadFailed")}
        error={activity.error}
        onRetry={() => void activity.refetch()}
      />
    );
  } else if (activity.data.length === 0) {
    content = <p className="muted">{t("boards.activity.empty")}</p>;
  } else {
    const entries = [...activity.data].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    content = (
      <ol className="activity-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <span className="activity-list__text">{activityText(t, entry, language)}</span>{" "}
            <time className="activity-list__time" dateTime={entry.at}>
              {formatDateTime(entry.at, language)}
            </time>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("boards.activity.heading")}</h3>
      {content}
    </section>
  );
}
