import type { Document } from "@ensemble/contracts/documents";
import { UpdateDocumentInput } from "@ensemble/contracts/documents";
import { documentExtensions } from "@ensemble/editor/extensions";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { type Editor, EditorContent, useEditor, useEditorState } from "@tiptap/react";
import {
  type FormEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { ActionError } from "../../components/ActionError.tsx";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { LiveText, StatusMessage } from "../../components/StatusMessage.tsx";
import { TextField } from "../../components/TextField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { asApiError } from "../../lib/api.ts";
import { useForm, validate } from "../../lib/forms.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { type CurrentUser, useMe } from "../auth/auth.queries.ts";
import { CommentsPanel } from "./comments/CommentsPanel.tsx";
import { type ConnectionState, type Person, personColor, type SaveState } from "./documents.collab.ts";
import { documentPath, documentsPath, lastEdited } from "./documents.format.ts";
import { useDocument, useDocumentStep, useUpdateDocument } from "./documents.queries.ts";
import { EditorToolbar } from "./EditorToolbar.tsx";
import { SaveAsTemplateButton } from "./templates/SaveAsTemplateButton.tsx";
import { ExportMenu } from "./transfer/ExportMenu.tsx";
import {
  type CollabSession,
  type CollabState,
  type CollabUser,
  useCollaboration,
} from "./useCollaboration.ts";
import { VersionHistory } from "./versions/VersionHistory.tsx";
import "./documents.css";

function isNotFound(error: unknown): boolean {
  const e = asApiError(error);
  return e.status === 404 || e.code === "validation_failed";
}

/** /projects/:id/documents/:docId: one document in the collaborative editor (loaded lazily). */
export function DocumentEditorPage() {
  const { t } = useTranslation();
  const { id = "", docId = "" } = useParams();
  const query = useDocument(docId);
  const me = useMe().data;
  const { refetch } = query;
  const recheck = useCallback(() => void refetch(), [refetch]);

  if (query.isPending || !me) {
    return (
      <div className="page">
        <Loading />
      </div>
    );
  }
  // A document that was open and is now "not found" (access withdrawn, deleted) stays on the page
  // with the reason, rather than vanishing under the reader.
  const accessLost = query.isError && isNotFound(query.error);
  if (query.data === undefined) {
    if (accessLost) {
      return <DocumentNotFound projectId={id} />;
    }
    return (
      <div className="page">
        <h1>{t("documents.editor.loadFailed")}</h1>
        <LoadFailed error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const document = query.data;
  if (document.projectId !== id) {
    // an old or hand-made address: the document's own project is the right one
    return <Navigate to={documentPath(document.projectId, document.id)} replace />;
  }
  return (
    <DocumentView key={document.id} document={document} me={me} accessLost={accessLost} onRecheck={recheck} />
  );
}

function DocumentNotFound({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("documents.editor.notFoundTitle"));
  return (
    <div className="page">
      <h1>{t("documents.editor.notFoundTitle")}</h1>
      <p>{t("documents.editor.notFound")}</p>
      <p>
        <Link to={documentsPath(projectId)}>{t("documents.editor.toDocuments")}</Link>
      </p>
    </div>
  );
}

function DocumentView({
  document,
  me,
  accessLost,
  onRecheck,
}: {
  document: Document;
  me: CurrentUser;
  /** The API now answers "not found" for this document. */
  accessLost: boolean;
  onRecheck(): void;
}) {
  const { t } = useTranslation();
  useDocumentTitle(`${document.title} – ${document.project.name}`);
  const language = currentLanguage();
  const user = useMemo<CollabUser>(
    () => ({ id: me.id, name: me.displayName, color: personColor(me.id) }),
    [me.id, me.displayName],
  );
  const { session, state, restart } = useCollaboration(document.id, user, language);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);

  // The server said "read-only", or keeps refusing the connection: the document's abilities (or
  // its existence) may have changed, so ask the API again; the page follows its answer.
  const { writesRefused, failedAttempts, ended } = state;
  useEffect(() => {
    if (
      (writesRefused && document.abilities.edit) ||
      (failedAttempts > 0 && failedAttempts % 3 === 0) ||
      ended === "revoked"
    ) {
      onRecheck();
    }
  }, [writesRefused, failedAttempts, ended, document.abilities.edit, onRecheck]);
  useEffect(() => {
    if (accessLost) {
      session?.endAccess();
    }
  }, [accessLost, session]);
  // Back from the trash (restored here or elsewhere): the session the server ended or limited
  // while it was trashed is replaced by a fresh one.
  const wasTrashed = useRef(document.deletedAt !== null);
  useEffect(() => {
    const trashed = document.deletedAt !== null;
    if (wasTrashed.current && !trashed) {
      restart();
    }
    wasTrashed.current = trashed;
  }, [document.deletedAt, restart]);
  // Someone who could edit when the page opened and may not any more: the changes the server
  // refused must not live on in this device's copy.
  const couldEdit = useRef(document.abilities.edit);
  useEffect(() => {
    if (document.abilities.edit) {
      couldEdit.current = true;
    } else if (writesRefused && couldEdit.current) {
      session?.discardLocalCopy();
    }
  }, [document.abilities.edit, writesRefused, session]);

  return (
    <div className="page page--document">
      <nav className="documents-breadcrumb" aria-label={t("documents.editor.breadcrumb")}>
        <ol>
          <li>
            <Link to={`/projects/${document.project.id}`}>{document.project.name}</Link>
          </li>
          <li>
            <Link to={documentsPath(document.project.id, { folderId: document.folderId })}>
              {t("documents.title")}
            </Link>
          </li>
        </ol>
      </nav>
      <DocumentTitle
        document={document}
        canRename={document.abilities.edit && state.ended === null}
        headingRef={headingRef}
      />
      <p className="meta-row document-meta">{lastEdited(t, document, language)}</p>
      <DocumentNotices document={document} state={state} onRestored={focusHeading} />
      {session ? <CollaborativeEditor session={session} state={state} document={document} /> : <Loading />}
    </div>
  );
}

const TITLE_FIELDS = ["title"] as const;

/** The document's title as the page's heading; editors rename it in place. */
function DocumentTitle({
  document,
  canRename,
  headingRef,
}: {
  document: Document;
  canRename: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(document.title);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(TITLE_FIELDS);
  const update = useUpdateDocument();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      buttonRef.current?.focus();
    }
  }, [editing]);

  function stop() {
    returnFocus.current = true;
    setEditing(false);
    form.reset();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(UpdateDocumentInput, { title: value }, TITLE_FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const title = value.trim();
      if (title !== document.title) {
        await update.mutateAsync({ id: document.id, input: { title } });
        setSaved(t("documents.rename.done", { title }));
      }
      stop();
    });
  }

  return (
    <div className="document-title">
      <h1 ref={headingRef} tabIndex={-1}>
        {document.title}
      </h1>
      {canRename && !editing ? (
        <Button
          ref={buttonRef}
          variant="secondary"
          className="button--small"
          onClick={() => {
            setSaved(null);
            setValue(document.title);
            setEditing(true);
          }}
        >
          {t("documents.editor.rename")}
        </Button>
      ) : null}
      {editing ? (
        <form
          ref={form.formRef}
          className="form document-title__form"
          noValidate
          onSubmit={onSubmit}
          onKeyDown={(event) => {
            if (event.key === "Escape" && !form.busy) {
              event.preventDefault();
              stop();
            }
          }}
        >
          <FormErrorSummary form={form} labels={{ title: t("documents.rename.label") }} />
          <TextField
            id={form.ids.title}
            label={t("documents.rename.label")}
            required
            autoComplete="off"
            autoFocus
            value={value}
            onValueChange={setValue}
            error={form.errorFor("title")}
          />
          <div className="form__actions">
            <Button type="submit" busy={form.busy}>
              {t("documents.rename.submit")}
            </Button>
            <Button variant="secondary" disabled={form.busy} onClick={stop}>
              {t("app.cancel")}
            </Button>
          </div>
        </form>
      ) : null}
      <StatusMessage message={saved} />
    </div>
  );
}

