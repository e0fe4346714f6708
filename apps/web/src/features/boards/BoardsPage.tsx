import { type BoardSummary, CreateBoardInput } from "@ensemble/contracts/boards";
import { type FormEvent, type ReactNode, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { TextField } from "../../components/TextField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { useForm, validate } from "../../lib/forms.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { DialogActions, FormDialog } from "../documents/FormDialog.tsx";
import { RowMenu } from "../documents/RowMenu.tsx";
import { useProjectContext, useProjectTitle } from "../projects/ProjectLayout.tsx";
import { boardPath } from "./boards.format.ts";
import { useBoardList, useCreateBoard, useDeleteBoard, useRenameBoard } from "./boards.queries.ts";
import "../documents/documents.css";
import "./boards.css";

type Dialog =
  | { kind: "create" }
  | { kind: "rename"; board: BoardSummary }
  | { kind: "delete"; board: BoardSummary };

/** /projects/:id/boards: the project's boards (create, rename, delete), each leading to its board. */
export function BoardsPage() {
  const { t } = useTranslation();
  const { project } = useProjectContext();
  useProjectTitle(t("boards.title"), project);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);
  const navigate = useNavigate();
  const list = useBoardList(project.id);
  const create = useCreateBoard(project.id);
  const rename = useRenameBoard(project.id);
  const remove = useDeleteBoard(project.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const close = () => setDialog(null);

  let content: ReactNode;
  if (list.isPending) {
    content = <Loading />;
  } else if (list.isError) {
    content = (
      <LoadFailed
        message={t("boards.list.loadFailed")}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  } else {
    const { boards, canCreate } = list.data;
    content = (
      <>
        {canCreate ? (
          <div className="boards-toolbar">
            <Button onClick={() => setDialog({ kind: "create" })}>{t("boards.list.create")}</Button>
          </div>
        ) : null}
        {boards.length === 0 ? (
          <div className="empty-state">
            <p className="empty-state__title">{t("boards.list.emptyTitle")}</p>
            <p>{canCreate ? t("boards.list.emptyCreate") : t("boards.list.emptyRead")}</p>
          </div>
        ) : (
          <ul className="boards-list" aria-label={t("boards.list.label")}>
            {boards.map((board) => (
              <li key={board.id} className="boards-list__row">
                <span className="boards-list__icon" aria-hidden="true" />
                <div className="boards-list__main">
                  <Link className="boards-list__name" to={boardPath(project.id, board.id)}>
                    {board.name}
                  </Link>
                  <p className="meta-row">{t("boards.list.openTasks", { count: board.openTasks })}</p>
                </div>
                <RowMenu
                  label={t("boards.list.actions")}
                  accessibleLabel={t("boards.list.actionsFor", { name: board.name })}
                  items={
                    canCreate
                      ? [
                          {
                            label: t("boards.list.rename"),
                            onSelect: () => setDialog({ kind: "rename", board }),
                          },
                          {
                            label: t("boards.list.delete"),
                            tone: "danger",
                            onSelect: () => {
                              remove.reset();
                              setDialog({ kind: "delete", board });
                            },
                          },
                        ]
                      : []
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <section className="project-section boards" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("boards.title")}
      </h2>
      <StatusMessage message={message} />
      {content}

      <FormDialog
        open={dialog?.kind === "create"}
        title={t("boards.list.createTitle")}
        busy={create.isPending}
        onCancel={close}
      >
        <BoardNameForm
          initial=""
          hint={t("boards.list.nameHint")}
          submitLabel={t("boards.list.createSubmit")}
          onCancel={close}
          onSave={async (name) => {
            const { board } = await create.mutateAsync({ name, language: currentLanguage() });
            setDialog(null);
            navigate(boardPath(project.id, board.id));
          }}
        />
      </FormDialog>

      <FormDialog
        open={dialog?.kind === "rename"}
        title={dialog?.kind === "rename" ? t("boards.list.renameTitle", { name: dialog.board.name }) : ""}
        busy={rename.isPending}
        onCancel={close}
      >
        {dialog?.kind === "rename" ? (
          <BoardNameForm
            initial={dialog.board.name}
            submitLabel={t("boards.list.renameSubmit")}
            onCancel={close}
            onSave={async (name) => {
              await rename.mutateAsync({ boardId: dialog.board.id, name });
              setDialog(null);
              setMessage(t("boards.list.renamed", { name }));
            }}
          />
        ) : null}
      </FormDialog>

      <ConfirmDialog
        open={dialog?.kind === "delete"}
        title={dialog?.kind === "delete" ? t("boards.list.deleteTitle", { name: dialog.board.name }) : ""}
        confirmLabel={t("boards.list.deleteConfirm")}
        busy={remove.isPending}
        error={remove.error}
        fallbackFocus={headingRef}
        onConfirm={() => {
          if (dialog?.kind !== "delete" || remove.isPending) {
            return;
          }
          const board = dialog.board;
          remove.mutate(board.id, {
            onSuccess: () => {
              setDialog(null);
              setMessage(t("boards.list.deleted", { name: board.name }));
              focusHeading();
            },
          });
        }}
        onCancel={() => {
          setDialog(null);
          remove.reset();
        }}
      >
        <p>{t("boards.list.deleteText")}</p>
      </ConfirmDialog>
    </section>
  );
}

const NAME_FIELDS = ["name"] as const;

/** The one field of a board: its name. */
export function BoardNameForm({
  initial,
  hint,
  submitLabel,
  onCancel,
  onSave,
}: {
  initial: string;
  hint?: string;
  submitLabel: string;
  onCancel(): void;
  onSave(name: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm(NAME_FIELDS);
  const [name, setName] = useState(initial);
  const label = t("boards.list.name");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(CreateBoardInput, { name }, NAME_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await onSave(checked.data.name);
    });
  }

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary form={form} labels={{ name: label }} />
      <TextField
        id={form.ids.name}
        label={label}
        required
        autoComplete="off"
        value={name}
        onValueChange={setName}
        error={form.errorFor("name")}
        hint={hint}
      />
      <DialogActions submitLabel={submitLabel} busy={form.busy} onCancel={onCancel} />
    </form>
  );
}
