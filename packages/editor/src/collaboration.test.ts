// @vitest-environment happy-dom
import { Editor, Extension } from "@tiptap/core";
import { ySyncPlugin } from "@tiptap/y-tiptap";
import type { Document as HappyDocument } from "happy-dom";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { jsonToState, normalizeJson, stateToJson, YJS_FRAGMENT } from "./convert.ts";
import { documentExtensions } from "./extensions.ts";
import { everyNodeDocument } from "./test-fixtures.ts";

/** What @tiptap/extension-collaboration installs: the Yjs sync plugin on the "default" fragment. */
function yjsBinding(ydoc: Y.Doc) {
  return Extension.create({
    name: "yjsBinding",
    addProseMirrorPlugins: () => [ySyncPlugin(ydoc.getXmlFragment(YJS_FRAGMENT))],
  });
}

/** The happy-dom document vitest installs for this file. */
const happy = (globalThis as unknown as { document: HappyDocument }).document;

const editors: Editor[] = [];
function collaborativeEditor(ydoc: Y.Doc): Editor {
  const editor = new Editor({
    element: happy.createElement("div") as unknown as HTMLElement,
    extensions: [...documentExtensions({ collaboration: true }), yjsBinding(ydoc)],
  });
  editors.push(editor);
  return editor;
}

afterEach(() => {
  for (const editor of editors.splice(0)) {
    editor.destroy();
  }
});

describe("a real Tiptap editor bound to Yjs", () => {
  it("produces a state the server reads back as the editor's content", () => {
    const ydoc = new Y.Doc();
    const editor = collaborativeEditor(ydoc);
    editor.commands.setContent(everyNodeDocument());
    editor.commands.setTextSelection({ from: 2, to: 6 });
    editor.commands.setComment("thread-9");

    const state = Y.encodeStateAsUpdate(ydoc);
    expect(stateToJson(state)).toEqual(editor.getJSON());
    expect(JSON.stringify(stateToJson(state))).toContain('"threadId":"thread-9"');
  });

  it("loads a state made by jsonToState exactly as the server wrote it", () => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, jsonToState(everyNodeDocument()));
    const editor = collaborativeEditor(ydoc);
    expect(editor.getJSON()).toEqual(normalizeJson(everyNodeDocument()));
  });

  it("unsetComment removes only that thread's marks, everywhere", () => {
    const ydoc = new Y.Doc();
    const editor = collaborativeEditor(ydoc);
    editor.commands.setContent(everyNodeDocument());
    expect(editor.commands.unsetComment("thread-1")).toBe(true);
    const json = JSON.stringify(stateToJson(Y.encodeStateAsUpdate(ydoc)));
    expect(json).not.toContain("thread-1");
    expect(json).toContain("thread-2");
    expect(editor.commands.unsetComment("thread-1")).toBe(false);
  });

  it("leaves undo to Yjs when collaborating", () => {
    const names = (collaboration: boolean) => {
      const editor = new Editor({ extensions: documentExtensions({ collaboration }) });
      editors.push(editor);
      return editor.extensionManager.extensions.map((extension) => extension.name);
    };
    expect(names(false)).toContain("undoRedo");
    expect(names(true)).not.toContain("undoRedo");
  });
});
