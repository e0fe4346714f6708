import type { TaskDetail } from "@ensemble/contracts/boards";
import { documentExtensions } from "@ensemble/editor/extensions";
import { EditorContent, useEditor } from "@tiptap/react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { EditorToolbar } from "../documents/EditorToolbar.tsx";
import { useUpdateTask } from "./boards.queries.ts";
import "../documents/documents.css";

/** How long typing must pause before the description is saved. */
const SAVE_AFTER_MS = 1500;

type SaveState = "saved" | "unsaved" | "saving" | "failed";

/**
 * The description editor (loaded lazily): the documents' Tiptap schema with its toolbar, without
 * collaboration. Saves a moment after typing stops, when the editor is left, and when the panel
 * closes; an empty text is saved as no description.
 */
export default function DescriptionEditor({ task, editable }: { task: TaskDetail; editable: boolean }) {
  const { t } = useTranslation();
  const editorId = useId();
  const update = useUpdateTask(task.id, task.boardId);
  const [state, setState] = useState<SaveState>("saved");
  const [failure, setFailure] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const saving = useRef(false);
  const { mutateAsync } = update;

  const editor = useEditor(
    {
      extensions: documentExtensions({
        placeholder: t("boards.description.placeholder"),
        checkboxLabel: (text) =>
          t("boards.description.taskDone", { text: text || t("boards.description.taskEmpty") }),
      }),
      content: task.description ?? "",
      editable,
      editorProps: {
        attributes: {
          id: editorId,
          class: "document-content task-description",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t("boards.description.label", { title: task.title }),
        },
      },
    },
    // one editor per task: what is typed is not replaced by answers from the server
    [task.id],
  );

  const save = useCallback(async () => {
    if (!editor || editor.isDestroyed || !dirty.current || saving.current) {
      return;
    }
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    dirty.current = false;
    saving.current = true;
    setState("saving");
    try {
      await mutateAsync({ description: editor.isEmpty ? null : editor.getJSON() });
      setFailure(null);
      setState(dirty.current ? "unsaved" : "saved");
    } catch (error) {
      dirty.current = true;
      setFailure(error);
      setState("failed");
    } finally {
      saving.current = false;
    }
    // typed on while saving: that goes next
    if (dirty.current && timer.current === null && !editor.isDestroyed) {
      timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
    }
  }, [editor, mutateAsync]);

  useEffect(() => {
    if (!editor) {
      return;
    }
    const onUpdate = () => {
      dirty.current = true;
      setState("unsaved");
      if (timer.current) {
        clearTimeout(timer.current);
      }
      timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
    };
    const onBlur = () => void save();
    editor.on("update", onUpdate);
    editor.on("blur", onBlur);
    return () => {
      editor.off("update", onUpdate);
      editor.off("blur", onBlur);
    };
  }, [editor, save]);

  // the panel closes with unsaved text: it is saved on the way out
  useEffect(
    () => () => {
      if (dirty.current && editor && !editor.isDestroyed) {
        if (timer.current) {
          clearTimeout(timer.current);
        }
        void mutateAsync({ description: editor.isEmpty ? null : editor.getJSON() }).catch(() => undefined);
      }
    },
    [editor, mutateAsync],
  );

  useEffect(() => {
    if (editor && !editor.isDestroyed) {
      editor.setEditable(editable);
    }
  }, [editor, editable]);

  const stateText =
    state === "saving"
      ? t("boards.description.saving")
      : state === "unsaved"
        ? t("boards.description.unsaved")
        : state === "saved" && update.isSuccess
          ? t("boards.description.saved")
          : "";

  return (
    <div className="task-description-editor">
      {editor && editable ? <EditorToolbar editor={editor} editorId={editorId} /> : null}
      <div className="document-page task-description-page">
        <EditorContent editor={editor} />
      </div>
      {editable ? (
        <p role="status" className="task-description__state">
          {state === "failed" ? "" : stateText}
        </p>
      ) : null}
      {state === "failed" ? (
        <div role="alert" className="notice notice--error">
          <p>
            {t("boards.description.saveFailed")} {errorMessage(t, failure)}
          </p>
          <Button
            variant="secondary"
            className="button--small"
            onClick={() => {
              dirty.current = true;
              void save();
            }}
          >
            {t("boards.description.retry")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
