import type { TaskDetail } from "@ensemble/contracts/boards";
import { Component, lazy, type ReactNode, Suspense, useId } from "react";
import { useTranslation } from "react-i18next";

// Tiptap is most of the app's weight: it comes with the first opened description only.
const DescriptionEditor = lazy(() => import("./DescriptionEditor.tsx"));

/** Shows `fallback` when the editor's code could not be loaded (offline, a new version deployed). */
class LoadBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * The task's description in a rich-text editor (the documents' schema, not collaborative): saved
 * as Tiptap JSON a moment after typing stops and when the editor is left.
 */
export function TaskDescription({ task, editable }: { task: TaskDetail; editable: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("boards.description.heading")}</h3>
      {!editable && task.description === null ? (
        <p className="muted">{t("boards.description.empty")}</p>
      ) : (
        <LoadBoundary fallback={<p className="notice notice--error">{t("boards.description.loadFailed")}</p>}>
          <Suspense
            fallback={
              <p role="status" className="loading">
                {t("boards.description.loading")}
              </p>
            }
          >
            <DescriptionEditor task={task} editable={editable} />
          </Suspense>
        </LoadBoundary>
      )}
    </section>
  );
}