/** Why the document cannot be edited here right now, or what went wrong with the connection. */
function DocumentNotices({
  document,
  state,
  onRestored,
}: {
  document: Document;
  state: CollabState;
  /** Restored: the notice and its button go, so focus needs a new place. */
  onRestored(): void;
}) {
  const { t } = useTranslation();
  const step = useDocumentStep();
  // Trashed while open (the server ended the session) or opened from the trash: say so, and let
  // those who may bring it back.
  if (document.deletedAt !== null) {
    return (
      <div role={state.ended ? "alert" : undefined} className="notice notice--warning document-notice">
        <p>{t("documents.editor.trashed")}</p>
        {document.abilities.restore ? (
          <Button
            variant="secondary"
            busy={step.isPending}
            onClick={() => step.mutate({ id: document.id, step: "restore" }, { onSuccess: onRestored })}
          >
            {t("documents.trash.restore")}
          </Button>
        ) : null}
        <ActionError error={step.error} />
      </div>
    );
  }
  if (state.ended) {
    return (
      <div role="alert" className="notice notice--error document-notice">
        <p>{t(`documents.editor.ended.${state.ended}`)}</p>
        {state.ended === "revoked" ? (
          <p>
            <Link to="/projects">{t("documents.editor.toProjects")}</Link>
          </p>
        ) : (
          <Button variant="secondary" onClick={() => window.location.reload()}>
            {t("documents.editor.reload")}
          </Button>
        )}
      </div>
    );
  }
  if (state.writesRefused && document.abilities.edit) {
    return (
      <div role="alert" className="notice notice--error document-notice">
        <p>{t("documents.editor.writesRefused")}</p>
      </div>
    );
  }
  if (!document.abilities.edit) {
    return (
      <div className="notice document-notice document-notice--info">
        <p>
          {document.project.state === "archived"
            ? t("documents.editor.readOnlyArchived")
            : t("documents.editor.readOnly")}
        </p>
      </div>
    );
  }
  return null;
}

