import { documentExtensions } from "@ensemble/editor/extensions";
import type { JSONContent } from "@tiptap/core";
import { EditorContent, useEditor } from "@tiptap/react";
import { useTranslation } from "react-i18next";

/** Tiptap JSON as the API sends it (a record), checked to be a document before it is shown. */
export function asDocumentJson(content: Record<string, unknown>): JSONContent | null {
  if (content.type !== "doc") {
    return null;
  }
  return content as JSONContent;
}

/**
 * A version's content in a read-only editor with the same extensions as the live one, so it looks
 * like the document (and nothing of it is dropped).
 */
export function VersionPreview({ content, label }: { content: JSONContent; label: string }) {
  const { t } = useTranslation();
  const editor = useEditor(
    {
      extensions: documentExtensions({
        checkboxLabel: (text) =>
          t("documents.editor.taskDone", { text: text || t("documents.editor.taskEmpty") }),
      }),
      content,
      editable: false,
      immediatelyRender: false,
      editorProps: {
        attributes: {
          // a document to read (browse mode in screen readers), focusable so it can be scrolled
          role: "document",
          "aria-label": label,
          tabindex: "0",
          class: "version-preview__content",
        },
      },
    },
    [content],
  );
  return <EditorContent editor={editor} className="version-preview__editor" />;
}
