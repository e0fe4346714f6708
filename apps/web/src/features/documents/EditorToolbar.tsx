import { HEADING_LEVELS } from "@ensemble/editor/extensions";
import { type Editor, useEditorState } from "@tiptap/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ImageForm, LinkForm } from "./EditorDialogs.tsx";
import { FormDialog } from "./FormDialog.tsx";
import { Toolbar, ToolbarButton, ToolbarGroup } from "./Toolbar.tsx";
import { icons } from "./ToolbarIcons.tsx";

function isMac(): boolean {
  return (
    typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
  );
}

/** What the toolbar shows about the selection: formats on, what can be undone, in a table. */
function useToolbarState(editor: Editor) {
  return useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      code: e.isActive("code"),
      headings: HEADING_LEVELS.map((level) => e.isActive("heading", { level })),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      taskList: e.isActive("taskList"),
      blockquote: e.isActive("blockquote"),
      codeBlock: e.isActive("codeBlock"),
      link: e.isActive("link"),
      linkHref: typeof e.getAttributes("link").href === "string" ? String(e.getAttributes("link").href) : "",
      selectionEmpty: e.state.selection.empty,
      table: e.isActive("table"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
}

type Dialog = "link" | "image" | null;

/**
 * The formatting toolbar of the editor (headings, marks, lists, inserts, undo/redo per person
 * through Yjs), and a second one with the table tools while the cursor is in a table.
 */
export function EditorToolbar({ editor, editorId }: { editor: Editor; editorId: string }) {
  const { t } = useTranslation();
  const state = useToolbarState(editor);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const mod = isMac() ? "⌘" : t("documents.toolbar.keys.mod");
  const shift = t("documents.toolbar.keys.shift");
  const alt = isMac() ? "⌥" : t("documents.toolbar.keys.alt");

  // After a dialog inserted something, the writing goes on in the text (runs after the dialog
  // gave focus back to its button, since the dialog's effects run first).
  useEffect(() => {
    if (focusRequest > 0) {
      editor.commands.focus();
    }
  }, [focusRequest, editor]);

  const chain = () => editor.chain().focus();
  // Escape in a toolbar: back to writing, where the caret was
  const backToText = () => editor.commands.focus();
  const closeDialog = () => setDialog(null);
  const done = () => {
    setDialog(null);
    setFocusRequest((n) => n + 1);
  };

  return (
    <div className="editor-toolbars">
      <Toolbar
        label={t("documents.toolbar.label")}
        first="bold"
        controls={editorId}
        className="toolbar"
        onEscape={backToText}
      >
        <ToolbarGroup label={t("documents.toolbar.groups.text")}>
          <ToolbarButton
            id="bold"
            label={t("documents.toolbar.bold")}
            shortcut={`${mod}+B`}
            pressed={state.bold}
            onClick={() => chain().toggleBold().run()}
          >
            <b aria-hidden="true">B</b>
          </ToolbarButton>
          <ToolbarButton
            id="italic"
            label={t("documents.toolbar.italic")}
            shortcut={`${mod}+I`}
            pressed={state.italic}
            onClick={() => chain().toggleItalic().run()}
          >
            <i aria-hidden="true">I</i>
          </ToolbarButton>
          <ToolbarButton
            id="underline"
            label={t("documents.toolbar.underline")}
            shortcut={`${mod}+U`}
            pressed={state.underline}
            onClick={() => chain().toggleUnderline().run()}
          >
            <u aria-hidden="true">U</u>
          </ToolbarButton>
          <ToolbarButton
            id="strike"
            label={t("documents.toolbar.strike")}
            shortcut={`${mod}+${shift}+S`}
            pressed={state.strike}
            onClick={() => chain().toggleStrike().run()}
          >
            <s aria-hidden="true">S</s>
          </ToolbarButton>
          <ToolbarButton
            id="code"
            label={t("documents.toolbar.code")}
            shortcut={`${mod}+E`}
            pressed={state.code}
            onClick={() => chain().toggleCode().run()}
          >
            {icons.code}
          </ToolbarButton>
        </ToolbarGroup>
        <ToolbarGroup label={t("documents.toolbar.groups.headings")}>
          {HEADING_LEVELS.map((level, index) => (
            <ToolbarButton
              key={level}
              id={`heading-${level}`}
              label={t("documents.toolbar.heading", { level })}
              shortcut={`${mod}+${alt}+${level}`}
              pressed={state.headings[index] ?? false}
              onClick={() => chain().toggleHeading({ level }).run()}
            >
              <span className="toolbar__text" aria-hidden="true">
                {t("documents.toolbar.headingShort", { level })}
              </span>
            </ToolbarButton>
          ))}
        </ToolbarGroup>
        <ToolbarGroup label={t("documents.toolbar.groups.lists")}>
          <ToolbarButton
            id="bullet-list"
            label={t("documents.toolbar.bulletList")}
            shortcut={`${mod}+${shift}+8`}
            pressed={state.bulletList}
            onClick={() => chain().toggleBulletList().run()}
          >
            {icons.bulletList}
          </ToolbarButton>
          <ToolbarButton
            id="ordered-list"
            label={t("documents.toolbar.orderedList")}
            shortcut={`${mod}+${shift}+7`}
            pressed={state.orderedList}
            onClick={() => chain().toggleOrderedList().run()}
          >
            {icons.orderedList}
          </ToolbarButton>
          <ToolbarButton
            id="task-list"
            label={t("documents.toolbar.taskList")}
            shortcut={`${mod}+${shift}+9`}
            pressed={state.taskList}
            onClick={() => chain().toggleTaskList().run()}
          >
            {icons.taskList}
          </ToolbarButton>
        </ToolbarGroup>
        <ToolbarGroup label={t("documents.toolbar.groups.blocks")}>
          <ToolbarButton
            id="blockquote"
            label={t("documents.toolbar.blockquote")}
            shortcut={`${mod}+${shift}+B`}
            pressed={state.blockquote}
            onClick={() => chain().toggleBlockquote().run()}
          >
            {icons.quote}
          </ToolbarButton>
          <ToolbarButton
            id="code-block"
            label={t("documents.toolbar.codeBlock")}
            shortcut={`${mod}+${alt}+C`}
            pressed={state.codeBlock}
            onClick={() => chain().toggleCodeBlock().run()}
          >
            {icons.codeBlock}
          </ToolbarButton>
          <ToolbarButton
            id="horizontal-rule"
            label={t("documents.toolbar.horizontalRule")}
            onClick={() => chain().setHorizontalRule().run()}
          >
            {icons.horizontalRule}
          </ToolbarButton>
        </ToolbarGroup>
        <ToolbarGroup label={t("documents.toolbar.groups.insert")}>
          <ToolbarButton
            id="link"
            label={state.link ? t("documents.toolbar.editLink") : t("documents.toolbar.link")}
            pressed={state.link}
            onClick={() => setDialog("link")}
          >
            {icons.link}
          </ToolbarButton>
          <ToolbarButton id="image" label={t("documents.toolbar.image")} onClick={() => setDialog("image")}>
            {icons.image}
          </ToolbarButton>
          <ToolbarButton
            id="table"
            label={t("documents.toolbar.table")}
            disabled={state.table}
            onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          >
            {icons.table}
          </ToolbarButton>
        </ToolbarGroup>
        <ToolbarGroup label={t("documents.toolbar.groups.history")}>
          <ToolbarButton
            id="undo"
            label={t("documents.toolbar.undo")}
            shortcut={`${mod}+Z`}
            disabled={!state.canUndo}
            onClick={() => chain().undo().run()}
          >
            {icons.undo}
          </ToolbarButton>
          <ToolbarButton
            id="redo"
            label={t("documents.toolbar.redo")}
            shortcut={isMac() ? `${mod}+${shift}+Z` : `${mod}+Y`}
            disabled={!state.canRedo}
            onClick={() => chain().redo().run()}
          >
            {icons.redo}
          </ToolbarButton>
        </ToolbarGroup>
      </Toolbar>

      {state.table ? (
        <Toolbar
          label={t("documents.table.label")}
          first="row-before"
          controls={editorId}
          onEscape={backToText}
          className="toolbar toolbar--table"
        >
          <ToolbarGroup label={t("documents.table.rows")}>
            <ToolbarButton
              id="row-before"
              label={t("documents.table.rowBefore")}
              onClick={() => chain().addRowBefore().run()}
            >
              {icons.rowBefore}
            </ToolbarButton>
            <ToolbarButton
              id="row-after"
              label={t("documents.table.rowAfter")}
              onClick={() => chain().addRowAfter().run()}
            >
              {icons.rowAfter}
            </ToolbarButton>
            <ToolbarButton
              id="row-delete"
              label={t("documents.table.rowDelete")}
              onClick={() => chain().deleteRow().run()}
            >
              {icons.rowDelete}
            </ToolbarButton>
          </ToolbarGroup>
          <ToolbarGroup label={t("documents.table.columns")}>
            <ToolbarButton
              id="column-before"
              label={t("documents.table.columnBefore")}
              onClick={() => chain().addColumnBefore().run()}
            >
              {icons.columnBefore}
            </ToolbarButton>
            <ToolbarButton
              id="column-after"
              label={t("documents.table.columnAfter")}
              onClick={() => chain().addColumnAfter().run()}
            >
              {icons.columnAfter}
            </ToolbarButton>
            <ToolbarButton
              id="column-delete"
              label={t("documents.table.columnDelete")}
              onClick={() => chain().deleteColumn().run()}
            >
              {icons.columnDelete}
            </ToolbarButton>
          </ToolbarGroup>
          <ToolbarGroup label={t("documents.table.whole")}>
            <ToolbarButton
              id="header-row"
              label={t("documents.table.headerRow")}
              onClick={() => chain().toggleHeaderRow().run()}
            >
              {icons.headerRow}
            </ToolbarButton>
            <ToolbarButton
              id="table-delete"
              label={t("documents.table.delete")}
              onClick={() => chain().deleteTable().run()}
            >
              {icons.tableDelete}
            </ToolbarButton>
          </ToolbarGroup>
        </Toolbar>
      ) : null}

      <FormDialog
        open={dialog === "link"}
        title={state.link ? t("documents.link.editTitle") : t("documents.link.title")}
        busy={false}
        onCancel={closeDialog}
      >
        <LinkForm
          initialHref={state.linkHref}
          askText={state.selectionEmpty && !state.link}
          canRemove={state.link}
          onCancel={closeDialog}
          onRemove={() => {
            chain().extendMarkRange("link").unsetLink().run();
            done();
          }}
          onSave={(href, text) => {
            if (state.selectionEmpty && !state.link) {
              chain()
                .insertContent({ type: "text", text, marks: [{ type: "link", attrs: { href } }] })
                .run();
            } else {
              chain().extendMarkRange("link").setLink({ href }).run();
            }
            done();
          }}
        />
      </FormDialog>
      <FormDialog
        open={dialog === "image"}
        title={t("documents.image.title")}
        busy={false}
        onCancel={closeDialog}
      >
        <ImageForm
          onCancel={closeDialog}
          onSave={(src, alt) => {
            chain()
              .setImage(alt ? { src, alt } : { src })
              .run();
            done();
          }}
        />
      </FormDialog>
    </div>
  );
}