/** The caret of someone else: a coloured bar with their name (decorative for screen readers). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === "string" ? user.name : "";
  const color = typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#4b5563";
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.style.borderColor = color;
  caret.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = color;
  label.textContent = name;
  caret.append(label);
  return caret;
}

/** Room kept around the caret when the text scrolls to it, in pixels. */
const CARET_ROOM = 24;
/** How much of the view the toolbar covers when nothing can be measured (one or two rows of buttons). */
const TOOLBAR_FALLBACK = 96;

/**
 * The room ProseMirror keeps between the caret and the edges of the view: at the top the height of
 * the toolbar that stays in view (sticky on wide screens) plus a line's gap, so the caret never
 * hides under it. Read at every scroll, since the toolbar grows a row inside tables.
 */
function caretClearance(editorId: string): { top: number; right: number; bottom: number; left: number } {
  return {
    get top() {
      const toolbar = window.document
        .querySelector(`[role="toolbar"][aria-controls="${CSS.escape(editorId)}"]`)
        ?.closest<HTMLElement>(".editor-toolbars");
      if (!toolbar) {
        return CARET_ROOM;
      }
      if (getComputedStyle(toolbar).position !== "sticky") {
        return CARET_ROOM;
      }
      const height = toolbar.getBoundingClientRect().height;
      return (height > 0 ? height : TOOLBAR_FALLBACK) + CARET_ROOM;
    },
    right: CARET_ROOM,
    bottom: CARET_ROOM,
    left: CARET_ROOM,
  };
}

