import type { TaskDetail } from "@ensemble/contracts/boards";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { LoadFailed } from "../../components/PageStatus.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { LiveText } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { documentPath } from "../documents/documents.format.ts";
import { useDocumentList } from "../documents/documents.queries.ts";
import { useDocumentLink } from "./boards.queries.ts";

const NONE = "";

/** The project documents linked to the task: open one, unlink it, or link another of the project's. */
export function TaskDocuments({ task, editable }: { task: TaskDetail; editable: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const link = useDocumentLink(task.id, task.boardId);
  const [said, setSaid] = useState<{ text: string; n: number } | null>(null);
  const say = (text: string) => setSaid((s) => ({ text, n: (s?.n ?? 0) + 1 }));

  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("boards.documents.heading")}
      </h3>
      {task.documents.length === 0 ? (
        <p className="muted">{t("boards.documents.none")}</p>
      ) : (
        <ul className="linked-documents">
          {task.documents.map((document) => (
            <li key={document.id}>
              <Link to={documentPath(task.projectId, document.id)}>{document.title}</Link>
              {editable ? (
                <Button
                  variant="secondary"
                  className="button--small"
                  aria-label={t("boards.documents.unlink", { title: document.title })}
                  onClick={() =>
                    link.mutate(
                      { documentId: document.id, linked: false },
                      {
                        onSuccess: () => {
                          say(t("boards.documents.unlinked", { title: document.title }));
                          headingRef.current?.focus();
                        },
                      },
                    )
                  }
                >
                  <span aria-hidden="true">{t("boards.documents.unlinkShort")}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <LiveText text={said?.text} announceKey={String(said?.n ?? 0)} className="visually-hidden" />
      <ActionError error={link.error} prefix={t("boards.documents.failed")} />
      {editable ? (
        <LinkDocumentForm
          task={task}
          busy={link.isPending}
          onLink={(documentId, title) =>
            link.mutate(
              { documentId, linked: true },
              { onSuccess: () => say(t("boards.documents.linked", { title })) },
            )
          }
        />
      ) : null}
    </section>
  );
}

function LinkDocumentForm({
  task,
  busy,
  onLink,
}: {
  task: TaskDetail;
  busy: boolean;
  onLink(documentId: string, title: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const list = useDocumentList(task.projectId, "active");
  const [chosen, setChosen] = useState(NONE);
  if (list.isError) {
    return (
      <LoadFailed
        message={t("boards.documents.loadFailed")}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const collator = new Intl.Collator(currentLanguage(), { sensitivity: "base", numeric: true });
  const linked = new Set(task.documents.map((d) => d.id));
  const offered = (list.data?.documents ?? [])
    .filter((d) => !linked.has(d.id))
    .sort((a, b) => collator.compare(a.title, b.title));
  if (list.data && offered.length === 0) {
    return <p className="muted">{t("boards.documents.noDocuments")}</p>;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const document = offered.find((d) => d.id === chosen);
    if (!document || busy) {
      return;
    }
    onLink(document.id, document.title);
    setChosen(NONE);
  }

  return (
    <form className="inline-form" noValidate onSubmit={onSubmit}>
      <SelectField
        id={id}
        label={t("boards.documents.pick")}
        value={chosen}
        onValueChange={setChosen}
        aria-busy={list.isPending || undefined}
        options={[
          { value: NONE, label: list.isPending ? t("app.loading") : t("boards.documents.choose") },
          ...offered.map((d) => ({ value: d.id, label: d.title })),
        ]}
      />
      <Button type="submit" className="button--small" busy={busy} disabled={chosen === NONE}>
        {t("boards.documents.link")}
      </Button>
    </form>
  );
}
