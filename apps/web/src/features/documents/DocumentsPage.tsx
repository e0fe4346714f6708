import type { DocumentFolder, DocumentList, DocumentSummary } from "@ensemble/contracts/documents";
import type { Project } from "@ensemble/contracts/projects";
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { useProjectContext, useProjectTitle } from "../projects/ProjectLayout.tsx";
import { CreateDocumentForm, MoveForm, NameForm } from "./DocumentForms.tsx";
import { documentPath, documentsPath, lastEdited } from "./documents.format.ts";
import {
  useCreateDocument,
  useCreateFolder,
  useDeleteDocumentPermanently,
  useDeleteFolder,
  useDocumentList,
  useDocumentStep,
  useUpdateDocument,
  useUpdateFolder,
} from "./documents.queries.ts";
import { childFolders, documentsIn, folderPath } from "./documents.tree.ts";
import { FormDialog } from "./FormDialog.tsx";
import { RowMenu, type RowMenuItem } from "./RowMenu.tsx";
import { ImportDocumentButton } from "./transfer/ImportDocumentButton.tsx";
import "./documents.css";

/** /projects/:id/documents: the project's documents in folders (`?folder=`), or its trash (`?view=trash`). */
export function DocumentsPage() {
  const { t } = useTranslation();
  const { project } = useProjectContext();
  const [params] = useSearchParams();
  const trash = params.get("view") === "trash";
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <section className="project-section documents" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {trash ? t("documents.trash.title") : t("documents.title")}
      </h2>
      {project.abilities.editContent ? (
        <nav className="subnav documents-views" aria-label={t("documents.viewsLabel")}>
          <ul>
            <li>
              <Link to={documentsPath(project.id)} aria-current={trash ? undefined : "page"}>
                {t("documents.views.active")}
              </Link>
            </li>
            <li>
              <Link to={documentsPath(project.id, { trash: true })} aria-current={trash ? "page" : undefined}>
                {t("documents.views.trash")}
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}
      {trash ? (
        <TrashView project={project} headingRef={headingRef} />
      ) : (
        <ActiveView project={project} folderId={params.get("folder")} headingRef={headingRef} />
      )}
    </section>
  );
}

type Dialog =
  | { kind: "createDocument" }
  | { kind: "createFolder" }
  | { kind: "renameFolder"; folder: DocumentFolder }
  | { kind: "moveFolder"; folder: DocumentFolder }
  | { kind: "deleteFolder"; folder: DocumentFolder }
  | { kind: "renameDocument"; document: DocumentSummary }
  | { kind: "moveDocument"; document: DocumentSummary };