/** The nearest ancestor that scrolls (the page itself when none does). */
function scrollParent(element: HTMLElement): HTMLElement {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === "auto" || overflowY === "scroll") && node.scrollHeight > node.clientHeight) {
      return node;
    }
  }
  return window.document.scrollingElement instanceof HTMLElement
    ? window.document.scrollingElement
    : window.document.documentElement;
}

/**
 * Moves the text down when the caret went under the sticky toolbar by a key the browser handles
 * itself (arrow keys, Page Up): the browser only keeps it inside the window, not clear of the toolbar.
 */
function keepCaretClear(editor: Editor, editorId: string): void {
  const { view } = editor;
  if (editor.isDestroyed || !view.hasFocus()) {
    return;
  }
  const clearance = caretClearance(editorId).top;
  if (clearance <= CARET_ROOM) {
    return;
  }
  const toolbarTop = view.dom.ownerDocument
    .querySelector(`[role="toolbar"][aria-controls="${CSS.escape(editorId)}"]`)
    ?.closest<HTMLElement>(".editor-toolbars")
    ?.getBoundingClientRect().top;
  const caret = view.coordsAtPos(view.state.selection.head);
  const wanted = (toolbarTop ?? 0) + clearance;
  if (caret.top < wanted) {
    scrollParent(view.dom).scrollBy({ top: caret.top - wanted });
  }
}

function CollaborativeEditor({
  session,
  state,
  document,
}: {
  session: CollabSession;
  state: CollabState;
  document: Document;
}) {
  const { t } = useTranslation();
  const editorId = useId();
  const editable =
    document.abilities.edit && document.deletedAt === null && state.ended === null && !state.writesRefused;
  // without access, versions, export and comments would only answer "not found"
  const accessEnded = state.ended === "revoked" && document.deletedAt === null;
  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions({
          collaboration: true,
          placeholder: t("documents.editor.placeholder"),
          checkboxLabel: (text) =>
            t("documents.editor.taskDone", { text: text || t("documents.editor.taskEmpty") }),
        }),
        Collaboration.configure({ document: session.ydoc, field: "default" }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: session.currentUser(),
          render: renderCaret,
        }),
      ],
      editable,
      editorProps: {
        attributes: {
          id: editorId,
          class: "document-content",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t("documents.editor.contentLabel", { title: document.title }),
          // aria-describedby (the keys hint) is set below, only while the hint is shown
        },
        // The caret line is kept clear of the sticky toolbar when the text scrolls to it.
        scrollThreshold: caretClearance(editorId),
        scrollMargin: caretClearance(editorId),
        // Tab stays in the text where it indents lists and moves between table cells; Alt+F10
        // (as in other editors) is the way to the toolbar from anywhere in the text.
        handleKeyDown: (_view, event) => {
          if (!(event.altKey && event.key === "F10")) {
            return false;
          }
          const toolbar = window.document.querySelector<HTMLElement>(
            `[role="toolbar"][aria-controls="${CSS.escape(editorId)}"] [tabindex="0"]`,
          );
          toolbar?.focus();
          return toolbar !== null;
        },
      },
    },
    [session],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) {
      return;
    }
    editor.setEditable(editable);
    editor.view.dom.setAttribute("aria-readonly", String(!editable));
    // the hint on the keys is there only while the text can be edited
    if (editable) {
      editor.view.dom.setAttribute("aria-describedby", `${editorId}-keys`);
    } else {
      editor.view.dom.removeAttribute("aria-describedby");
    }
  }, [editor, editable, editorId]);

  useEffect(() => {
    if (!editor) {
      return;
    }
    // my own caret moves without a change of the text (typing already scrolls with the margins above)
    const onSelection = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) {
        keepCaretClear(editor, editorId);
      }
    };
    editor.on("selectionUpdate", onSelection);
    return () => {
      editor.off("selectionUpdate", onSelection);
    };
  }, [editor, editorId]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) {
      return;
    }
    editor.view.dom.setAttribute("aria-label", t("documents.editor.contentLabel", { title: document.title }));
  }, [editor, document.title, t]);

  return (
    <div className="document-workspace">
      <div className="document-bar">
        <SyncStatus state={state} showSave={editable} />
        <PeopleList people={state.people} />
        {editor && !accessEnded ? (
          <div className="document-bar__actions">
            <VersionHistory editor={editor} document={document} saveState={state.save} />
            <ExportMenu editor={editor} document={document} />
            <SaveAsTemplateButton document={document} />
          </div>
        ) : null}
      </div>
      <div className="document-columns">
        <div className="document-main">
          {editor && editable ? <EditorToolbar editor={editor} editorId={editorId} /> : null}
          <div className="document-page">
            <EditorContent editor={editor} />
          </div>
          <div className="document-foot">
            {editor ? <WordCount editor={editor} /> : null}
            {editable ? (
              <p id={`${editorId}-keys`} className="document-keys">
                {t("documents.editor.keys")}
              </p>
            ) : null}
          </div>
        </div>
        {accessEnded ? null : <CommentsPanel editor={editor} document={document} />}
      </div>
    </div>
  );
}

