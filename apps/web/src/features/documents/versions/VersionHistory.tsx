import { CreateVersionInput, type Document, type DocumentVersion } from "@ensemble/contracts/documents";
import type { Editor, JSONContent } from "@tiptap/core";
import type { TFunction } from "i18next";
import { type FormEvent, type ReactNode, type RefObject, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button.tsx";
import { ConfirmDialog } from "../../../components/ConfirmDialog.tsx";
import { FormErrorSummary } from "../../../components/FormErrorSummary.tsx";
import { LoadFailed, Loading } from "../../../components/PageStatus.tsx";
import { LiveText } from "../../../components/StatusMessage.tsx";
import { TextField } from "../../../components/TextField.tsx";
import { currentLanguage } from "../../../i18n/i18n.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { useForm, validate } from "../../../lib/forms.ts";
import type { SaveState } from "../documents.collab.ts";
import { asDocumentJson, VersionPreview } from "./VersionPreview.tsx";
import { useCreateVersion, useVersionContent, useVersions } from "./versions.queries.ts";
import "./versions.css";

interface VersionHistoryProps {
  /** The live collaborative editor (null until it is ready): restoring sets its content. */
  editor: Editor | null;
  document: Document;
  /**
   * Whether my edits are stored on the server: a named version is made of the stored state, so
   * saving one waits while edits are on their way. Default: "saved".
   */
  saveState?: SaveState | undefined;
}

/**
 * "Versions": a button that opens the version history in a modal dialog: save the current state
 * under a name, list named and automatic versions, view any of them read-only, and restore one
 * (after confirming) as a new change of the live document, so nothing of the history is lost.
 */
export function VersionHistory({ editor, document, saveState = "saved" }: VersionHistoryProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState<{ text: string; key: number } | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      openerRef.current?.focus();
    }
  }, [open]);

  function restored(name: string) {
    setOpen(false);
    setSaid({ text: t("documentVersions.restore.done", { name }), key: Date.now() });
  }

  return (
    <div className="version-history">
      <Button
        ref={openerRef}
        variant="secondary"
        className="button--small"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t("documentVersions.open")}
      </Button>
      <LiveText text={said?.text} announceKey={String(said?.key ?? "")} className="version-history__status" />
      <dialog
        ref={dialogRef}
        className="version-dialog"
        aria-labelledby={titleId}
        // React passes a nested dialog's cancel and close (the restore confirmation's) up to here:
        // only this dialog's own events close the history
        onCancel={(event) => {
          if (event.target !== event.currentTarget) {
            return;
          }
          event.preventDefault();
          setOpen(false);
        }}
        onClose={(event) => {
          if (event.target === event.currentTarget) {
            setOpen(false);
          }
        }}
      >
        <div className="version-dialog__header">
          <h2 id={titleId}>{t("documentVersions.heading")}</h2>
          <Button variant="secondary" className="button--small" data-autofocus onClick={() => setOpen(false)}>
            {t("documentVersions.close")}
          </Button>
        </div>
        {open ? (
          <VersionHistoryBody
            editor={editor}
            document={document}
            saveState={saveState}
            onRestored={restored}
          />
        ) : null}
      </dialog>
    </div>
  );
}

function versionName(t: TFunction, version: DocumentVersion): string {
  return version.name ?? t("documentVersions.list.automatic");
}

function VersionHistoryBody({
  editor,
  document,
  saveState,
  onRestored,
}: {
  editor: Editor | null;
  document: Document;
  saveState: SaveState;
  onRestored(name: string): void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const versions = useVersions(document.id, true);
  const [selected, setSelected] = useState<string | null>(null);
  const listHeadingId = useId();
  const detailRef = useRef<HTMLElement>(null);
  // a version chosen in the list: focus goes to its preview's heading once it is there
  const [focusRequest, setFocusRequest] = useState(0);
  const canEdit = document.abilities.edit;

  return (
    <div className="version-dialog__body">
      {canEdit ? <SaveVersionForm documentId={document.id} saveState={saveState} /> : null}
      <div className="version-dialog__columns">
        <section className="version-list" aria-labelledby={listHeadingId}>
          <h3 id={listHeadingId}>{t("documentVersions.list.heading")}</h3>
          {versions.isPending ? <Loading /> : null}
          {versions.isError ? (
            <LoadFailed
              message={t("documentVersions.list.loadFailed")}
              error={versions.error}
              onRetry={() => void versions.refetch()}
            />
          ) : null}
          {versions.data?.length === 0 ? <p className="muted">{t("documentVersions.list.empty")}</p> : null}
          {versions.data && versions.data.length > 0 ? (
            <ol className="version-list__items">
              {versions.data.map((version) => {
                const name = versionName(t, version);
                const date = formatDateTime(version.createdAt, language);
                const current = version.id === selected;
                return (
                  <li key={version.id}>
                    <button
                      type="button"
                      className={current ? "version-item version-item--current" : "version-item"}
                      aria-current={current ? "true" : undefined}
                      onClick={() => {
                        setSelected(version.id);
                        // focus on the preview's heading (also brings it into view on narrow screens, where
                        // it is below the list)
                        setFocusRequest((n) => n + 1);
                      }}
                    >
                      <span
                        className={
                          version.name ? "version-item__name" : "version-item__name version-item__name--auto"
                        }
                      >
                        {name}
                      </span>
                      <span className="version-item__meta">
                        {version.createdBy
                          ? t("documentVersions.list.meta", { date, name: version.createdBy.displayName })
                          : t("documentVersions.list.metaNoAuthor", { date })}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          ) : null}
        </section>
        <VersionDetail
          sectionRef={detailRef}
          documentId={document.id}
          versionId={selected}
          focusRequest={focusRequest}
          editor={canEdit ? editor : null}
          canRestore={canEdit}
          onRestored={onRestored}
        />
      </div>
    </div>
  );
}

function SaveVersionForm({ documentId, saveState }: { documentId: string; saveState: SaveState }) {
  const { t } = useTranslation();
  const form = useForm(["name"] as const);
  const create = useCreateVersion(documentId);
  const [name, setName] = useState("");
  const [said, setSaid] = useState<{ text: string; key: number } | null>(null);
  const headingId = useId();
  // While my latest edits are on their way, the version waits for them (it is made of the stored state).
  const waiter = useRef<(() => void) | null>(null);
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    if (saveState === "saved" && waiter.current) {
      waiter.current();
      waiter.current = null;
    }
  }, [saveState]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(CreateVersionInput, { name }, ["name"] as const);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      if (saveState !== "saved") {
        setWaiting(true);
        await new Promise<void>((resolve) => {
          waiter.current = resolve;
        });
        setWaiting(false);
      }
      const { version } = await create.mutateAsync(checked.data);
      setName("");
      setSaid({
        text: t("documentVersions.save.saved", { name: version.name ?? checked.data.name }),
        key: Date.now(),
      });
    });
  }

  return (
    <section className="version-save" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("documentVersions.save.heading")}</h3>
      <form ref={form.formRef} className="version-save__form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary form={form} labels={{ name: t("documentVersions.save.name") }} />
        <TextField
          id={form.ids.name}
          label={t("documentVersions.save.name")}
          hint={t("documentVersions.save.hint")}
          required
          autoComplete="off"
          value={name}
          onValueChange={setName}
          error={form.errorFor("name")}
        />
        <Button type="submit" busy={form.busy}>
          {t("documentVersions.save.submit")}
        </Button>
      </form>
      <LiveText
        text={waiting ? t("documentVersions.save.waiting") : null}
        className="version-save__waiting"
      />
      <LiveText
        text={said?.text}
        announceKey={String(said?.key ?? "")}
        className="notice notice--success version-save__status"
      />
    </section>
  );
}