interface ViewProps {
  project: Project;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

function ActiveView({ project, folderId, headingRef }: ViewProps & { folderId: string | null }) {
  const { t } = useTranslation();
  const list = useDocumentList(project.id, "active");
  // the folder is in the tab's title, so the browser's history says where each entry leads
  const folder = list.data ? folderPath(list.data.folders, folderId).at(-1) : undefined;
  useProjectTitle(folder ? `${folder.name} – ${t("documents.title")}` : t("documents.title"), project);
  if (list.isPending) {
    return <Loading />;
  }
  if (list.isError) {
    return (
      <LoadFailed
        message={t("documents.list.loadFailed")}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  return <FolderContents project={project} list={list.data} folderId={folderId} headingRef={headingRef} />;
}

function FolderContents({
  project,
  list,
  folderId,
  headingRef,
}: ViewProps & { list: DocumentList; folderId: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const language = currentLanguage();
  const path = folderPath(list.folders, folderId);
  const folder = path.at(-1) ?? null;
  const focusHeading = useFocusAfterRender(headingRef);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const step = useDocumentStep();
  const updateDocument = useUpdateDocument();
  const createFolder = useCreateFolder(project.id);
  const updateFolder = useUpdateFolder(project.id);
  const deleteFolder = useDeleteFolder();
  const createDocument = useCreateDocument(project.id);
  const currentCrumb = useRef<HTMLSpanElement>(null);
  const shownFolder = useRef(folderId);

  // Moving between folders changes only the address's query, so the page keeps its place: focus
  // goes to the folder's name in the path (the link that had it is gone), which is then read out.
  useEffect(() => {
    if (shownFolder.current === folderId) {
      return;
    }
    shownFolder.current = folderId;
    currentCrumb.current?.focus();
  }, [folderId]);

  if (folderId !== null && folder === null) {
    return (
      <div className="notice notice--warning">
        <p>{t("documents.list.folderGone")}</p>
        <p>
          <Link to={documentsPath(project.id)}>{t("documents.list.toTop")}</Link>
        </p>
      </div>
    );
  }

  const folders = childFolders(list.folders, folder?.id ?? null, language);
  const documents = documentsIn(list.documents, list.folders, folder?.id ?? null, language);
  const close = () => setDialog(null);
  /** The row the user acted on went away (moved, trashed): focus to the heading, then say so. */
  const rowGone = (text: string) => {
    setDialog(null);
    setMessage(text);
    focusHeading();
  };

  function runStep(document: DocumentSummary, kind: "duplicate" | "trash") {
    if (step.isPending) {
      return;
    }
    setMessage(null);
    step.mutate(
      { id: document.id, step: kind },
      {
        onSuccess: ({ document: result }) => {
          if (kind === "duplicate") {
            setMessage(t("documents.list.duplicated", { title: result.title }));
          } else {
            rowGone(t("documents.list.trashed", { title: document.title }));
          }
        },
      },
    );
  }

  function folderItems(f: DocumentFolder): RowMenuItem[] {
    if (!list.canCreate) {
      return [];
    }
    return [
      {
        label: t("documents.actions.rename"),
        onSelect: () => setDialog({ kind: "renameFolder", folder: f }),
      },
      { label: t("documents.actions.move"), onSelect: () => setDialog({ kind: "moveFolder", folder: f }) },
      {
        label: t("documents.actions.deleteFolder"),
        tone: "danger",
        onSelect: () => {
          deleteFolder.reset();
          setDialog({ kind: "deleteFolder", folder: f });
        },
      },
    ];
  }

  function documentItems(d: DocumentSummary): RowMenuItem[] {
    const items: RowMenuItem[] = [];
    if (d.abilities.edit) {
      items.push(
        {
          label: t("documents.actions.rename"),
          onSelect: () => setDialog({ kind: "renameDocument", document: d }),
        },
        {
          label: t("documents.actions.move"),
          onSelect: () => setDialog({ kind: "moveDocument", document: d }),
        },
      );
    }
    if (list.canCreate) {
      items.push({ label: t("documents.actions.duplicate"), onSelect: () => runStep(d, "duplicate") });
    }
    if (d.abilities.trash) {
      items.push({
        label: t("documents.actions.trash"),
        tone: "danger",
        onSelect: () => runStep(d, "trash"),
      });
    }
    return items;
  }

  function targetName(target: string | null): string {
    const found = target === null ? undefined : list.folders.find((f) => f.id === target);
    return found ? found.name : t("documents.list.top");
  }

  const empty = folders.length === 0 && documents.length === 0;
  return (
    <>
      <nav className="documents-breadcrumb" aria-label={t("documents.list.pathLabel")}>
        <ol>
          <li>
            {path.length === 0 ? (
              <span aria-current="page" ref={currentCrumb} tabIndex={-1}>
                {t("documents.list.top")}
              </span>
            ) : (
              <Link to={documentsPath(project.id)}>{t("documents.list.top")}</Link>
            )}
          </li>
          {path.map((f, index) => (
            <li key={f.id}>
              {index === path.length - 1 ? (
                <span aria-current="page" ref={currentCrumb} tabIndex={-1}>
                  {f.name}
                </span>
              ) : (
                <Link to={documentsPath(project.id, { folderId: f.id })}>{f.name}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {list.canCreate ? (
        <div className="documents-toolbar">
          <Button onClick={() => setDialog({ kind: "createDocument" })}>{t("documents.create.open")}</Button>
          <Button variant="secondary" onClick={() => setDialog({ kind: "createFolder" })}>
            {t("documents.folders.create")}
          </Button>
          <ImportDocumentButton
            projectId={project.id}
            folderId={folder?.id ?? null}
            onImported={(document) => navigate(documentPath(project.id, document.id))}
          />
        </div>
      ) : null}
      <StatusMessage message={message} />
      <ActionError error={step.error} />
      {empty ? (
        <div className="empty-state">
          <p className="empty-state__title">
            {folder ? t("documents.list.emptyFolder") : t("documents.list.emptyTitle")}
          </p>
          <p>{list.canCreate ? t("documents.list.emptyCreate") : t("documents.list.emptyRead")}</p>
        </div>
      ) : (
        <ul className="documents-list" aria-label={folder ? folder.name : t("documents.list.top")}>
          {folders.map((f) => (
            <li key={f.id} className="documents-row documents-row--folder">
              <span className="documents-row__icon" aria-hidden="true" />
              <div className="documents-row__main">
                <Link className="documents-row__name" to={documentsPath(project.id, { folderId: f.id })}>
                  <span className="visually-hidden">{t("documents.list.folderPrefix")} </span>
                  {f.name}
                </Link>
              </div>
              <RowMenu
                label={t("documents.actions.label")}
                accessibleLabel={t("documents.actions.labelFor", { name: f.name })}
                items={folderItems(f)}
              />
            </li>
          ))}
          {documents.map((d) => (
            <li key={d.id} className="documents-row">
              <span className="documents-row__icon documents-row__icon--document" aria-hidden="true" />
              <div className="documents-row__main">
                <Link className="documents-row__name" to={documentPath(project.id, d.id)}>
                  {d.title}
                </Link>
                <p className="meta-row">{lastEdited(t, d, language)}</p>
              </div>
              <RowMenu
                label={t("documents.actions.label")}
                accessibleLabel={t("documents.actions.labelFor", { name: d.title })}
                items={documentItems(d)}
              />
            </li>
          ))}
        </ul>
      )}

      <FormDialog
        open={dialog?.kind === "createDocument"}
        title={folder ? t("documents.create.titleIn", { name: folder.name }) : t("documents.create.title")}
        busy={createDocument.isPending}
        onCancel={close}
      >
        <CreateDocumentForm
          projectId={project.id}
          create={createDocument}
          folder={folder}
          onCancel={close}
          onCreated={(document) => navigate(documentPath(project.id, document.id))}
        />
      </FormDialog>

      <FormDialog
        open={dialog?.kind === "createFolder"}
        title={
          folder ? t("documents.folders.createIn", { name: folder.name }) : t("documents.folders.create")
        }
        busy={createFolder.isPending}
        onCancel={close}
      >
        <NameForm
          kind="folder"
          label={t("documents.folders.name")}
          initial=""
          submitLabel={t("documents.folders.createSubmit")}
          onCancel={close}
          onSave={async (name) => {
            await createFolder.mutateAsync({ name, parentId: folder?.id ?? null });
            setDialog(null);
            setMessage(t("documents.folders.created", { name }));
          }}
        />
      </FormDialog>

      <FormDialog
        open={dialog?.kind === "renameFolder" || dialog?.kind === "renameDocument"}
        title={
          dialog?.kind === "renameFolder"
            ? t("documents.folders.renameTitle", { name: dialog.folder.name })
            : dialog?.kind === "renameDocument"
              ? t("documents.rename.title", { title: dialog.document.title })
              : ""
        }
        busy={updateFolder.isPending || updateDocument.isPending}
        onCancel={close}
      >
        {dialog?.kind === "renameFolder" ? (
          <NameForm
            kind="folder"
            label={t("documents.folders.name")}
            initial={dialog.folder.name}
            submitLabel={t("documents.rename.submit")}
            onCancel={close}
            onSave={async (name) => {
              await updateFolder.mutateAsync({ id: dialog.folder.id, input: { name } });
              setDialog(null);
              setMessage(t("documents.folders.renamed", { name }));
            }}
          />
        ) : dialog?.kind === "renameDocument" ? (
          <NameForm
            kind="document"
            label={t("documents.rename.label")}
            initial={dialog.document.title}
            submitLabel={t("documents.rename.submit")}
            onCancel={close}
            onSave={async (title) => {
              await updateDocument.mutateAsync({ id: dialog.document.id, input: { title } });
              setDialog(null);
              setMessage(t("documents.rename.done", { title }));
            }}
          />
        ) : null}
      </FormDialog>

      <FormDialog
        open={dialog?.kind === "moveFolder" || dialog?.kind === "moveDocument"}
        title={
          dialog?.kind === "moveFolder"
            ? t("documents.move.titleFolder", { name: dialog.folder.name })
            : dialog?.kind === "moveDocument"
              ? t("documents.move.titleDocument", { title: dialog.document.title })
              : ""
        }
        busy={updateFolder.isPending || updateDocument.isPending}
        onCancel={close}
      >
        {dialog?.kind === "moveFolder" ? (
          <MoveForm
            folders={list.folders}
            current={dialog.folder.parentId}
            exclude={dialog.folder.id}
            onCancel={close}
            onSave={async (parentId) => {
              if (parentId === dialog.folder.parentId) {
                setDialog(null);
                return;
              }
              await updateFolder.mutateAsync({ id: dialog.folder.id, input: { parentId } });
              rowGone(t("documents.move.done", { name: dialog.folder.name, target: targetName(parentId) }));
            }}
          />
        ) : dialog?.kind === "moveDocument" ? (
          <MoveForm
            folders={list.folders}
            current={dialog.document.folderId}
            exclude={null}
            onCancel={close}
            onSave={async (target) => {
              if (target === dialog.document.folderId) {
                setDialog(null);
                return;
              }
              await updateDocument.mutateAsync({ id: dialog.document.id, input: { folderId: target } });
              rowGone(t("documents.move.done", { name: dialog.document.title, target: targetName(target) }));
            }}
          />
        ) : null}
      </FormDialog>

      <ConfirmDialog
        open={dialog?.kind === "deleteFolder"}
        title={
          dialog?.kind === "deleteFolder"
            ? t("documents.folders.deleteTitle", { name: dialog.folder.name })
            : ""
        }
        confirmLabel={t("documents.folders.deleteConfirm")}
        busy={deleteFolder.isPending}
        error={deleteFolder.error}
        onConfirm={() => {
          if (dialog?.kind !== "deleteFolder" || deleteFolder.isPending) {
            return;
          }
          const f = dialog.folder;
          deleteFolder.mutate(f.id, {
            onSuccess: () => rowGone(t("documents.folders.deleted", { name: f.name })),
          });
        }}
        onCancel={() => {
          setDialog(null);
          deleteFolder.reset();
        }}
        fallbackFocus={headingRef}
      >
        <p>{t("documents.folders.deleteText")}</p>
      </ConfirmDialog>
    </>
  );
}

function TrashView({ project, headingRef }: ViewProps) {
  const { t } = useTranslation();
  useProjectTitle(t("documents.trash.title"), project);
  const language = currentLanguage();
  const list = useDocumentList(project.id, "trash");
  const step = useDocumentStep();
  const purge = useDeleteDocumentPermanently(project.id);
  const focusHeading = useFocusAfterRender(headingRef);
  const [deleting, setDeleting] = useState<DocumentSummary | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (list.isPending) {
    return <Loading />;
  }
  if (list.isError) {
    return (
      <LoadFailed
        message={t("documents.trash.loadFailed")}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const documents = [...list.data.documents].sort((a, b) =>
    (b.deletedAt ?? "").localeCompare(a.deletedAt ?? ""),
  );

  function restore(document: DocumentSummary) {
    if (step.isPending) {
      return;
    }
    setMessage(null);
    step.mutate(
      { id: document.id, step: "restore" },
      {
        onSuccess: () => {
          setMessage(t("documents.trash.restored", { title: document.title }));
          focusHeading();
        },
      },
    );
  }

  function confirmDelete() {
    if (!deleting || purge.isPending) {
      return;
    }
    const document = deleting;
    purge.mutate(document.id, {
      onSuccess: () => {
        setDeleting(null);
        setMessage(t("documents.trash.deleted", { title: document.title }));
        focusHeading();
      },
    });
  }

  return (
    <>
      <p className="muted">{t("documents.trash.intro")}</p>
      <StatusMessage message={message} />
      <ActionError error={step.error} />
      {documents.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">{t("documents.trash.emptyTitle")}</p>
          <p>{t("documents.trash.empty")}</p>
        </div>
      ) : (
        <ul className="documents-list" aria-label={t("documents.trash.title")}>
          {documents.map((d) => {
            const where = folderPath(list.data.folders, d.folderId)
              .map((f) => f.name)
              .join(" / ");
            return (
              <li key={d.id} className="documents-row">
                <span className="documents-row__icon documents-row__icon--document" aria-hidden="true" />
                <div className="documents-row__main">
                  <p className="documents-row__name">{d.title}</p>
                  <p className="meta-row">
                    <span>
                      {t("documents.trash.deletedAt", {
                        date: d.deletedAt ? formatDateTime(d.deletedAt, language) : "",
                      })}
                    </span>
                    <span>{t("documents.trash.wasIn", { name: where || t("documents.list.top") })}</span>
                  </p>
                </div>
                <div className="documents-row__actions">
                  {d.abilities.restore ? (
                    <Button
                      variant="secondary"
                      className="button--small"
                      busy={step.isPending && step.variables?.id === d.id}
                      onClick={() => restore(d)}
                    >
                      <span aria-hidden="true">{t("documents.trash.restore")}</span>
                      <span className="visually-hidden">
                        {t("documents.trash.restoreNamed", { title: d.title })}
                      </span>
                    </Button>
                  ) : null}
                  {d.abilities.delete ? (
                    <Button
                      variant="danger"
                      className="button--small"
                      onClick={() => {
                        purge.reset();
                        setDeleting(d);
                      }}
                    >
                      <span aria-hidden="true">{t("documents.trash.delete")}</span>
                      <span className="visually-hidden">
                        {t("documents.trash.deleteNamed", { title: d.title })}
                      </span>
                    </Button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t("documents.trash.deleteTitle", { title: deleting?.title ?? "" })}
        confirmLabel={t("documents.trash.deleteConfirm")}
        busy={purge.isPending}
        error={purge.error}
        onConfirm={confirmDelete}
        onCancel={() => {
          setDeleting(null);
          purge.reset();
        }}
        fallbackFocus={headingRef}
      >
        <p>{t("documents.trash.deleteText")}</p>
      </ConfirmDialog>
    </>
  );
}