function WordCount({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const words = useEditorState({
    editor,
    // A replaced editor (a new session) is destroyed before the new one arrives here: no storage.
    selector: ({ editor: e }) => (e.isDestroyed ? 0 : e.storage.characterCount.words()),
  });
  return <p className="document-words">{t("documents.editor.words", { count: words })}</p>;
}

/** How long "saving" must last before it is shown: quick acknowledgements keep "saved" calm. */
const SHOW_SAVING_AFTER_MS = 1000;

/** The save state as shown: a short "saving" between two "saved" is not worth a word (or a voice). */
function useShownSave(save: SaveState): SaveState {
  const [shown, setShown] = useState<SaveState>(save);
  useEffect(() => {
    if (save !== "saving" || shown !== "saved") {
      setShown(save);
      return;
    }
    const timer = setTimeout(() => setShown("saving"), SHOW_SAVING_AFTER_MS);
    return () => clearTimeout(timer);
  }, [save, shown]);
  return shown;
}

const CONNECTION_KEYS = {
  connecting: "documents.editor.connection.connecting",
  connected: "documents.editor.connection.connected",
  reconnecting: "documents.editor.connection.reconnecting",
  offline: "documents.editor.connection.offline",
} as const satisfies Record<ConnectionState, string>;

/** Connection and save state, each a polite live region (see useShownSave for the calm). */
function SyncStatus({ state, showSave }: { state: CollabState; showSave: boolean }) {
  const { t } = useTranslation();
  const save = useShownSave(state.save);
  const connection = state.ended ? null : state.connection;
  return (
    <div className="document-status">
      <div className={`document-status__connection document-status__connection--${connection ?? "ended"}`}>
        <span className="document-status__dot" aria-hidden="true" />
        <LiveText
          className="document-status__text"
          text={connection ? t(CONNECTION_KEYS[connection]) : t("documents.editor.connection.ended")}
        />
      </div>
      {showSave ? (
        <LiveText
          className={`document-status__save document-status__save--${save}`}
          text={t(`documents.editor.save.${save}`)}
        />
      ) : null}
    </div>
  );
}

/** Who has the document open right now (from awareness), each with their caret colour. */
function PeopleList({ people }: { people: readonly Person[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="document-people" aria-labelledby={headingId}>
      <h2 id={headingId} className="document-people__heading">
        {t("documents.editor.people")}
      </h2>
      <ul className="document-people__list">
        {people.map((person) => (
          <li key={person.key} className="document-people__person">
            <span
              className="document-people__swatch"
              style={{ backgroundColor: person.color }}
              aria-hidden="true"
            />
            {person.isMe ? t("documents.editor.me", { name: person.name }) : person.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