function VersionDetail({
  sectionRef,
  documentId,
  versionId,
  focusRequest,
  editor,
  canRestore,
  onRestored,
}: {
  sectionRef: RefObject<HTMLElement | null>;
  documentId: string;
  versionId: string | null;
  /** Counts the choices in the list: each moves focus to the heading once the version has loaded. */
  focusRequest: number;
  editor: Editor | null;
  canRestore: boolean;
  onRestored(name: string): void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const content = useVersionContent(documentId, versionId);
  const [confirming, setConfirming] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusDone = useRef(0);

  // after the version loaded (or failed to), so the heading says its name when it gets focus
  useEffect(() => {
    if (focusRequest > focusDone.current && !content.isPending) {
      focusDone.current = focusRequest;
      headingRef.current?.focus();
    }
  }, [focusRequest, content.isPending]);

  let body: ReactNode = null;
  let title = t("documentVersions.preview.label");
  let doc: JSONContent | null = null;
  if (versionId === null) {
    body = <p className="muted">{t("documentVersions.preview.choose")}</p>;
  } else if (content.isPending) {
    body = <Loading />;
  } else if (content.isError) {
    body = (
      <LoadFailed
        message={t("documentVersions.preview.loadFailed")}
        error={content.error}
        onRetry={() => void content.refetch()}
      />
    );
  } else {
    const { version } = content.data;
    const name = versionName(t, version);
    const date = formatDateTime(version.createdAt, language);
    title = name;
    doc = asDocumentJson(content.data.content);
    body = (
      <>
        <p className="version-detail__meta">
          {version.createdBy
            ? t("documentVersions.preview.savedBy", { date, name: version.createdBy.displayName })
            : t("documentVersions.preview.savedAt", { date })}
        </p>
        {doc ? (
          <VersionPreview content={doc} label={t("documentVersions.preview.content", { name })} />
        ) : (
          <p className="notice notice--error">{t("documentVersions.preview.loadFailed")}</p>
        )}
        {canRestore && doc ? (
          <div className="version-detail__actions">
            <Button
              onClick={() => {
                setRestoreError(null);
                setConfirming(true);
              }}
            >
              {t("documentVersions.restore.button")}
            </Button>
          </div>
        ) : null}
      </>
    );
  }

  function restore() {
    if (!content.data || !doc) {
      return;
    }
    const name = versionName(t, content.data.version);
    if (!editor || editor.isDestroyed) {
      setRestoreError(t("documentVersions.restore.failed"));
      return;
    }
    // A change like any other: synced to everyone, in everyone's history, undoable.
    const ok = editor.commands.setContent(doc, { emitUpdate: true });
    if (!ok) {
      setRestoreError(t("documentVersions.restore.failed"));
      return;
    }
    setConfirming(false);
    onRestored(name);
  }

  return (
    <section
      ref={sectionRef}
      className="version-detail"
      aria-labelledby={headingId}
      aria-busy={content.isFetching || undefined}
    >
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      {body}
      <ConfirmDialog
        open={confirming}
        title={t("documentVersions.restore.title", { name: title })}
        confirmLabel={t("documentVersions.restore.confirm")}
        variant="primary"
        busy={false}
        error={null}
        onConfirm={restore}
        onCancel={() => setConfirming(false)}
      >
        <p>{t("documentVersions.restore.text")}</p>
        {restoreError ? (
          <p role="alert" className="notice notice--error">
            {restoreError}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
